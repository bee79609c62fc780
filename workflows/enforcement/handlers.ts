// The officers' actions on an enforcement case, as Updates with synchronous validators (a refused action
// changes nothing and the API answers 4xx naming the rule).
import { setHandler } from '@temporalio/workflow';
import { refuseBy } from '../refusal';
import { getLegalBasis } from '../../domain/legal-basis';
import { shanghaiMidnight } from '../approval/deadline';
import type { Rejection } from './case-state';
import { todayOf, type EnforcementContext } from './context';
import {
  recordChallengeUpdate,
  recordCourtReviewUpdate,
  recordDemandServiceUpdate,
  recordPaymentUpdate,
  recordStatementUpdate,
  requestDeferralUpdate,
  supplementMaterialsUpdate,
  enforcementViewQuery,
} from './messages';
import { enforcementRefusals, serviceMethodLabels, type ActionReceipt } from './types';

function guard<T>(check: (input: T, today: string) => Rejection): (input: T) => void {
  return (input: T) => {
    const r = check(input, todayOf());
    if (r) refuseBy(enforcementRefusals, r.code, r.message, r.field ? { field: r.field } : {});
  };
}

/** A fine payment from an officer's record or the payment platform's callback. */
export async function applyPayment(
  ctx: EnforcementContext,
  p: { key: string; date: string; amountFen: number; source: 'manual' | 'callback'; reference?: string; actor: string },
): Promise<void> {
  const { st, record } = ctx;
  st.money.payments.push({ date: p.date, amountFen: p.amountFen });
  st.bump();
  const balance = st.balance(todayOf());
  // Met when the whole fine was paid by the end of the payment deadline (行政处罚法 Art. 67).
  if (balance.outstandingFineFen === 0) record.settleDeadline('payment', shanghaiMidnight(p.date) + 12 * 3_600_000);
  await Promise.all([
    ctx.audit(
      p.key,
      'enforcement.payment-recorded',
      {
        amountFen: p.amountFen,
        paidOn: p.date,
        source: p.source,
        reference: p.reference ?? null,
        outstandingFen: balance.totalDueFen,
        surchargeFen: balance.surchargeFen,
      },
      { actor: p.actor, legalBasis: getLegalBasis('enforcement.payment').citation },
    ),
    ctx.notify(`${p.key}:notice`, 'enforcement.payment-received', [ctx.ref.initiatorId], {
      amountFen: String(p.amountFen),
      outstandingFen: String(balance.totalDueFen),
    }),
  ]);
  await ctx.publish();
}

export function registerEnforcementHandlers(ctx: EnforcementContext): void {
  const { st, record } = ctx;
  const done = async (_requestId: string): Promise<ActionReceipt> => {
    await ctx.publish();
    return { accepted: true, stage: st.stage };
  };

  setHandler(enforcementViewQuery, () => st.view(todayOf()));

  setHandler(
    recordPaymentUpdate,
    async (i) => {
      st.remember(i.requestId);
      await applyPayment(ctx, {
        key: `payment:${i.requestId}`,
        date: i.paidOn,
        amountFen: i.amountFen,
        source: 'manual',
        reference: i.reference,
        actor: i.actor.id,
      });
      return { accepted: true, stage: st.stage };
    },
    { validator: guard(st.checkPayment.bind(st)) },
  );

  setHandler(
    recordChallengeUpdate,
    async (i) => {
      st.remember(i.requestId);
      const windowKey = i.kind === 'reconsideration' ? 'reconsideration-window' : 'litigation-window';
      if (i.event === 'filed') {
        st.challenges.push({ kind: i.kind, filedOn: i.date });
        record.settleDeadline(windowKey, shanghaiMidnight(i.date) + 12 * 3_600_000);
      } else {
        const c = st.pendingChallenge()!;
        Object.assign(c, { decidedOn: i.date, outcome: i.outcome });
        if (i.outcome === 'varied' && i.newFineFen) {
          st.money.fineFen = i.newFineFen;
          delete st.money.instalments;
        }
        // 行政诉讼法 Art. 45: 15 days to sue after receiving the reconsideration decision.
        if (i.kind === 'reconsideration' && i.outcome !== 'revoked')
          ctx.deadline(
            'litigation-window',
            '起诉期限（收到复议决定后十五日）',
            'enforcement.litigation-after-reconsideration',
            i.date,
            '当事人',
          );
      }
      // 行政处罚法 Art. 73 ¶3: no surcharge while reconsideration or litigation is pending.
      st.money.pauses = st.challenges.map((c) =>
        c.decidedOn ? { from: c.filedOn, to: c.decidedOn } : { from: c.filedOn },
      );
      st.bump();
      await ctx.audit(
        `challenge:${i.requestId}`,
        `enforcement.${i.kind}-${i.event}`,
        { date: i.date, outcome: i.outcome ?? null, newFineFen: i.newFineFen ?? null },
        { actor: i.actor.id, comment: i.comment, legalBasis: getLegalBasis('enforcement.surcharge-pause').citation },
      );
      st.stage = st.paymentStage(todayOf());
      return done(i.requestId);
    },
    { validator: guard(st.checkChallenge.bind(st)) },
  );

  setHandler(
    requestDeferralUpdate,
    async (i) => {
      st.remember(i.requestId);
      st.deferral = { kind: i.kind, status: 'pending', deferredTo: i.deferredTo, instalments: i.instalments };
      st.queuedDeferral = i;
      st.bump();
      await ctx.audit(
        `deferral:${i.requestId}`,
        'enforcement.deferral-requested',
        { kind: i.kind, deferredTo: i.deferredTo ?? null, instalments: i.instalments ?? null },
        { actor: i.actor.id, comment: i.reason, legalBasis: getLegalBasis('enforcement.deferral').citation },
      );
      return done(i.requestId);
    },
    { validator: guard(st.checkDeferral.bind(st)) },
  );

  setHandler(
    recordDemandServiceUpdate,
    async (i) => {
      st.remember(i.requestId);
      Object.assign(st.demand!, { servedOn: i.servedOn, serviceMethod: i.method });
      st.bump();
      await ctx.audit(
        `demand-service:${i.requestId}`,
        'enforcement.demand-served',
        {
          documentNo: st.demand!.documentNo,
          servedOn: i.servedOn,
          method: i.method,
          methodLabel: serviceMethodLabels[i.method],
          recipient: i.recipient ?? null,
        },
        { actor: i.actor.id, comment: i.comment, legalBasis: getLegalBasis('enforcement.demand').citation },
      );
      return done(i.requestId);
    },
    { validator: guard(st.checkDemandService.bind(st)) },
  );

  setHandler(
    recordStatementUpdate,
    async (i) => {
      st.remember(i.requestId);
      st.statement = { receivedOn: i.receivedOn, summary: i.summary.trim(), reviewed: false };
      st.bump();
      await ctx.audit(
        `statement:${i.requestId}`,
        'enforcement.statement-recorded',
        { receivedOn: i.receivedOn, summary: st.statement.summary },
        { actor: i.actor.id, legalBasis: '《行政强制法》第三十六条' },
      );
      return done(i.requestId);
    },
    { validator: guard(st.checkStatement.bind(st)) },
  );

  setHandler(
    supplementMaterialsUpdate,
    async (i) => {
      st.remember(i.requestId);
      for (const field of ['facts', 'reasons', 'legalBasisText'] as const)
        if (i[field]?.trim()) st.materialsFacts[field] = i[field]!.trim();
      st.bump();
      await ctx.audit(
        `materials:${i.requestId}`,
        'enforcement.materials-supplemented',
        { fields: ['facts', 'reasons', 'legalBasisText'].filter((f) => (i as unknown as Record<string, unknown>)[f]) },
        { actor: i.actor.id, legalBasis: getLegalBasis('enforcement.application-materials').citation },
      );
      return done(i.requestId);
    },
    { validator: guard(st.checkMaterials.bind(st)) },
  );

  setHandler(
    recordCourtReviewUpdate,
    async (i) => {
      st.remember(i.requestId);
      if (i.event === 'filed') st.court.reviewFiledOn = i.date;
      else Object.assign(st.court, { reviewDecidedOn: i.date, reviewOutcome: i.outcome });
      st.bump();
      await ctx.audit(
        `court-review:${i.requestId}`,
        `enforcement.court-review-${i.event}`,
        { date: i.date, outcome: i.outcome ?? null, stage: st.stage },
        {
          actor: i.actor.id,
          comment: i.comment,
          legalBasis: getLegalBasis(
            st.stage.startsWith('acceptance')
              ? 'enforcement.acceptance-review-application'
              : 'enforcement.refusal-review-application',
          ).citation,
        },
      );
      return done(i.requestId);
    },
    { validator: guard(st.checkCourtReview.bind(st)) },
  );
}
