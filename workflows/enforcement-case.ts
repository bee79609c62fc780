// Overdue enforcement (§十二): from the service of a penalty decision (行政处罚决定书) to payment, or through the
// payment demand (催告书) to the people's court. Payments close the case at any time; challenges pause the
// surcharge; every step carries its deadline and legal basis in the case record. Workflow code: no I/O.
import { CancellationScope, condition, allHandlersFinished, workflowInfo } from '@temporalio/workflow';
import { getLegalBasis } from '../domain/legal-basis';
import { addDays, shanghaiDateOf } from '../domain/dates';
import { rollBackToWorkingDay } from '../domain/calendar';
import { ApprovalEngine } from './approval/engine';
import { CaseRecord } from './case/case-record';
import { AgencyDesk } from './agency/agency-desk';
import { EnforcementCaseState } from './enforcement/case-state';
import { approvalActs, enforcementActs, EnforcementContext, todayOf } from './enforcement/context';
import { applyPayment, recordFinal, registerEnforcementHandlers } from './enforcement/handlers';
import { serveDemand } from './enforcement/demand';
import { applyToCourt } from './enforcement/court';
import { endOfDay } from './approval/deadline';
import { callbackRefusal } from './enforcement/callbacks';
import {
  outcomeLabels,
  stageLabels,
  type EnforcementCaseInput,
  type EnforcementOutcome,
  type EnforcementView,
} from './enforcement/types';

export type { EnforcementCaseInput } from './enforcement/types';

export interface EnforcementCaseResult {
  outcome: EnforcementOutcome;
  view: EnforcementView;
}

export async function enforcementCaseWorkflow(input: EnforcementCaseInput): Promise<EnforcementCaseResult> {
  const { workflowId } = workflowInfo();
  const title = `${input.party.name} ${input.decisionNumber} 罚款执行`;
  const ref = {
    workflowId,
    workflowKind: 'enforcement',
    caseId: input.decisionNumber,
    caseTitle: title,
    departmentId: input.departmentId,
    initiatorId: input.initiatorId,
  };
  const engine = new ApprovalEngine(ref);
  const record = new CaseRecord({
    kind: 'enforcement',
    caseNumber: input.decisionNumber,
    title,
    departmentId: input.departmentId,
    stage: 'payment',
    stageLabel: stageLabels.payment,
  });
  const st = new EnforcementCaseState(input, () => engine.calendar);
  const desk = new AgencyDesk(ref, (event) => callbackRefusal(st, event));
  const ctx = new EnforcementContext(ref, st, engine, record, desk);
  registerEnforcementHandlers(ctx);
  await engine.start();
  st.refreshPaymentDeadline();
  engine.onCalendarChanged(() => {
    st.refreshPaymentDeadline();
    st.refreshChallengeDates();
    st.bump();
  });

  await enforcementActs.registerEnforcementRef({ caseRef: input.decisionNumber, workflowId });
  // 公告送达: every window runs from the deemed service, 30 days after publication (民事诉讼法 Art. 95).
  const knownOn = st.knownOn();
  const paymentDue = ctx.deadline('payment', '缴纳罚款', 'enforcement.payment', knownOn, '当事人');
  ctx.deadline(
    'reconsideration-window',
    st.remediesStated ? '申请行政复议期限' : '申请行政复议期限（决定未告知复议权利和期限，最长一年）',
    st.reconsiderationBasis(),
    knownOn,
    '当事人',
  );
  // 复议前置 (行政复议法 Art. 23 ¶1(一)): an on-the-spot decision has no direct-suit window.
  const directSuit = st.directSuitBasis();
  if (directSuit)
    ctx.deadline(
      'litigation-window',
      st.remediesStated ? '提起行政诉讼期限' : '提起行政诉讼期限（决定未告知起诉期限，最长一年）',
      directSuit,
      knownOn,
      '当事人',
    );
  // 安全生产法 Art. 78 ¶2: the penalty decision is published within 7 working days.
  ctx.deadline('publication', '公开行政处罚决定信息', 'enforcement.publication', input.decidedOn, '本机关');
  if (input.publishedOn) record.settleDeadline('publication', endOfDay(input.publishedOn) - 1);
  await Promise.all([
    ctx.audit(
      'opened',
      'enforcement.opened',
      {
        servedOn: input.servedOn,
        serviceMethod: input.serviceMethod,
        deemedServedOn: knownOn,
        onTheSpot: st.onTheSpot,
        remediesStated: st.remediesStated,
        fineFen: input.fineFen,
        paymentDue,
        actingOrgId: input.actingOrgId ?? null,
      },
      { actor: input.initiatorId, legalBasis: getLegalBasis('enforcement.payment').citation },
    ),
    ctx.publish(st.paymentStage(todayOf())),
  ]);
  remindPayment(ctx);

  const payments = watchPaymentCallbacks(ctx);
  const scope = new CancellationScope({ cancellable: true });
  const procedure = scope.run(() => Promise.race([runProcedure(ctx), runDeferrals(ctx)]));
  procedure.catch(() => undefined);
  // Checked at every activation: the cheap test first, the surcharge count only once something was paid.
  const ended = condition(() => st.revoked || (st.money.payments.length > 0 && !st.owes(todayOf())));
  const outcome: EnforcementOutcome = await Promise.race([
    procedure,
    ended.then(() => (st.revoked ? 'decision-revoked' : 'paid') as EnforcementOutcome),
  ]);
  if (outcome === 'paid' || outcome === 'decision-revoked') {
    scope.cancel();
    await enforcementActs.cancelOpenEnforcementTasks({ workflowId });
  }
  void payments;
  // 行政处罚法 Art. 48 ¶2: a published decision that was revoked is withdrawn within 3 working days; the case stays
  // open for that record (only when it had been published, so older runs take the same path).
  const withdrawalDue = st.withdrawalDue();
  if (outcome === 'decision-revoked' && withdrawalDue && !st.publication.withdrawnOn) {
    await ctx.publish();
    if (!(await ctx.untilOrEndOf(withdrawalDue, () => st.publication.withdrawnOn !== undefined)))
      record.markMissed('publication-withdrawal');
  }

  st.outcome = outcome;
  if (outcome === 'paid')
    record.settleDeadline(
      'payment',
      endOfDay(
        st.money.payments
          .map((p) => p.date)
          .sort()
          .at(-1)!,
      ) - 1,
    );
  record.close(outcome, outcomeLabels[outcome]);
  st.stage = 'closed';
  record.summarise(st.view(todayOf()) as unknown as Record<string, unknown>);
  await record.sync();
  await Promise.all([
    ctx.audit('closed', 'enforcement.closed', { outcome, balance: st.balance(todayOf()) }),
    ctx.notify('closed', 'enforcement.closed', [input.initiatorId, ctx.partyRecipient()], {
      outcome: outcomeLabels[outcome],
    }),
  ]);
  await condition(allHandlersFinished);
  return { outcome, view: st.view(todayOf()) };
}

/** A first-instance judgment that became final unappealed, or a silent reconsideration body that lapsed. */
async function settleChallengeByTime(ctx: EnforcementContext, today: string): Promise<void> {
  const { st, record } = ctx;
  const c = st.settleByTime(today);
  if (!c) return;
  st.bump();
  if (c.kind === 'litigation') {
    recordFinal(ctx, c);
    await ctx.audit(
      `judgment-final:${c.filedOn}`,
      'enforcement.judgment-final',
      { decidedOn: c.firstInstance!.decidedOn, finalOn: c.decidedOn!, outcome: c.outcome ?? null },
      { legalBasis: getLegalBasis('enforcement.appeal-window').citation },
    );
  } else {
    record.markMissed('reconsideration-decision');
    record.markMissed('litigation-window');
    await ctx.audit(
      `reconsideration-lapsed:${c.filedOn}`,
      'enforcement.reconsideration-lapsed',
      { decisionDue: c.decisionDue!, suitEnded: c.lapsedOn! },
      { legalBasis: getLegalBasis('enforcement.litigation-after-silence').citation },
    );
  }
}

/** Payment deadline, challenge windows, then (still unpaid) the demand and the court. */
async function runProcedure(ctx: EnforcementContext): Promise<EnforcementOutcome> {
  const { st, record } = ctx;
  for (;;) {
    const today = todayOf();
    if (
      today > st.finalDue() &&
      record.view.deadlines.find((d) => d.key === 'payment')?.status === 'pending' &&
      st.owes(today)
    ) {
      // 行政处罚法 Art. 72: the surcharge runs from the day after the deadline.
      record.markMissed('payment');
      await Promise.all([
        ctx.audit(
          `payment-overdue:${st.finalDue()}`,
          'enforcement.payment-overdue',
          { dueDate: st.finalDue() },
          { legalBasis: getLegalBasis('enforcement.surcharge').citation },
        ),
        ctx.notify(
          `payment-overdue:${st.finalDue()}`,
          'enforcement.payment-overdue',
          [ctx.ref.initiatorId, ctx.partyRecipient()],
          { dueDate: st.finalDue() },
        ),
      ]);
    }
    await settleChallengeByTime(ctx, today);
    if (st.courtPathOpen(today)) break;
    await ctx.publish(st.paymentStage(today));
    // While the surcharge grows, wake each midnight so the case record shows the day's amount.
    const accruing = st.stage === 'overdue' && !st.balance(today).capped;
    const wakeAt = [st.finalDue(), st.courtPathOpensAfter(), ...st.challengeMilestones(), ...(accruing ? [today] : [])]
      .map(endOfDay)
      .filter((t) => t > Date.now())
      .sort((a, b) => a - b)[0];
    const seen = st.changes;
    await condition(() => st.changes !== seen, wakeAt !== undefined ? Math.max(1, wakeAt - Date.now()) : undefined);
  }

  // 行政强制法 Art. 53: apply within 3 months of the end of the challenge period; remind and escalate.
  // After an approved deferral or instalments, from the end of that period (行政处罚法 Art. 72 ¶2).
  const opensAfter = st.courtPathOpensAfter();
  const { from: applicationFrom, basisId: applicationBasis } = st.courtApplicationFrom();
  for (const key of ['reconsideration-window', 'litigation-window']) record.markMissed(key);
  const applicationDue = ctx.deadline(
    'court-application',
    '申请人民法院强制执行',
    applicationBasis,
    applicationFrom,
    '本机关',
  );
  remindCourtApplication(ctx, applicationDue);
  await ctx.audit(
    'court-path-open',
    'enforcement.court-path-open',
    { opensAfter, applicationFrom, applicationDue },
    { legalBasis: getLegalBasis(applicationBasis).citation },
  );

  if ((await serveDemand(ctx)) === 'statement-upheld') return 'statement-upheld';
  return applyToCourt(ctx);
}

/** 行政处罚法 Art. 66: a deferral or instalment plan, approved by the department head, moves the dates. */
async function runDeferrals(ctx: EnforcementContext): Promise<never> {
  const { st } = ctx;
  for (;;) {
    await condition(() => st.queuedDeferral !== undefined);
    const request = st.queuedDeferral!;
    const step = await ctx.engine.runStep({
      stepId: 'deferral',
      name: request.kind === 'deferral' ? '暂缓缴纳罚款审批' : '分期缴纳罚款审批',
      mode: 'any-of',
      participants: { roles: ['department-head'] },
      deadline: { basisId: 'approval.step-default' },
      legalBasis: getLegalBasis('enforcement.deferral').citation,
    });
    st.queuedDeferral = undefined;
    const approved = step.outcome?.kind === 'approved';
    st.deferral = { ...st.deferral!, status: approved ? 'approved' : 'rejected' };
    if (approved) {
      // Only future dates move: surcharge accrued up to the approval stays (行政强制法 Art. 42 alone reduces it).
      st.money.scheduleApprovedOn = todayOf();
      if (request.kind === 'deferral') st.money.deferredTo = request.deferredTo;
      else st.money.instalments = request.instalments;
      const due = st.finalDue();
      ctx.record.deadline({
        key: 'payment',
        label: request.kind === 'deferral' ? '缴纳罚款（经批准暂缓）' : '缴纳罚款（经批准分期，最后一期）',
        basisId: 'enforcement.deferral',
        citation: getLegalBasis('enforcement.deferral').citation,
        owedBy: '当事人',
        dueDate: due,
        provisional: false,
      });
      remindPayment(ctx);
    }
    st.bump();
    await Promise.all([
      ctx.audit(
        `deferral-decided:${request.requestId}`,
        `enforcement.deferral-${approved ? 'approved' : 'rejected'}`,
        { finalDue: st.finalDue() },
        { legalBasis: getLegalBasis('enforcement.deferral').citation },
      ),
      ctx.notify(
        `deferral-decided:${request.requestId}`,
        'enforcement.deferral-decided',
        [ctx.ref.initiatorId, ctx.partyRecipient()],
        { approved: String(approved), dueDate: st.finalDue() },
      ),
      ctx.publish(),
    ]);
  }
}

/** The payment platform's callbacks (payment.received), partial or full, at any stage. */
async function watchPaymentCallbacks(ctx: EnforcementContext): Promise<never> {
  let seen = 0;
  for (;;) {
    await condition(() => ctx.desk.events.length > seen);
    while (seen < ctx.desk.events.length) {
      const event = ctx.desk.events[seen++]!;
      if (event.type !== 'payment.received' || ctx.st.closed) continue;
      await applyPayment(ctx, {
        key: `payment-callback:${event.eventId}`,
        date: shanghaiDateOf(event.data.paidAt),
        amountFen: event.data.amountFen,
        source: 'callback',
        reference: event.data.paymentRef ?? event.eventId,
        actor: 'agency:payment',
      });
    }
  }
}

/** Reminders to the officer and the party 3 days before and on the last day to pay (each once per due date). */
function remindPayment(ctx: EnforcementContext): void {
  const due = ctx.st.finalDue();
  const stillDue = () => !ctx.st.closed && ctx.st.finalDue() === due && ctx.st.owes(todayOf());
  for (const [moment, date] of [
    ['three-days-before', rollBackToWorkingDay(ctx.engine.calendar, addDays(due, -3))],
    ['due-day', due],
  ] as const) {
    ctx.remindOn(date, stillDue, () =>
      ctx.notify(
        `payment-reminder:${due}:${moment}`,
        'enforcement.payment-reminder',
        [ctx.ref.initiatorId, ctx.partyRecipient()],
        { dueDate: due, moment },
      ),
    );
  }
}

/** 30 and 7 days before the 3-month limit, and escalation to the department head and 安委办 when it passes. */
function remindCourtApplication(ctx: EnforcementContext, due: string): void {
  const notFiled = () => !ctx.st.closed && !ctx.st.court.filedOn;
  for (const days of [30, 7]) {
    ctx.remindOn(rollBackToWorkingDay(ctx.engine.calendar, addDays(due, -days)), notFiled, () =>
      ctx.notify(
        `court-application-reminder:${days}`,
        'enforcement.court-application-reminder',
        [ctx.ref.initiatorId],
        { dueDate: due, daysLeft: String(days) },
      ),
    );
  }
  ctx.remindOn(addDays(due, 1), notFiled, async () => {
    const onDate = todayOf();
    const [heads, office] = await Promise.all([
      approvalActs.resolveParticipants({
        spec: { roles: ['department-head'] },
        caseDepartmentId: ctx.ref.departmentId,
        onDate,
      }),
      approvalActs.resolveParticipants({
        spec: { roles: ['safety-office'], departmentId: 'aqb' },
        caseDepartmentId: ctx.ref.departmentId,
        onDate,
      }),
    ]);
    await Promise.all([
      ctx.audit(
        'court-application-overdue',
        'enforcement.court-application-overdue',
        { dueDate: due, escalatedTo: [...heads, ...office].map((p) => p.assigneeId) },
        { legalBasis: getLegalBasis('enforcement.court-application').citation },
      ),
      ctx.notify(
        'court-application-overdue',
        'enforcement.court-application-overdue',
        [ctx.ref.initiatorId, ...heads.map((p) => p.assigneeId), ...office.map((p) => p.assigneeId)],
        { dueDate: due },
      ),
    ]);
  });
}
