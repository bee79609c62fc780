// One unit's annual supervision-inspection plan (年度监督检查计划, §十四): drafted by the due date, approved
// (head → legal review → district government, or the entrusting agency), filed with the 安委办 and the
// upper-level authority, published; then executed with on-site plans, quarterly tracking and amendments.
import { condition, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { AnnualPlanActivities } from '../activities/annual-plan';
import type { ApprovalActivities } from '../activities/approval';
import { diffPlans, quarterEnd, quarterlyProgress, type PlanContent } from '../domain/annual-plan';
import { addDays, todayInShanghai } from '../domain/dates';
import { getLegalBasis } from '../domain/legal-basis';
import { AgencyDesk } from './agency/agency-desk';
import { ApprovalEngine } from './approval/engine';
import { endOfDay, isoAt, shanghaiMidnight } from './approval/deadline';
import type { ActionInput, CaseRef } from './approval/types';
import { CaseRecord } from './case/case-record';
import {
  amendPlanUpdate,
  inspectionDoneUpdate,
  onSitePlanUpdate,
  planStateQuery,
  recordFilingUpdate,
  saveDraftUpdate,
  submitPlanUpdate,
} from './annual-plan/messages';
import { planApprovalSteps } from './annual-plan/steps';
import {
  planStageLabels,
  type AmendmentState,
  type AnnualPlanInput,
  type ItemExecutionState,
  type PlanReceipts,
  type PlanStage,
  type PlanView,
} from './annual-plan/types';
import {
  refuse,
  requireChange,
  requireRequest,
  requireStage,
  requireUnitMember,
  requireValidContent,
} from './annual-plan/validate';

const acts = proxyActivities<AnnualPlanActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});
const { recordAuditEvents } = proxyActivities<ApprovalActivities>({ startToCloseTimeout: '30 seconds' });

const approvalBasis = getLegalBasis('plan.approval-and-filing').citation;
const executionBasis = getLegalBasis('plan.execution').citation;

export async function annualPlanWorkflow(input: AnnualPlanInput): Promise<PlanView> {
  const { workflowId } = workflowInfo();
  const { year, unit } = input;
  const planId = `AP-${year}-${unit.id}`;
  const title = `${unit.name}${year}年度安全生产监督检查计划`;
  // The initiator is whoever submits (or amends); the engine reads it at each resubmission check.
  const caseRef: CaseRef = {
    workflowId,
    workflowKind: 'annual-plan',
    caseId: planId,
    caseTitle: title,
    departmentId: unit.id,
    initiatorId: `${unit.id}-head`,
  };
  const engine = new ApprovalEngine(caseRef);
  const desk = new AgencyDesk(caseRef);
  const record = new CaseRecord({
    kind: 'annual-plan',
    caseNumber: planId,
    title,
    departmentId: unit.id,
    stage: 'awaiting-draft',
    stageLabel: planStageLabels['awaiting-draft'],
  });

  let stage: PlanStage = 'awaiting-draft';
  let content: PlanContent | undefined;
  let drafterId: string | undefined;
  let planVersion = 0;
  let submitted = false;
  let version = 0;
  const receipts: PlanReceipts = {};
  const times: { draftedAt?: string; submittedAt?: string; approvedAt?: string; filedAt?: string } = {};
  const executions = new Map<string, ItemExecutionState>();
  const amendments: AmendmentState[] = [];
  let filingReceiptFor = 0; // the plan version the 安委办 has recorded a receipt for
  let awaitingFilingFor = 0;

  const now = () => isoAt(Date.now());
  // Once filed, inspections go on while an amendment is approved and re-filed.
  const executable = (): PlanStage[] => (filingReceiptFor >= 1 ? ['filed', 'amending', 'approved'] : []);
  const today = () => todayInShanghai(Date.now());
  const view = (): PlanView => ({
    planId,
    year,
    departmentId: unit.id,
    stage,
    stageLabel: planStageLabels[stage],
    content,
    planVersion,
    drafterId,
    dueDate: input.dueDate,
    receipts: { ...receipts },
    executions: [...executions.values()],
    amendments: amendments.map(({ content: _c, ...a }) => a),
  });
  const audit = (
    key: string,
    actor: string,
    action: string,
    detail: Record<string, unknown> = {},
    legalBasis = approvalBasis,
  ) =>
    recordAuditEvents([
      { dedupeKey: `${workflowId}:${key}`, workflowId, caseId: planId, actor, action, legalBasis, at: now(), detail },
    ]);
  const project = async () => {
    record
      .stage(stage, planStageLabels[stage])
      .summarise({ year, planVersion, receipts: { ...receipts }, items: content?.items.length ?? 0 });
    await Promise.all([
      record.sync(),
      acts.recordPlan({
        planId,
        year,
        departmentId: unit.id,
        workflowId,
        stage,
        approver: unit.approver.kind === 'district' ? 'district' : unit.approver.departmentId,
        content: content ?? null,
        planVersion,
        drafterId: drafterId ?? null,
        dueDate: input.dueDate,
        receipts,
        times,
        version: ++version,
      }),
    ]);
  };
  const task = (
    key: string,
    name: string,
    assignee: { departmentId: string; roles: Array<'department-head' | 'safety-office'> },
    open: boolean,
    dueDate?: string,
  ) =>
    acts.syncPlanTask({
      workflowId,
      caseId: planId,
      caseTitle: title,
      departmentId: unit.id,
      key,
      name,
      assignee,
      open,
      dueDate,
      legalBasis: approvalBasis,
      at: now(),
      version: open ? 1 : 2,
    });

  setHandler(planStateQuery, view);
  setHandler(
    saveDraftUpdate,
    async (req) => {
      content = req.content;
      drafterId = req.actor.id;
      times.draftedAt ??= now();
      if (stage === 'awaiting-draft') stage = 'drafting';
      await Promise.all([
        project(),
        audit(`draft:${req.requestId}`, req.actor.id, 'plan.draft-saved', { items: req.content.items.length }),
      ]);
      return view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        requireUnitMember(req.actor, unit.headDepartmentId);
        requireStage(stage, ['awaiting-draft', 'drafting'], '计划已提交审批，不能再修改草稿');
        requireValidContent(engine.calendar, year, req.content);
      },
    },
  );
  setHandler(
    submitPlanUpdate,
    async (req) => {
      if (req.content) content = req.content;
      drafterId = req.actor.id;
      caseRef.initiatorId = req.actor.id;
      submitted = true;
      await audit(`submit:${req.requestId}`, req.actor.id, 'plan.submitted', { items: content!.items.length });
      return view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        requireUnitMember(req.actor, unit.headDepartmentId);
        requireStage(stage, ['awaiting-draft', 'drafting'], '计划已在审批或已批准');
        requireValidContent(engine.calendar, year, req.content ?? content);
      },
    },
  );
  setHandler(
    recordFilingUpdate,
    async (req) => {
      receipts.safetyOffice = req.receiptNo;
      filingReceiptFor = awaitingFilingFor;
      await audit(`filing:${req.requestId}`, req.actor.id, 'plan.filed-safety-office', {
        receiptNo: req.receiptNo,
        planVersion: awaitingFilingFor,
      });
      return view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        if (!req.actor.roles.includes('safety-office')) refuse('NOT_ALLOWED', '只有区政府安委办可以登记备案');
        if (awaitingFilingFor === 0 || filingReceiptFor === awaitingFilingFor)
          refuse('WRONG_STAGE', '当前没有待备案的计划');
        if (!req.receiptNo?.trim()) refuse('INVALID_PLAN', '备案编号不能为空');
      },
    },
  );
  setHandler(
    onSitePlanUpdate,
    async (req) => {
      executions.set(req.itemId, {
        ...executions.get(req.itemId),
        itemId: req.itemId,
        onSitePlan: {
          plannedDate: req.plannedDate,
          inspectorIds: req.inspectorIds,
          content: req.content,
          preparedBy: req.actor.id,
          preparedOn: today(),
        },
      });
      await Promise.all([
        syncExecutions(),
        audit(
          `on-site-plan:${req.requestId}`,
          req.actor.id,
          'inspection.on-site-plan',
          { itemId: req.itemId, plannedDate: req.plannedDate, inspectorIds: req.inspectorIds },
          getLegalBasis('inspection.on-site-plan').citation,
        ),
      ]);
      return view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        requireUnitMember(req.actor, unit.headDepartmentId);
        requireStage(stage, executable(), '计划备案后方可编制现场检查方案');
        if (!content?.items.some((i) => i.itemId === req.itemId))
          refuse('UNKNOWN_ITEM', `计划中没有检查项 ${req.itemId}`);
        if (executions.get(req.itemId)?.completedOn) refuse('ALREADY_DONE', '该检查已实施，不能再编制现场检查方案');
        if (req.plannedDate < today())
          refuse('INVALID_PLAN', '现场检查方案应在检查实施前编制，计划检查日期不能早于今天');
        if (!Array.isArray(req.inspectorIds) || req.inspectorIds.length < 2)
          refuse('INVALID_PLAN', '现场检查至少安排两名执法人员（《行政处罚法》第四十二条）');
      },
    },
  );
  setHandler(
    inspectionDoneUpdate,
    async (req) => {
      executions.set(req.itemId, {
        ...executions.get(req.itemId)!,
        completedOn: req.completedOn,
        findings: req.findings,
      });
      await Promise.all([
        syncExecutions(),
        audit(
          `done:${req.requestId}`,
          req.actor.id,
          'inspection.completed',
          { itemId: req.itemId, completedOn: req.completedOn },
          executionBasis,
        ),
      ]);
      return view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        requireUnitMember(req.actor, unit.headDepartmentId);
        requireStage(stage, executable(), '计划备案后方可登记检查实施情况');
        if (!content?.items.some((i) => i.itemId === req.itemId))
          refuse('UNKNOWN_ITEM', `计划中没有检查项 ${req.itemId}`);
        const e = executions.get(req.itemId);
        if (!e?.onSitePlan)
          refuse('NO_ON_SITE_PLAN', '检查实施前应当编制现场检查方案（北碚府办发〔2016〕65号第十四条）');
        if (e.completedOn) refuse('ALREADY_DONE', '该检查已登记实施');
        if (req.completedOn < e.onSitePlan.preparedOn || req.completedOn > today())
          refuse('INVALID_PLAN', '实施日期应在现场检查方案编制之后且不晚于今天');
      },
    },
  );
  setHandler(
    amendPlanUpdate,
    async (req) => {
      amendments.push({
        seq: amendments.length + 1,
        reason: req.reason,
        requestedBy: req.actor.id,
        status: 'in-approval',
        content: req.content,
      });
      return view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        requireUnitMember(req.actor, unit.headDepartmentId);
        requireStage(stage, ['filed'], '计划备案后方可调整，且同一时间只能有一项调整在审批');
        if (amendments.some((a) => a.status === 'in-approval')) refuse('WRONG_STAGE', '已有一项计划调整正在审批');
        if (!req.reason?.trim()) refuse('INVALID_PLAN', '请说明调整理由');
        requireValidContent(engine.calendar, year, req.content);
        requireChange(content!, req.content);
      },
    },
  );

  async function syncExecutions() {
    await acts.syncPlannedInspections({
      planId,
      year,
      departmentId: unit.id,
      items: content!.items,
      executions: [...executions.values()],
    });
  }

  /** Adopts a revision sent with 重新提交 when it passes the checks; otherwise keeps the draft and says why. */
  const onRevision = async (resubmission: ActionInput) => {
    const revised = resubmission.revision as PlanContent | undefined;
    if (!revised) return;
    try {
      requireValidContent(engine.calendar, year, revised);
      content = revised;
      await audit(`revision:${resubmission.requestId}`, resubmission.actor.id, 'plan.revised', {
        items: revised.items.length,
      });
    } catch (err) {
      await audit(`revision:${resubmission.requestId}`, resubmission.actor.id, 'plan.revision-refused', {
        reason: (err as Error).message,
      });
    }
  };

  async function approve(amendment: boolean): Promise<boolean> {
    const legalDept = await acts.planLegalReviewDepartment({ departmentId: unit.headDepartmentId });
    const result = await engine.runChain(
      planApprovalSteps(unit.headDepartmentId, unit.approver, legalDept, amendment),
      onRevision,
    );
    return result.kind === 'approved';
  }

  /** 备案 with the 安委办 (receipt recorded by its staff) and the upper-level authority, and publication. */
  async function fileAndPublish(): Promise<void> {
    const approvedOn = today();
    awaitingFilingFor = planVersion;
    const key = `${planId}:v${planVersion}`;
    await task(
      `safety-office-filing#${planVersion}`,
      '年度监督检查计划备案登记',
      { departmentId: 'aqb', roles: ['safety-office'] },
      true,
    );
    const upper =
      unit.approver.kind === 'district'
        ? desk.call(
            'upperAuthority',
            'filePlan',
            { caseRef: planId, planYear: year, department: unit.name, title, approvedOn, document: { title } },
            { label: '向上级行业主管部门备案', idempotencyKey: `${key}:upper-filing` },
          )
        : Promise.resolve(undefined);
    const published = desk.call(
      'disclosurePortal',
      'publish',
      {
        caseRef: planId,
        title: planVersion > 1 ? `${title}（第${planVersion - 1}次调整）` : title,
        category: 'other',
        issuedBy: unit.name,
        content: (content?.items ?? [])
          .map((i) => `${i.itemId} ${i.enterpriseId ?? i.category} 第${i.quarter}季度`)
          .join('；'),
      },
      { label: '公开年度监督检查计划', idempotencyKey: `${key}:publication`, callbackRef: planId },
    );
    const [u, p] = await Promise.all([upper, published]);
    if (u?.ok) receipts.upperAuthority = u.result.receiptNo;
    if (p.ok) Object.assign(receipts, { publication: p.result.receiptNo, publicationUrl: p.result.documentUrl });
    await Promise.all([
      project(),
      audit(`gateway-filing:v${planVersion}`, 'system', 'plan.filed-upper-authority', {
        upperAuthority: receipts.upperAuthority ?? null,
        publication: receipts.publication ?? null,
      }),
    ]);
    await condition(() => filingReceiptFor === planVersion);
    await task(
      `safety-office-filing#${planVersion}`,
      '年度监督检查计划备案登记',
      { departmentId: 'aqb', roles: ['safety-office'] },
      false,
    );
    times.filedAt = now();
  }

  // ---- Drafting (due date set by the cycle; reminders and escalation are the cycle's) ----
  await engine.start();
  record.deadline({
    key: 'draft',
    label: '制订年度监督检查计划',
    basisId: 'plan.annual-draft',
    citation: getLegalBasis('plan.annual-draft').citation,
    owedBy: unit.id,
    dueDate: input.dueDate,
    provisional: false,
  });
  await Promise.all([
    project(),
    task(
      'draft#1',
      `编制${year}年度监督检查计划`,
      { departmentId: unit.headDepartmentId, roles: ['department-head'] },
      true,
      input.dueDate,
    ),
  ]);

  // ---- Approval: a rejected or withdrawn plan goes back to drafting ----
  for (;;) {
    await condition(() => submitted);
    stage = 'in-approval';
    times.submittedAt = now();
    record.settleDeadline('draft');
    await Promise.all([
      project(),
      task(
        'draft#1',
        `编制${year}年度监督检查计划`,
        { departmentId: unit.headDepartmentId, roles: ['department-head'] },
        false,
      ),
    ]);
    if (await approve(false)) break;
    submitted = false;
    stage = 'drafting';
    await project();
  }
  stage = 'approved';
  planVersion = 1;
  times.approvedAt = now();
  await project();
  await fileAndPublish();
  stage = 'filed';
  await Promise.all([project(), syncExecutions()]);

  // ---- Execution: quarterly tracking and amendments, until the plan year ends ----
  const yearEnd = endOfDay(`${year}-12-31`);
  const checks = [1, 2, 3, 4]
    .map((q) => ({ quarter: q, at: shanghaiMidnight(addDays(quarterEnd(year, q), 1)) + 9 * 3_600_000 }))
    .filter((c) => c.at > Date.now() && c.at <= yearEnd + 9 * 3_600_000);
  const trackQuarters = async () => {
    for (const check of checks) {
      await sleep(Math.max(check.at - Date.now(), 1));
      const progress = quarterlyProgress(
        content!.items,
        [...executions.values()].map((e) => ({
          itemId: e.itemId,
          onSitePlanOn: e.onSitePlan?.preparedOn,
          completedOn: e.completedOn,
        })),
      )[check.quarter - 1]!;
      record.summarise({ [`q${check.quarter}`]: progress });
      if (progress.behind)
        await acts.notifyBehindSchedule({
          planId,
          workflowId,
          departmentId: unit.id,
          year,
          progress,
          at: now(),
          legalBasis: executionBasis,
        });
      await record.sync();
    }
  };
  const handleAmendments = async () => {
    for (;;) {
      const pending = () => amendments.find((a) => a.status === 'in-approval');
      const woke = await condition(() => pending() !== undefined, Math.max(yearEnd - Date.now(), 1));
      if (!woke) return;
      const amendment = pending()!;
      const requestedAt = now();
      const diff = diffPlans(content!, amendment.content);
      caseRef.initiatorId = amendment.requestedBy;
      stage = 'amending';
      const row = {
        planId,
        seq: amendment.seq,
        reason: amendment.reason,
        requestedBy: amendment.requestedBy,
        diff,
        requestedAt,
      };
      await Promise.all([project(), acts.recordAmendment({ ...row, status: 'in-approval' })]);
      const approved = await approve(true);
      amendment.status = approved ? 'approved' : 'rejected';
      await acts.recordAmendment({ ...row, status: amendment.status, decidedAt: now() });
      if (approved) {
        content = amendment.content;
        planVersion++;
        stage = 'approved';
        await fileAndPublish();
        await syncExecutions();
      }
      stage = 'filed';
      await project();
    }
  };
  await Promise.all([trackQuarters(), handleAmendments()]);

  stage = 'closed';
  record.close('completed', planStageLabels.closed);
  await project();
  return view();
}
