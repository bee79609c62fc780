// Accident investigation report and disclosure (§九; 生产安全事故报告和调查处理条例). Registered and graded
// (Art. 3); the district investigates 一般 accidents (Art. 19), others are tracked as reported upward.
// Report in 60 days (Art. 29) → 批复 in 15 (Art. 32) → published (Art. 34) → copied (渝条例 Art. 46) → evaluated in a year.
import type { UpdateDefinition } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  ParentClosePolicy,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { enforcementCaseWorkflow } from './enforcement-case';
import { CaseNumber, DepartmentId, WorkflowKind } from '../temporal/search-attributes';
import { classifyAccident, type AccidentClassification } from '../domain/accident-level';
import { investigationDue, needsWarningTalk, pausedDaysBetween, reportingChain } from '../domain/accident-case';
import { addDays, parseIsoDateTime, shanghaiDateOf, todayInShanghai } from '../domain/dates';
import { deadlineFor, getLegalBasis, type LegalBasisId } from '../domain/legal-basis';
import { ApprovalEngine } from './approval/engine';
import type { ReminderMoment } from './approval/types';
import { refuseBy } from './refusal';
import { AgencyDesk } from './agency/agency-desk';
import { CaseRecord } from './case/case-record';
import { watchDeadline } from './accident/deadline-watch';
import { acts, audit, notify, nowIso, safetyOffice } from './accident/effects';
import * as m from './accident/messages';
import { accidentTitle, extensionStep, redactionReviewStep, reportApprovalStep, summaryOf } from './accident/steps';
import {
  accidentRefusals,
  stageLabels,
  type AccidentCaseInput,
  type AccidentStage,
  type AccidentState,
  type ReportDocument,
} from './accident/types';
import * as v from './accident/validate';

export interface AccidentCaseResult {
  caseNumber: string;
  level: string;
  outcome: 'evaluated' | 'reported-upward';
  approvedOn?: string;
  publishedAt?: string;
}

const today = (): string => todayInShanghai(Date.now());
const rank: Record<string, number> = { general: 0, major: 1, serious: 2, 'particularly-serious': 3 };
const heads = { roles: ['department-head' as const] };

export async function accidentCaseWorkflow(input: AccidentCaseInput): Promise<AccidentCaseResult> {
  const { workflowId } = workflowInfo();
  const caseId = input.caseNumber;
  const occurredDate = shanghaiDateOf(input.occurredAt);
  const title = accidentTitle(input, occurredDate);
  const caseRef = {
    workflowId,
    workflowKind: 'accident',
    caseId,
    caseTitle: title,
    departmentId: input.departmentId,
    initiatorId: input.initiatorId,
  };
  const engine = new ApprovalEngine(caseRef);
  const desk = new AgencyDesk(caseRef, (e) =>
    e.type === 'disclosure.published' ? null : `事故案件不接受「${e.type}」回调`,
  );
  const figures = { deaths: input.deaths, seriousInjuries: input.seriousInjuries, directLossFen: input.directLossFen };
  const classification = classifyAccident(figures);
  const s: AccidentState = {
    stage: classification.level === 'general' ? 'investigation' : 'reported-upward',
    figures,
    classification,
    gradings: [{ at: nowIso(), level: classification.level, figures, by: input.initiatorId }],
    reportingChain: [],
    pausedDays: 0,
    pauses: [],
    handling: { penalties: [], responsibleUnits: [], suspectedCrimes: [] },
    publishRequested: false,
    copies: {},
    enforcementCases: {},
  };
  const publicationDays = input.publicationWorkingDays ?? (getLegalBasis('accident.publication').amount as number);
  const record = new CaseRecord({
    kind: 'accident',
    caseNumber: caseId,
    title,
    departmentId: input.departmentId,
    stage: s.stage,
    stageLabel: stageLabels[s.stage],
  });
  let version = 0; // bumped whenever a due date may move
  let approved = false;
  const clock = () => ({
    extensionDays: s.extension?.status === 'approved' ? s.extension.days : 0,
    pausedDays: s.pausedDays,
  });
  const show = async (stage?: AccidentStage) => {
    if (stage) s.stage = stage;
    await record
      .stage(s.stage, stageLabels[s.stage])
      .summarise(summaryOf(input, s, publicationDays))
      .sync();
  };

  // ---- Acts: Updates with synchronous validators; a repeated requestId is answered, not re-applied ----
  const answered = new Map<string, m.AccidentActResult>();
  const ctx = () => ({ approvalOpen: engine.view.current !== undefined || s.extension?.status === 'pending' });
  const result = (requestId: string, extra: Partial<m.AccidentActResult> = {}) => {
    const r = { requestId, stage: s.stage, level: s.classification.level, ...extra };
    answered.set(requestId, r);
    return r;
  };
  function act<I extends { requestId: string; actor: { id: string } }>(
    update: UpdateDefinition<m.AccidentActResult, [I]>,
    check: (input: I) => v.AccidentRejection | null,
    apply: (input: I) => Promise<Partial<m.AccidentActResult> | void>,
  ) {
    setHandler(
      update,
      async (input) => answered.get(input.requestId) ?? result(input.requestId, (await apply(input)) ?? {}),
      {
        validator: (input) => {
          if (!input?.requestId || !input.actor?.id)
            refuseBy(accidentRefusals, 'INVALID_INPUT', '缺少请求编号或操作人');
          if (answered.has(input.requestId)) return;
          const no = check(input);
          if (no) refuseBy(accidentRefusals, no.code, no.message);
        },
      },
    );
  }
  const trace = (
    i: { requestId: string; actor: { id: string } },
    action: string,
    detail: Record<string, unknown>,
    basis?: LegalBasisId,
  ) =>
    audit(caseId, i.requestId, action, {
      actor: i.actor.id,
      detail,
      legalBasis: basis ? getLegalBasis(basis).citation : undefined,
    });

  act(
    m.casualtyChangeUpdate,
    (i) => v.checkCasualtyChange(s, i),
    async (i) => {
      s.figures = { deaths: i.deaths, seriousInjuries: i.seriousInjuries, directLossFen: i.directLossFen };
      const next = classifyAccident(s.figures);
      s.gradings.push({ at: nowIso(), level: next.level, figures: s.figures, by: i.actor.id });
      // Art. 13: casualties reported later re-grade the case; above 一般 the investigation goes upward (Art. 19).
      if (s.stage === 'investigation' || rank[next.level]! > rank[s.classification.level]!) s.classification = next;
      if (s.stage === 'investigation' && next.level !== 'general') s.stage = 'reported-upward';
      version++;
      await trace(
        i,
        'accident.regraded',
        { figures: s.figures, level: s.classification.level, note: i.note },
        'accident.upward-report',
      );
      await show();
    },
  );
  act(
    m.formTeamUpdate,
    (i) => v.checkTeam(s, i),
    async (i) => {
      s.team = { leader: i.leader, members: i.members, formedAt: nowIso() };
      await trace(i, 'accident.team-formed', { leader: i.leader, members: i.members }, 'accident.investigation-report');
      await show();
    },
  );
  act(
    m.pauseAppraisalUpdate,
    (i) => v.checkPause(s, i),
    async (i) => {
      s.pausedSince = today();
      s.pauses.push({ from: s.pausedSince, reason: i.reason });
      version++;
      await trace(
        i,
        'accident.appraisal-paused',
        { from: s.pausedSince, reason: i.reason },
        'accident.investigation-report',
      );
      await show();
    },
  );
  const resume = () => {
    const days = pausedDaysBetween(s.pausedSince!, today());
    s.pausedDays += days;
    s.pauses[s.pauses.length - 1]!.to = today();
    s.pausedSince = undefined;
    version++;
    return days;
  };
  act(
    m.resumeAppraisalUpdate,
    () => v.checkResume(s),
    async (i) => {
      const days = resume();
      await trace(
        i,
        'accident.appraisal-resumed',
        { pausedDays: days, totalPausedDays: s.pausedDays, note: i.note },
        'accident.investigation-report',
      );
      await show();
      return { investigationDue: investigationDue(engine.calendar, input.occurredAt, clock()).dueDate };
    },
  );
  act(
    m.requestExtensionUpdate,
    (i) => v.checkExtension(s, i, ctx()),
    async (i) => {
      s.extension = { days: i.days, reason: i.reason, status: 'pending' };
      await trace(
        i,
        'accident.extension-requested',
        { days: i.days, reason: i.reason },
        'accident.investigation-extension',
      );
      await show();
    },
  );
  act(
    m.submitReportUpdate,
    (i) => v.checkReport(s, i, ctx()),
    async (i) => {
      if (s.pausedSince) resume(); // the appraisal necessarily ended before the report
      s.report = { ...i.document, submittedAt: nowIso() };
      s.handling = {
        penalties: i.handling?.penalties ?? [],
        responsibleUnits: i.handling?.responsibleUnits ?? [],
        suspectedCrimes: i.handling?.suspectedCrimes ?? [],
      };
      await trace(
        i,
        'accident.report-submitted',
        { document: i.document, handling: s.handling },
        'accident.investigation-report',
      );
    },
  );
  act(
    m.publishReportUpdate,
    () => v.checkPublish(s),
    async (i) => {
      s.publishRequested = true;
      await trace(i, 'accident.publication-requested', { note: i.note }, 'accident.publication');
    },
  );
  act(
    m.copyReceiptUpdate,
    (i) => v.checkCopyReceipt(s, i),
    async (i) => {
      Object.assign(s.copies[i.departmentId]!, { receivedAt: nowIso(), by: i.actor.id });
      await trace(i, 'accident.copy-received', { departmentId: i.departmentId }, 'accident.copy-to-departments');
      await show();
    },
  );
  act(
    m.submitEvaluationUpdate,
    (i) => v.checkEvaluation(s, i),
    async (i) => {
      s.evaluation = { ...i.document, conclusion: i.conclusion, submittedAt: nowIso() };
      await trace(
        i,
        'accident.evaluation-submitted',
        { document: i.document, conclusion: i.conclusion },
        'accident.closure-evaluation',
      );
    },
  );
  act(
    m.concludeUpwardUpdate,
    (i) => v.checkUpwardConclusion(s, i),
    async (i) => {
      s.upwardConclusion = { ...i.document, at: nowIso() };
      await trace(i, 'accident.upward-concluded', { document: i.document });
    },
  );
  act(
    m.recordPenaltyDecisionUpdate,
    (i) => v.checkPenaltyDecision(s, i),
    async (i) => {
      // A fine the approval named is enforced as its own case once the decision is served (§十二); it outlives this case.
      const penalty = s.handling.penalties[i.penaltyIndex]!;
      const childId = `enforcement-${i.decisionNumber}`;
      s.enforcementCases[i.penaltyIndex] = { decisionNumber: i.decisionNumber, workflowId: childId };
      const names = await acts.departmentNames([input.departmentId]);
      await startChild<typeof enforcementCaseWorkflow>('enforcementCaseWorkflow', {
        workflowId: childId,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        typedSearchAttributes: [
          { key: CaseNumber, value: i.decisionNumber },
          { key: DepartmentId, value: input.departmentId },
          { key: WorkflowKind, value: 'enforcement' },
        ],
        args: [
          {
            decisionNumber: i.decisionNumber,
            decidedOn: i.decidedOn,
            party: { name: penalty.party, unifiedSocialCreditCode: penalty.creditCode },
            fineFen: penalty.fineFen!,
            servedOn: i.servedOn,
            serviceMethod: i.serviceMethod,
            departmentId: input.departmentId,
            departmentName: names[input.departmentId] ?? input.departmentId,
            initiatorId: i.actor.id,
            facts: `${title}，事故调查报告（${s.report!.documentNo}）经区政府${s.approvedOn}批复`,
            reasons: penalty.measure,
          },
        ],
      });
      await trace(
        i,
        'accident.enforcement-started',
        { penalty, decisionNumber: i.decisionNumber, workflowId: childId },
        'enforcement.payment',
      );
      await show();
      return {};
    },
  );
  setHandler(m.accidentStateQuery, () => s);

  await engine.start();
  engine.onCalendarChanged(() => version++);

  // ---- Registration: the reporting chain (Arts. 9–11) and the case as first reported ----
  s.reportingChain = reportingChain(classification.level, input.occurredAt, engine.calendar);
  const reportedAt = parseIsoDateTime(input.reportedAt ?? '') ?? Date.now();
  for (const link of s.reportingChain.slice(0, 2)) {
    // The unit's report arrived at reportedAt; the district reports upward as it registers the case.
    const at = link.key === 'unit-report' ? reportedAt : Date.now();
    const dueAt = parseIsoDateTime(link.dueAt)!;
    record.deadline({
      key: link.key,
      label: `${link.from}向${link.to}报告（${link.hours}小时内）`,
      basisId: link.basisId,
      citation: link.citation,
      owedBy: link.from,
      dueDate: shanghaiDateOf(link.dueAt),
      dueAt: new Date(dueAt).toISOString(),
      provisional: false,
      status: at <= dueAt ? 'met' : 'missed',
      metAt: new Date(at).toISOString(),
    });
  }
  await show();
  await audit(caseId, 'registered', 'accident.registered', {
    actor: input.initiatorId,
    legalBasis: getLegalBasis('accident.unit-report').citation,
    detail: { level: classification.level, figures, reportingChain: s.reportingChain },
  });
  if (classification.level !== 'general') await warningTalk(classification, '较大及以上事故');

  const extensions = extensionLoop();
  while (s.stage === 'investigation') {
    await watchInvestigation();
    if (s.stage !== 'investigation') break;
    await show('in-approval');
    const outcome = await engine.runChain([reportApprovalStep(s.classification)], (resubmission) => {
      const r = resubmission.revision as { document?: ReportDocument } | undefined;
      if (r?.document) s.report = { ...r.document, submittedAt: nowIso() };
    });
    if (outcome.kind === 'approved') {
      approved = true;
      break;
    }
    // Not approved: the team revises and submits again.
    s.report = undefined;
    await show('investigation');
    await audit(caseId, `report-not-approved:${engine.view.completed.length}`, 'accident.report-not-approved', {
      detail: { outcome: outcome.kind },
    });
  }
  if (approved) await extensions; // a report is only accepted once no extension is pending

  if (!approved) {
    // Above the district's level: tracked as reported upward until the upper government concludes (Art. 19).
    record.cancelDeadline('investigation-report');
    s.reportingChain = reportingChain(s.classification.level, input.occurredAt, engine.calendar);
    await show('reported-upward');
    await audit(caseId, 'reported-upward', 'accident.reported-upward', {
      legalBasis: getLegalBasis('accident.upward-report').citation,
      detail: { level: s.classification.level, reportingChain: s.reportingChain },
    });
    if (classification.level === 'general') await warningTalk(s.classification, '事故升级为较大及以上');
    await condition(() => s.upwardConclusion !== undefined);
    await record
      .stage('closed', stageLabels.closed)
      .summarise(summaryOf(input, s, publicationDays))
      .close('reported-upward', '上级政府调查处理完毕')
      .sync();
    await condition(allHandlersFinished);
    return { caseNumber: caseId, level: s.classification.level, outcome: 'reported-upward' };
  }

  // ---- After the 批复: follow-up, copies, publication, evaluation ----
  s.approvedOn = today();
  await show('publication-review');
  await audit(caseId, 'approved', 'accident.approved', {
    legalBasis: getLegalBasis(s.classification.approvalBasisId).citation,
    detail: { approvedOn: s.approvedOn, penalties: s.handling.penalties },
  });
  await followUp();
  const names = await acts.departmentNames(input.supervisoryDepartmentIds);
  for (const d of input.supervisoryDepartmentIds) s.copies[d] = { name: names[d] ?? d };
  await Promise.all(
    input.supervisoryDepartmentIds.map((d) =>
      notify(
        { ...heads, departmentId: d },
        input.departmentId,
        `copy:${d}`,
        'accident.report-copied',
        { caseId, caseTitle: title, report: s.report!.title, approvedOn: s.approvedOn! },
        today(),
      ),
    ),
  );
  await audit(caseId, 'copied', 'accident.copied', {
    legalBasis: getLegalBasis('accident.copy-to-departments').citation,
    detail: { departments: input.supervisoryDepartmentIds },
  });
  const watchers = [
    watch(
      'publication',
      `向社会公开事故调查报告（批复后${publicationDays}个工作日内，默认期限，可配置）`,
      'accident.publication',
      '区应急管理局',
      () => deadlineFor(engine.calendar, s.approvedOn!, 'accident.publication', { amount: publicationDays }).due,
      () => s.publication !== undefined,
    ),
    ...input.supervisoryDepartmentIds.map((d) =>
      watch(
        `copy:${d}`,
        `${s.copies[d]!.name}签收事故调查报告及批复`,
        'accident.copy-to-departments',
        s.copies[d]!.name,
        () => deadlineFor(engine.calendar, s.approvedOn!, 'accident.copy-to-departments').due,
        () => s.copies[d]!.receivedAt !== undefined,
        d,
      ),
    ),
    watch(
      'closure-evaluation',
      '整改及防范措施落实情况评估（结案评估）',
      'accident.closure-evaluation',
      '区应急管理局',
      () => deadlineFor(engine.calendar, s.approvedOn!, 'accident.closure-evaluation').due,
      () => s.evaluation?.publishedAt !== undefined,
    ),
  ];
  await show();

  for (;;) {
    const review = await engine.runChain([redactionReviewStep], (resubmission) => {
      const r = resubmission.revision as { redactions?: string } | undefined;
      if (r?.redactions) s.redactions = r.redactions;
    });
    if (review.kind === 'approved') {
      const decision = review.steps[0]!.decisions.find((d) => d.action === 'approve');
      s.redactions = decision?.comment ?? s.redactions;
      break;
    }
  }
  await show('awaiting-publication');
  while (!s.publication) {
    await condition(() => s.publishRequested);
    const published = await publish(
      'publication',
      '公开事故调查报告',
      `${s.report!.title}（${s.report!.documentNo}）`,
      publicationContent(),
    );
    if (!published) {
      s.publishRequested = false;
      continue;
    }
    s.publication = published;
    await acts.projectPublishedReport({
      caseNumber: caseId,
      workflowId,
      title: s.report!.title,
      level: s.classification.level,
      levelName: s.classification.nameZh,
      enterpriseName: input.enterprise.name,
      occurredOn: occurredDate,
      approvedOn: s.approvedOn,
      publishedAt: published.publishedAt,
      documentUrl: published.documentUrl,
      receiptNo: published.receiptNo,
      legalBasis: getLegalBasis('accident.publication').citation,
    });
    await audit(caseId, 'published', 'accident.published', {
      legalBasis: getLegalBasis('accident.publication').citation,
      detail: published,
    });
  }
  await show('follow-up');

  while (!s.evaluation?.publishedAt) {
    await condition(() => s.evaluation !== undefined);
    const e = s.evaluation!;
    const published = await publish(
      'evaluation',
      '公开结案评估结果',
      `${e.title}（${e.documentNo}）`,
      `${e.title}\n评估结论：${e.conclusion}\n依据：${getLegalBasis('accident.closure-evaluation').citation}`,
    );
    if (!published) {
      s.evaluation = undefined;
      continue;
    }
    Object.assign(e, { publishedAt: published.publishedAt, documentUrl: published.documentUrl });
    await acts.projectPublishedReport({
      caseNumber: caseId,
      workflowId,
      title: s.report!.title,
      level: s.classification.level,
      levelName: s.classification.nameZh,
      enterpriseName: input.enterprise.name,
      occurredOn: occurredDate,
      approvedOn: s.approvedOn,
      publishedAt: s.publication.publishedAt,
      documentUrl: s.publication.documentUrl,
      receiptNo: s.publication.receiptNo,
      legalBasis: getLegalBasis('accident.publication').citation,
      evaluationPublishedAt: published.publishedAt,
      evaluationUrl: published.documentUrl,
    });
    await audit(caseId, 'evaluation-published', 'accident.evaluation-published', {
      legalBasis: getLegalBasis('accident.closure-evaluation').citation,
      detail: published,
    });
  }
  s.stage = 'closed';
  await Promise.all(watchers);
  await record
    .stage('closed', stageLabels.closed)
    .summarise(summaryOf(input, s, publicationDays))
    .close('evaluated', '已结案（评估结果已公开）')
    .sync();
  await condition(allHandlersFinished);
  return {
    caseNumber: caseId,
    level: s.classification.level,
    outcome: 'evaluated',
    approvedOn: s.approvedOn,
    publishedAt: s.publication.publishedAt,
  };

  // ---- helpers (hoisted) ----
  function watchInvestigation(): Promise<void> {
    return watchDeadline(record, {
      key: 'investigation-report',
      label: '提交事故调查报告（技术鉴定期间不计入）',
      basisId: 'accident.investigation-report',
      owedBy: '事故调查组',
      openedDate: occurredDate,
      calendar: () => engine.calendar,
      due: () => investigationDue(engine.calendar, input.occurredAt, clock()),
      done: () => s.report !== undefined || s.stage !== 'investigation',
      paused: () => s.pausedSince !== undefined,
      accomplished: () => s.report !== undefined,
      version: () => version,
      remind: (moment, dueDate) =>
        remindAbout('investigation-report', '提交事故调查报告', moment, dueDate, {
          ...heads,
          departmentId: input.departmentId,
        }),
      overdue: (dueDate) =>
        escalate('investigation-report', '提交事故调查报告', dueDate, 'accident.investigation-report'),
    });
  }

  /** `done` is the act itself; closing the case also ends the watch, leaving an unmet deadline cancelled. */
  function watch(
    key: string,
    label: string,
    basisId: LegalBasisId,
    owedBy: string,
    due: () => string,
    done: () => boolean,
    owingDepartment?: string,
  ): Promise<void> {
    const who = { ...heads, departmentId: owingDepartment ?? input.departmentId };
    const reminders: ReminderMoment[] = ['half-period', 'one-working-day-before', 'due-day'];
    return watchDeadline(record, {
      key,
      label,
      basisId,
      owedBy,
      openedDate: s.approvedOn!,
      reminders,
      calendar: () => engine.calendar,
      due: () => ({
        dueDate: due(),
        provisional: deadlineFor(
          engine.calendar,
          s.approvedOn!,
          basisId,
          basisId === 'accident.publication' ? { amount: publicationDays } : {},
        ).provisional,
      }),
      done: () => done() || s.stage === 'closed',
      accomplished: done,
      version: () => version,
      remind: (moment, dueDate) => remindAbout(key, label, moment, dueDate, who),
      overdue: (dueDate) => escalate(key, label, dueDate, basisId, owingDepartment),
    });
  }

  async function remindAbout(
    key: string,
    label: string,
    moment: ReminderMoment,
    dueDate: string,
    who: { roles: Array<'department-head'>; departmentId: string },
  ) {
    await notify(
      who,
      input.departmentId,
      `${key}:${dueDate}:${moment}`,
      'accident.deadline-reminder',
      { caseId, caseTitle: title, step: label, dueDate, moment },
      today(),
    );
  }

  /** Overdue: the 安委办 (and the owing department) are told, and the audit trail records it. */
  async function escalate(
    key: string,
    label: string,
    dueDate: string,
    basisId: LegalBasisId,
    owingDepartment?: string,
  ) {
    const params = { caseId, caseTitle: title, step: label, dueDate };
    const to = await notify(
      safetyOffice,
      input.departmentId,
      `${key}:${dueDate}:overdue`,
      'accident.deadline-overdue',
      params,
      today(),
    );
    if (owingDepartment)
      await notify(
        { ...heads, departmentId: owingDepartment },
        input.departmentId,
        `${key}:${dueDate}:overdue`,
        'accident.deadline-overdue',
        params,
        today(),
      );
    await audit(caseId, `${key}:${dueDate}:overdue`, 'accident.deadline-overdue', {
      legalBasis: getLegalBasis(basisId).citation,
      detail: { key, dueDate, escalatedTo: to },
    });
  }

  async function extensionLoop(): Promise<void> {
    for (;;) {
      await condition(
        () =>
          s.extension?.status === 'pending' || s.stage === 'reported-upward' || s.approvedOn !== undefined || approved,
      );
      if (s.extension?.status !== 'pending') return;
      const step = await engine.runStep(extensionStep);
      s.extension.status = step.outcome?.kind === 'approved' ? 'approved' : 'rejected';
      version++;
      await audit(caseId, `extension:${step.instanceId}`, `accident.extension-${s.extension.status}`, {
        legalBasis: getLegalBasis('accident.investigation-extension').citation,
        detail: { days: s.extension.days, due: investigationDue(engine.calendar, input.occurredAt, clock()).dueDate },
      });
      await show();
    }
  }

  async function warningTalk(c: AccidentClassification, reason: string) {
    await acts.recordWarningTalk({
      caseNumber: caseId,
      unitName: input.enterprise.name,
      creditCode: input.enterprise.unifiedSocialCreditCode,
      reason: `${reason}（${c.nameZh}）`,
      at: nowIso(),
    });
    await audit(caseId, `warning-talk:${c.level}`, 'accident.warning-talk', {
      comment: reason,
      detail: { unit: input.enterprise.name, level: c.level },
    });
  }

  /** §八 一票否决, §九 warning talks for repeated accidents, §十二 suspected crimes flagged for transfer. */
  async function followUp() {
    const year = Number(occurredDate.slice(0, 4));
    const units = s.handling.responsibleUnits.length
      ? s.handling.responsibleUnits
      : [{ name: input.enterprise.name, creditCode: input.enterprise.unifiedSocialCreditCode }];
    await acts.recordVetoFlags({ year, caseNumber: caseId, units, at: nowIso() });
    const before = new Date(Date.now()).toISOString();
    const since = `${addDays(today(), -365)}T00:00:00+08:00`;
    const prior = await acts.countPriorAccidents({
      creditCode: input.enterprise.unifiedSocialCreditCode,
      workflowId,
      since,
      before,
    });
    if (needsWarningTalk(s.classification.level, prior))
      await warningTalk(s.classification, `一年内发生${prior + 1}起事故`);
    if (s.handling.suspectedCrimes.length)
      await audit(caseId, 'criminal-transfer-flagged', 'accident.criminal-transfer-flagged', {
        legalBasis: getLegalBasis('criminal.transfer').citation,
        detail: { suspects: s.handling.suspectedCrimes },
      });
    await audit(caseId, 'veto-flagged', 'accident.veto-flagged', {
      detail: { year, units: units.map((u) => u.name), penalties: s.handling.penalties },
    });
  }

  function publicationContent(): string {
    const r = s.report!;
    return [
      `${r.title}（${r.documentNo}）`,
      `事故等级：${s.classification.nameZh}；发生时间：${input.occurredAt}；地点：${input.place}`,
      `区政府批复日期：${s.approvedOn}`,
      `公开前保密审查：${s.redactions ?? '无需删除内容'}`,
      `依据：${getLegalBasis('accident.publication').citation}`,
    ].join('\n');
  }

  async function publish(key: string, what: string, docTitle: string, content: string) {
    const call = await desk.call(
      'disclosurePortal',
      'publish',
      { caseRef: caseId, title: docTitle, category: 'accident-report', issuedBy: '北碚区人民政府', content },
      { label: what, idempotencyKey: `${caseId}:${key}`, callbackRef: caseId },
    );
    return call.ok ? call.result : undefined;
  }
}
