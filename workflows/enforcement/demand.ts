// The payment demand (催告书, 行政强制法 Arts. 35–38, 54): issued, served (recorded by the officer), the party's
// statement heard and reviewed, then 10 working days for the party to perform before applying to the court.
import { condition } from '@temporalio/workflow';
import { buildPaymentDemand } from '../../domain/payment-demand';
import { getLegalBasis } from '../../domain/legal-basis';
import { todayOf, type EnforcementContext } from './context';
import { deemedServiceDate } from './case-state';

/** Returns false when the review upholds the party's statement (enforcement stops). */
async function reviewStatement(ctx: EnforcementContext): Promise<boolean> {
  const { st } = ctx;
  await ctx.publish('statement-review');
  const step = await ctx.engine.runStep({
    stepId: 'statement-review',
    name: '陈述申辩复核（同意＝理由不成立，继续执行）',
    mode: 'any-of',
    participants: { roles: ['department-head'] },
    deadline: { basisId: 'approval.step-default' },
    legalBasis: '《行政强制法》第三十六条',
  });
  const upheld = step.outcome?.kind !== 'approved';
  Object.assign(st.statement!, { reviewed: true, upheld });
  st.bump();
  await ctx.audit(
    'statement-reviewed',
    'enforcement.statement-reviewed',
    { upheld },
    { legalBasis: '《行政强制法》第三十六条' },
  );
  return !upheld;
}

export async function serveDemand(ctx: EnforcementContext): Promise<'continue' | 'statement-upheld'> {
  const { st, input } = ctx;
  const prior = input.demandServed;
  const today = prior?.servedOn ?? todayOf();
  const balance = st.balance(today);
  st.demand = buildPaymentDemand({
    decisionNumber: input.decisionNumber,
    decidedOn: input.decidedOn,
    departmentName: input.departmentName,
    party: input.party,
    outstandingFineFen: balance.outstandingFineFen,
    surchargeFen: balance.outstandingSurchargeFen,
    rectification: input.rectification,
    issuedOn: today,
    sequence: 1,
  });
  st.bump();
  const citation = getLegalBasis('enforcement.demand').citation;
  if (prior) {
    Object.assign(st.demand, {
      servedOn: deemedServiceDate(prior.method, prior.servedOn),
      serviceMethod: prior.method,
      ...(prior.method === 'public-notice' ? { noticePublishedOn: prior.servedOn } : {}),
    });
    await ctx.audit(
      'demand-served-before',
      'enforcement.demand-served',
      { documentNo: st.demand.documentNo, servedOn: prior.servedOn, method: prior.method, recordedAtIntake: true },
      { actor: ctx.ref.initiatorId, legalBasis: citation },
    );
  } else await serveOnPaper(ctx, citation);
  return waitOutDemand(ctx);
}

/** The officer serves the demand and records the date and manner of service (Art. 38). */
async function serveOnPaper(ctx: EnforcementContext, citation: string): Promise<void> {
  const { st } = ctx;
  await Promise.all([
    ctx.audit(
      'demand-issued',
      'enforcement.demand-issued',
      { documentNo: st.demand!.documentNo, totalFen: st.demand!.amounts.totalFen },
      { legalBasis: citation },
    ),
    ctx.actionTask(
      'demand-service',
      `送达催告书（${st.demand!.documentNo}）并登记送达日期和方式`,
      true,
      undefined,
      citation,
    ),
  ]);
  await ctx.publish('demand');
  await condition(() => st.demand?.servedOn !== undefined);
  await ctx.actionTask('demand-service', '送达催告书', false);
}

async function waitOutDemand(ctx: EnforcementContext): Promise<'continue' | 'statement-upheld'> {
  const { st } = ctx;
  const demand = st.demand!;

  // Art. 54, Art. 69: 10 working days from service for the party to perform.
  const waitEnds = ctx.deadline(
    'demand-wait',
    '催告期满（当事人履行义务）',
    'enforcement.demand-wait',
    demand.servedOn!,
    '当事人',
  );
  demand.waitEnds = waitEnds;
  await ctx.publish('demand-wait');
  for (;;) {
    const seen = st.changes;
    const ended = !(await ctx.untilOrEndOf(waitEnds, () => st.changes !== seen));
    if (st.statement && !st.statement.reviewed) {
      if (!(await reviewStatement(ctx))) return 'statement-upheld';
      await ctx.publish(ended ? undefined : 'demand-wait');
    }
    if (ended || todayOf() > waitEnds) break;
  }
  ctx.record.markMissed('demand-wait');
  st.noStatement = !st.statement;
  await ctx.audit(
    'demand-expired',
    'enforcement.demand-period-expired',
    { waitEnds, statement: Boolean(st.statement) },
    { legalBasis: getLegalBasis('enforcement.demand-wait').citation },
  );
  return 'continue';
}
