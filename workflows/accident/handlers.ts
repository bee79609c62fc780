// The officers' acts on an accident case, as Updates with synchronous validators (a refused act changes
// nothing); a repeated requestId is answered, not re-applied.
import type { UpdateDefinition } from '@temporalio/common';
import { ParentClosePolicy, setHandler, startChild } from '@temporalio/workflow';
import type { enforcementCaseWorkflow } from '../enforcement-case';
import { CaseNumber, DepartmentId, WorkflowKind } from '../../temporal/search-attributes';
import { investigationDue } from '../../domain/accident-case';
import { refuseBy } from '../refusal';
import type { AccidentContext } from './context';
import { today } from './context';
import { acts, nowIso } from './effects';
import * as m from './messages';
import { accidentRefusals } from './types';
import type { AccidentRejection } from './validate';

type Act = { requestId: string; actor: { id: string } };

export function registerAccidentHandlers(ctx: AccidentContext): void {
  const { st, s } = ctx;
  function act<I extends Act>(
    update: UpdateDefinition<m.AccidentActResult, [I]>,
    check: (input: I) => AccidentRejection | null,
    apply: (input: I) => Promise<Partial<m.AccidentActResult> | void>,
  ) {
    setHandler(
      update,
      async (input) => st.answerTo(input.requestId) ?? st.answer(input.requestId, (await apply(input)) ?? {}),
      {
        validator: (input) => {
          if (!input?.requestId || !input.actor?.id)
            refuseBy(accidentRefusals, 'INVALID_INPUT', '缺少请求编号或操作人');
          if (st.answerTo(input.requestId)) return;
          const no = check(input);
          if (no) refuseBy(accidentRefusals, no.code, no.message);
        },
      },
    );
  }

  act(m.casualtyChangeUpdate, st.checkCasualtyChange, async (i) => {
    st.regrade(
      { deaths: i.deaths, seriousInjuries: i.seriousInjuries, directLossFen: i.directLossFen },
      i.actor.id,
      nowIso(),
    );
    await ctx.trace(
      i,
      'accident.regraded',
      { figures: s.figures, level: s.classification.level, note: i.note },
      'accident.upward-report',
    );
    await ctx.show();
  });
  act(m.formTeamUpdate, st.checkTeam, async (i) => {
    s.team = { leader: i.leader, members: i.members, formedAt: nowIso() };
    await ctx.trace(
      i,
      'accident.team-formed',
      { leader: i.leader, members: i.members },
      'accident.investigation-report',
    );
    await ctx.show();
  });
  act(m.pauseAppraisalUpdate, st.checkPause, async (i) => {
    s.pausedSince = today();
    s.pauses.push({ from: s.pausedSince, reason: i.reason });
    st.version++;
    await ctx.trace(
      i,
      'accident.appraisal-paused',
      { from: s.pausedSince, reason: i.reason },
      'accident.investigation-report',
    );
    await ctx.show();
  });
  act(m.resumeAppraisalUpdate, st.checkResume, async (i) => {
    const days = st.resume(today());
    await ctx.trace(
      i,
      'accident.appraisal-resumed',
      { pausedDays: days, totalPausedDays: s.pausedDays, note: i.note },
      'accident.investigation-report',
    );
    await ctx.show();
    return { investigationDue: investigationDue(ctx.engine.calendar, ctx.input.occurredAt, st.clock()).dueDate };
  });
  act(m.requestExtensionUpdate, st.checkExtension, async (i) => {
    s.extension = { days: i.days, reason: i.reason, status: 'pending' };
    await ctx.trace(
      i,
      'accident.extension-requested',
      { days: i.days, reason: i.reason },
      'accident.investigation-extension',
    );
    await ctx.show();
  });
  act(m.submitReportUpdate, st.checkReport, async (i) => {
    if (s.pausedSince) st.resume(today()); // the appraisal necessarily ended before the report
    s.report = { ...i.document, submittedAt: nowIso() };
    s.handling = {
      penalties: i.handling?.penalties ?? [],
      responsibleUnits: i.handling?.responsibleUnits ?? [],
      suspectedCrimes: i.handling?.suspectedCrimes ?? [],
    };
    await ctx.trace(
      i,
      'accident.report-submitted',
      { document: i.document, handling: s.handling },
      'accident.investigation-report',
    );
  });
  act(m.publishReportUpdate, st.checkPublish, async (i) => {
    s.publishRequested = true;
    await ctx.trace(i, 'accident.publication-requested', { note: i.note }, 'accident.publication');
  });
  act(m.copyReceiptUpdate, st.checkCopyReceipt, async (i) => {
    Object.assign(s.copies[i.departmentId]!, { receivedAt: nowIso(), by: i.actor.id });
    await ctx.trace(i, 'accident.copy-received', { departmentId: i.departmentId }, 'accident.copy-to-departments');
    await ctx.show();
  });
  act(m.submitEvaluationUpdate, st.checkEvaluation, async (i) => {
    s.evaluation = { ...i.document, conclusion: i.conclusion, submittedAt: nowIso() };
    await ctx.trace(
      i,
      'accident.evaluation-submitted',
      { document: i.document, conclusion: i.conclusion },
      'accident.closure-evaluation',
    );
  });
  act(m.concludeUpwardUpdate, st.checkUpwardConclusion, async (i) => {
    s.upwardConclusion = { ...i.document, at: nowIso() };
    await ctx.trace(i, 'accident.upward-concluded', { document: i.document });
  });
  act(m.recordPenaltyDecisionUpdate, st.checkPenaltyDecision, async (i) => {
    await startEnforcement(ctx, i);
    return {};
  });
  setHandler(m.accidentStateQuery, () => s);
}

/** A fine the approval named is enforced as its own case once the decision is served (§十二); it outlives this case. */
async function startEnforcement(ctx: AccidentContext, i: Parameters<typeof ctx.st.checkPenaltyDecision>[0]) {
  const { s, input } = ctx;
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
        facts: `${ctx.title}，事故调查报告（${s.report!.documentNo}）经区政府${s.approvedOn}批复`,
        reasons: penalty.measure,
      },
    ],
  });
  await ctx.trace(
    i,
    'accident.enforcement-started',
    { penalty, decisionNumber: i.decisionNumber, workflowId: childId },
    'enforcement.payment',
  );
  await ctx.show();
}
