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
  recordEnforcementAgreementUpdate,
  recordPublicationUpdate,
  recordDemandServiceUpdate,
  recordPaymentUpdate,
  recordStatementUpdate,
  requestDeferralUpdate,
  supplementMaterialsUpdate,
  enforcementViewQuery,
} from './messages';
import { enforcementRefusals, serviceMethodLabels, type ActionReceipt, type Challenge } from './types';
import type { SurchargeReduction } from '../../domain/enforcement-balance';
import { deemedServiceDate } from './case-state';

/** A reconsideration's decision period (行政复议法 Arts. 30, 62) and the suit after a silent body (行政诉讼法 Art. 45). */
export function trackReconsideration(ctx: EnforcementContext, c: Challenge): void {
  c.decisionDue = ctx.st.reconsiderationDecisionDue(c);
  ctx.record.deadline({
    key: 'reconsideration-decision',
    label: c.simpleProcedure ? '复议机关作出复议决定（简易程序）' : '复议机关作出复议决定',
    basisId: c.simpleProcedure ? 'enforcement.reconsideration-decision-simple' : 'enforcement.reconsideration-decision',
    citation: getLegalBasis('enforcement.reconsideration-decision').citation,
    owedBy: '复议机关',
    dueDate: c.decisionDue,
    provisional: false,
  });
  ctx.deadline(
    'litigation-window',
    '起诉期限（复议机关逾期不作决定的，复议期满后十五日）',
    'enforcement.litigation-after-silence',
    c.decisionDue,
    '当事人',
  );
}

/** A final result that varied or revoked a published decision: withdraw it within 3 working days (行政处罚法 Art. 48). */
export function recordFinal(ctx: EnforcementContext, c: Challenge): void {
  if ((c.outcome === 'varied' || c.outcome === 'revoked') && ctx.st.publication.publishedOn)
    ctx.deadline(
      'publication-withdrawal',
      '撤回已公开的行政处罚决定信息',
      'enforcement.publication-withdrawal',
      c.decidedOn!,
      '本机关',
    );
}

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
      const c = i.event === 'filed' ? undefined : st.pendingChallenge()!;
      switch (i.event) {
        case 'filed': {
          const filed = { kind: i.kind, filedOn: i.date } as Challenge;
          st.challenges.push(filed);
          record.settleDeadline(windowKey, shanghaiMidnight(i.date) + 12 * 3_600_000);
          if (i.kind === 'reconsideration') trackReconsideration(ctx, filed);
          break;
        }
        case 'accepted':
        case 'extended':
          if (i.event === 'accepted')
            Object.assign(c!, { acceptedOn: i.date, simpleProcedure: i.simpleProcedure === true });
          else c!.extendedDays = i.extendedDays;
          trackReconsideration(ctx, c!);
          break;
        case 'appealed':
          Object.assign(c!, { appealedOn: i.date, instance: 'second' });
          record.settleDeadline('appeal-window', shanghaiMidnight(i.date) + 12 * 3_600_000);
          break;
        case 'decided':
          if (i.kind === 'litigation' && !c!.appealedOn) {
            // 行政诉讼法 Art. 85: a first-instance judgment is final only when the 15 days to appeal end unused.
            const servedOn = i.servedOn ?? i.date;
            const appealEnds = ctx.deadline(
              'appeal-window',
              '上诉期限（一审判决送达后十五日）',
              'enforcement.appeal-window',
              servedOn,
              '当事人',
            );
            c!.instance = 'first';
            c!.firstInstance = {
              decidedOn: i.date,
              servedOn,
              outcome: i.outcome!,
              ...(i.outcome === 'varied' ? { newFineFen: i.newFineFen } : {}),
              appealEnds,
            };
          } else {
            if (i.kind === 'reconsideration')
              record.settleDeadline('reconsideration-decision', shanghaiMidnight(i.date) + 12 * 3_600_000);
            st.finalise(c!, i.date, i.outcome, i.newFineFen);
            recordFinal(ctx, c!);
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
          break;
      }
      st.recomputePauses();
      st.bump();
      await ctx.audit(
        `challenge:${i.requestId}`,
        `enforcement.${i.kind}-${i.event}`,
        {
          date: i.date,
          outcome: i.outcome ?? null,
          newFineFen: i.newFineFen ?? null,
          instance: i.kind === 'litigation' ? (c?.instance ?? null) : null,
          servedOn: i.servedOn ?? null,
        },
        { actor: i.actor.id, comment: i.comment, legalBasis: getLegalBasis('enforcement.surcharge-pause').citation },
      );
      st.stage = st.paymentStage(todayOf());
      return done(i.requestId);
    },
    { validator: guard(st.checkChallenge.bind(st)) },
  );

  setHandler(
    recordEnforcementAgreementUpdate,
    async (i) => {
      st.remember(i.requestId);
      const owed = st.balance(i.decidedOn).surchargeFen;
      const reduction: SurchargeReduction = {
        agreementNo: i.agreementNo.trim(),
        decidedOn: i.decidedOn,
        amountFen: i.waiveAll ? owed : i.reductionFen!,
        remedialMeasures: i.remedialMeasures.trim(),
        basis: getLegalBasis('enforcement.enforcement-agreement').citation,
        decidedBy: i.actor.name ?? i.actor.id,
      };
      (st.money.reductions ??= []).push(reduction);
      st.bump();
      await ctx.audit(
        `agreement:${i.requestId}`,
        'enforcement.surcharge-reduced',
        { ...reduction },
        { actor: i.actor.id, comment: i.comment, legalBasis: reduction.basis },
      );
      return done(i.requestId);
    },
    { validator: guard(st.checkAgreement.bind(st)) },
  );

  setHandler(
    recordPublicationUpdate,
    async (i) => {
      st.remember(i.requestId);
      const at = shanghaiMidnight(i.date) + 12 * 3_600_000;
      if (i.event === 'published') {
        st.publication.publishedOn = i.date;
        record.settleDeadline('publication', at);
      } else {
        st.publication.withdrawnOn = i.date;
        record.settleDeadline('publication-withdrawal', at);
      }
      st.bump();
      await ctx.audit(
        `publication:${i.requestId}`,
        `enforcement.decision-${i.event}`,
        { date: i.date },
        {
          actor: i.actor.id,
          comment: i.comment,
          legalBasis: getLegalBasis(
            i.event === 'published' ? 'enforcement.publication' : 'enforcement.publication-withdrawal',
          ).citation,
        },
      );
      return done(i.requestId);
    },
    { validator: guard(st.checkPublication.bind(st)) },
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
      // 公告送达: the date recorded is the publication; the demand counts as served 30 days later.
      Object.assign(st.demand!, {
        servedOn: deemedServiceDate(i.method, i.servedOn),
        serviceMethod: i.method,
        ...(i.method === 'public-notice' ? { noticePublishedOn: i.servedOn } : {}),
      });
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
