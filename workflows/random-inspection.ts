// 一公开 (§十五; 国办发〔2015〕58号): the drawn list is published at once; each target's result is published
// when recorded, within 7 working days of a penalty decision or 20 of any other decision (国办发〔2018〕118号).
import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ApprovalActivities } from '../activities/approval';
import type { CalendarActivities } from '../activities/calendar';
import type { AnnualPlanActivities } from '../activities/annual-plan';
import { parseIsoDate, todayInShanghai } from '../domain/dates';
import { deadlineFor, getLegalBasis } from '../domain/legal-basis';
import { AgencyDesk } from './agency/agency-desk';
import { isoAt } from './approval/deadline';
import { drawPublicationQuery, recordResultsUpdate } from './random-inspection/messages';
import type {
  DrawPublication,
  InspectionResult,
  PublishedResult,
  RandomInspectionInput,
} from './random-inspection/types';
import { planRefusals } from './annual-plan/types';
import { refuseBy } from './refusal';

const acts = proxyActivities<AnnualPlanActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});
const { recordAuditEvents } = proxyActivities<ApprovalActivities>({ startToCloseTimeout: '30 seconds' });
const { getCalendarSnapshot } = proxyActivities<CalendarActivities>({ startToCloseTimeout: '30 seconds' });

export async function randomInspectionWorkflow(input: RandomInspectionInput): Promise<DrawPublication> {
  const { workflowId } = workflowInfo();
  const caseRef = {
    workflowId,
    workflowKind: 'random-inspection',
    caseId: input.drawId,
    caseTitle: `${input.itemName}随机抽查`,
    departmentId: input.departmentId,
    initiatorId: `${input.departmentId}-head`,
  };
  const desk = new AgencyDesk(caseRef);
  const publication: DrawPublication = { results: [] };
  const queue: InspectionResult[] = [];
  const today = () => todayInShanghai(Date.now());
  const targets = new Set(input.assignments.map((a) => a.enterpriseId));
  setHandler(drawPublicationQuery, () => publication);
  setHandler(
    recordResultsUpdate,
    (req) => {
      queue.push(...req.results);
      return publication;
    },
    {
      validator: (req) => {
        if (!req?.requestId || !req.actor?.id) refuseBy(planRefusals, 'NOT_ALLOWED', '缺少请求编号或操作人');
        if (req.actor.departmentId !== input.departmentId)
          refuseBy(planRefusals, 'NOT_ALLOWED', '只有实施抽查的部门可以登记检查结果');
        for (const r of req.results ?? []) {
          if (!targets.has(r.enterpriseId))
            refuseBy(planRefusals, 'UNKNOWN_ITEM', `企业 ${r.enterpriseId} 不在本次抽查名单中`);
          if (
            publication.results.some((p) => p.enterpriseId === r.enterpriseId) ||
            queue.some((p) => p.enterpriseId === r.enterpriseId)
          )
            refuseBy(planRefusals, 'ALREADY_DONE', `企业 ${r.enterpriseId} 的检查结果已登记`);
          if (!parseIsoDate(r.decisionDate) || r.decisionDate > today())
            refuseBy(planRefusals, 'INVALID_PLAN', '决定日期无效或晚于今天');
        }
      },
    },
  );

  // The list drawn (targets and inspectors) is published at once.
  const list = await desk.call(
    'disclosurePortal',
    'publish',
    {
      caseRef: input.drawId,
      title: `${input.departmentName}${input.itemName}随机抽查名单`,
      category: 'inspection-result',
      issuedBy: input.departmentName,
      content: input.assignments
        .map(
          (a) =>
            `${a.enterpriseName}（${a.mode === 'full-coverage' ? '重点监管全覆盖' : '随机抽取'}）：${a.inspectorIds.join('、')}`,
        )
        .join('；'),
    },
    { label: '公示随机抽查名单', idempotencyKey: `${input.drawId}:list`, callbackRef: input.drawId },
  );
  if (list.ok) Object.assign(publication, { listReceipt: list.result.receiptNo, listUrl: list.result.documentUrl });
  await acts.recordDrawPublication({ drawId: input.drawId, publication });

  // Each result is published when recorded; whether it met its statutory period is kept with it.
  while (publication.results.length < targets.size) {
    await condition(() => queue.length > 0);
    const calendar = await getCalendarSnapshot();
    const next = queue.shift()!;
    const r: PublishedResult = {
      ...next,
      dueDate: deadlineFor(
        calendar,
        next.decisionDate,
        next.penalty ? 'inspection.publish-penalty-decision' : 'inspection.publish-other-decision',
      ).due,
    };
    const res = await desk.call(
      'disclosurePortal',
      'publish',
      {
        caseRef: input.drawId,
        title:
          `${input.itemName}抽查结果` +
          `（${input.assignments.find((a) => a.enterpriseId === r.enterpriseId)!.enterpriseName}）`,
        category: r.penalty ? 'penalty-decision' : 'inspection-result',
        issuedBy: input.departmentName,
        content: r.summary,
      },
      { label: '公开抽查结果', idempotencyKey: `${input.drawId}:result:${r.enterpriseId}`, callbackRef: input.drawId },
    );
    const publishedOn = today();
    publication.results.push({
      ...r,
      receiptNo: res.ok ? res.result.receiptNo : undefined,
      publishedOn,
      onTime: publishedOn <= r.dueDate,
    });
    await Promise.all([
      acts.recordDrawPublication({ drawId: input.drawId, publication }),
      recordAuditEvents([
        {
          dedupeKey: `${workflowId}:result:${r.enterpriseId}`,
          workflowId,
          caseId: input.drawId,
          actor: 'system',
          action: 'random-inspection.result-published',
          legalBasis: getLegalBasis(
            r.penalty ? 'inspection.publish-penalty-decision' : 'inspection.publish-other-decision',
          ).citation,
          at: isoAt(Date.now()),
          detail: {
            enterpriseId: r.enterpriseId,
            decisionDate: r.decisionDate,
            dueDate: r.dueDate,
            publishedOn,
            onTime: publishedOn <= r.dueDate,
          },
        },
      ]),
    ]);
  }
  return publication;
}
