// Accident investigation report and disclosure (§九; 生产安全事故报告和调查处理条例). Registered and graded
// (Art. 3); the district investigates 一般 accidents (Art. 19), others are tracked as reported upward.
// Report in 60 days (Art. 29) → 批复 in 15 (Art. 32) → published (Art. 34) → copied (渝条例 Art. 46) → evaluated in a year.
import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';
import { shanghaiDateOf } from '../domain/dates';
import { getLegalBasis } from '../domain/legal-basis';
import { ApprovalEngine } from './approval/engine';
import { AgencyDesk } from './agency/agency-desk';
import { CaseRecord } from './case/case-record';
import { AccidentCaseState } from './accident/case-state';
import { AccidentContext, today } from './accident/context';
import {
  copyReport,
  followUp,
  publishEvaluation,
  publishReport,
  reviewRedactions,
  watchFollowUpDeadlines,
} from './accident/disclosure';
import { audit, nowIso } from './accident/effects';
import { registerAccidentHandlers } from './accident/handlers';
import { investigate, registerCase, trackUpward } from './accident/investigation';
import { accidentTitle } from './accident/steps';
import { stageLabels, type AccidentCaseInput } from './accident/types';
import { extensionLoop } from './accident/watches';

export interface AccidentCaseResult {
  caseNumber: string;
  level: string;
  outcome: 'evaluated' | 'reported-upward';
  approvedOn?: string;
  publishedAt?: string;
}

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
  const st = new AccidentCaseState(input, () => engine.view.current !== undefined, nowIso());
  const s = st.s;
  const record = new CaseRecord({
    kind: 'accident',
    caseNumber: caseId,
    title,
    departmentId: input.departmentId,
    stage: s.stage,
    stageLabel: stageLabels[s.stage],
  });
  const ctx = new AccidentContext(input, st, engine, record, desk, workflowId, title, occurredDate);
  registerAccidentHandlers(ctx);

  await engine.start();
  engine.onCalendarChanged(() => st.version++);
  await registerCase(ctx);

  const extensions = extensionLoop(ctx);
  if (!(await investigate(ctx))) {
    await trackUpward(ctx);
    await condition(allHandlersFinished);
    return { caseNumber: caseId, level: s.classification.level, outcome: 'reported-upward' };
  }
  await extensions; // a report is only accepted once no extension is pending

  // ---- After the 批复: follow-up, copies, publication, evaluation ----
  s.approvedOn = today();
  await ctx.show('publication-review');
  await audit(caseId, 'approved', 'accident.approved', {
    legalBasis: getLegalBasis(s.classification.approvalBasisId).citation,
    detail: { approvedOn: s.approvedOn, penalties: s.handling.penalties },
  });
  await followUp(ctx);
  await copyReport(ctx);
  const watchers = watchFollowUpDeadlines(ctx);
  await ctx.show();

  await reviewRedactions(ctx);
  await ctx.show('awaiting-publication');
  await publishReport(ctx);
  await ctx.show('follow-up');
  await publishEvaluation(ctx);

  s.stage = 'closed';
  await Promise.all(watchers);
  await ctx.close('evaluated', '已结案（评估结果已公开）');
  await condition(allHandlersFinished);
  return {
    caseNumber: caseId,
    level: s.classification.level,
    outcome: 'evaluated',
    approvedOn: s.approvedOn,
    publishedAt: s.publication!.publishedAt,
  };
}
