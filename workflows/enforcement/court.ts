// The court path (行政强制法 Arts. 53–58): Art. 55 materials checked, the agency head approves, the application
// is filed through the gateway, then acceptance, ruling, review by the higher court, and execution.
import { condition } from '@temporalio/workflow';
import type { CallbackEvent, CallbackEventOf, CallbackEventType } from '../../agencies/types';
import { shanghaiDateOf } from '../../domain/dates';
import { getLegalBasis } from '../../domain/legal-basis';
import { endOfDay } from '../approval/deadline';
import { todayOf, type EnforcementContext } from './context';
import type { EnforcementOutcome } from './types';

const dateOf = (e: CallbackEvent) => shanghaiDateOf(e.occurredAt);

/** Art. 55 materials complete (waiting for an officer to supplement them), then the agency head's approval. */
async function approveApplication(ctx: EnforcementContext): Promise<boolean> {
  const { st } = ctx;
  // Each check counts the surcharge to date, so the missing items are worked out once per change.
  const missingNow = () => st.materials(false).filter((m) => !m.present);
  for (let missing = missingNow(); missing.length > 0; missing = missingNow()) {
    await ctx.publish('materials');
    await ctx.actionTask(
      'materials',
      `补正强制执行申请材料：${missing.map((m) => m.label).join('、')}`,
      true,
      undefined,
      getLegalBasis('enforcement.application-materials').citation,
    );
    const seen = st.changes;
    await condition(() => st.changes !== seen);
  }
  await ctx.actionTask('materials', '补正强制执行申请材料', false);
  await ctx.publish('application-approval');
  const step = await ctx.engine.runStep({
    stepId: 'court-application',
    name: '机关负责人批准申请人民法院强制执行',
    mode: 'any-of',
    participants: { roles: ['department-head'] },
    deadline: { basisId: 'approval.step-default' },
    legalBasis: getLegalBasis('enforcement.application-materials').citation,
  });
  if (step.outcome?.kind !== 'approved') return false;
  const approval = step.decisions.filter((d) => d.action === 'approve').at(-1)!;
  st.signature = { agencyHead: approval.actorName, signedOn: todayOf() };
  return true;
}

/** Waits for the court's reply; when its period ends first, the officer is told and the wait goes on. */
async function awaitCourt<T extends CallbackEventType>(
  ctx: EnforcementContext,
  types: T[],
  dueKey: string,
  dueDate: string,
  what: string,
): Promise<CallbackEventOf<T>> {
  const match = (e: CallbackEvent): e is CallbackEventOf<T> =>
    (types as string[]).includes(e.type) && (e.data as { receiptNo?: string }).receiptNo === ctx.st.court.receiptNo;
  let event = await ctx.desk.waitFor(match, Math.max(1, endOfDay(dueDate) - Date.now()));
  if (!event) {
    await Promise.all([
      ctx.audit(`${dueKey}:court-overdue`, 'enforcement.court-reply-overdue', { deadline: dueKey, dueDate }),
      ctx.notify(`${dueKey}:court-overdue`, 'enforcement.court-overdue', [ctx.ref.initiatorId], { what, dueDate }),
    ]);
    event = await ctx.desk.waitFor(match);
  }
  ctx.record.settleDeadline(dueKey, Date.parse(event!.occurredAt));
  return event!;
}

/** 行政强制法 Arts. 56, 58: the agency may ask the next-higher court to review within 15 days. */
async function reviewByHigherCourt(
  ctx: EnforcementContext,
  kind: 'acceptance' | 'refusal',
  from: string,
): Promise<{ outcome: 'accepted' | 'enforce' | 'refused'; decidedOn?: string }> {
  const { st } = ctx;
  Object.assign(st.court, { reviewFiledOn: undefined, reviewDecidedOn: undefined, reviewOutcome: undefined });
  const applicationKey = `${kind}-review-application`;
  const due = ctx.deadline(
    applicationKey,
    kind === 'acceptance' ? '向上一级法院申请复议（不予受理）' : '向上一级法院申请复议（不予执行）',
    kind === 'acceptance' ? 'enforcement.acceptance-review-application' : 'enforcement.refusal-review-application',
    from,
    '本机关',
  );
  await ctx.publish(kind === 'acceptance' ? 'acceptance-refused' : 'refusal-ruled');
  await ctx.actionTask(applicationKey, '决定是否向上一级法院申请复议', true, due);
  const filed = await ctx.untilOrEndOf(due, () => st.court.reviewFiledOn !== undefined);
  await ctx.actionTask(applicationKey, '决定是否向上一级法院申请复议', false);
  if (!filed) {
    ctx.record.markMissed(applicationKey);
    return { outcome: 'refused' };
  }
  ctx.record.settleDeadline(applicationKey, Date.parse(`${st.court.reviewFiledOn}T12:00:00+08:00`));
  const rulingKey = `${kind}-review-ruling`;
  ctx.deadline(
    rulingKey,
    kind === 'acceptance' ? '上一级法院作出是否受理的裁定' : '上一级法院作出是否执行的裁定',
    kind === 'acceptance' ? 'enforcement.acceptance-review-ruling' : 'enforcement.refusal-review-ruling',
    st.court.reviewFiledOn!,
    '上一级法院',
  );
  await ctx.publish(kind === 'acceptance' ? 'acceptance-review' : 'refusal-review');
  await condition(() => st.court.reviewOutcome !== undefined);
  ctx.record.settleDeadline(rulingKey, Date.parse(`${st.court.reviewDecidedOn}T12:00:00+08:00`));
  const result = { outcome: st.court.reviewOutcome!, decidedOn: st.court.reviewDecidedOn! };
  await ctx.audit(`${rulingKey}:decided`, `enforcement.${kind}-review-decided`, result, {
    legalBasis: getLegalBasis(
      kind === 'acceptance' ? 'enforcement.acceptance-review-ruling' : 'enforcement.refusal-review-ruling',
    ).citation,
  });
  return result;
}

/** Art. 57 (7 working days) or Art. 58 (30 days) from acceptance; a refusal may be reviewed. */
async function ruling(ctx: EnforcementContext, acceptedOn: string): Promise<'enforce' | 'refused'> {
  const { st } = ctx;
  const due = ctx.deadline('court-ruling', '法院作出执行裁定', 'enforcement.enforcement-ruling', acceptedOn, '法院');
  await ctx.publish('court-ruling');
  const match = (e: CallbackEvent): e is CallbackEventOf<'court.ruling'> =>
    e.type === 'court.ruling' && e.data.receiptNo === st.court.receiptNo;
  let event = await ctx.desk.waitFor(match, Math.max(1, endOfDay(due) - Date.now()));
  if (!event) {
    // No ruling in 7 working days: the court may be examining under Art. 58, which allows 30 days.
    const longDue = ctx.deadline(
      'court-ruling-art58',
      '法院作出是否执行的裁定（第五十八条情形）',
      'enforcement.enforcement-ruling-with-hearing',
      acceptedOn,
      '法院',
    );
    await Promise.all([
      ctx.audit('court-ruling:court-overdue', 'enforcement.court-reply-overdue', {
        deadline: 'court-ruling',
        dueDate: due,
      }),
      ctx.notify('court-ruling:court-overdue', 'enforcement.court-overdue', [ctx.ref.initiatorId], {
        what: '执行裁定',
        dueDate: due,
      }),
    ]);
    await ctx.publish();
    event = await awaitCourt(ctx, ['court.ruling'], 'court-ruling-art58', longDue, '执行裁定（第五十八条）');
  }
  ctx.record.settleDeadline('court-ruling', Date.parse(event.occurredAt));
  Object.assign(st.court, { ruling: event.data.ruling, ruledOn: dateOf(event), courtCaseNo: event.data.courtCaseNo });
  await ctx.audit(
    `court-ruling:${event.eventId}`,
    'enforcement.court-ruled',
    { ruling: event.data.ruling, reason: event.data.reason ?? null, courtCaseNo: event.data.courtCaseNo },
    { actor: 'agency:court', legalBasis: getLegalBasis('enforcement.enforcement-ruling').citation },
  );
  if (event.data.ruling === 'enforce') return 'enforce';
  return (await reviewByHigherCourt(ctx, 'refusal', dateOf(event))).outcome === 'enforce' ? 'enforce' : 'refused';
}

export async function applyToCourt(ctx: EnforcementContext): Promise<EnforcementOutcome> {
  const { st, input } = ctx;
  if (!(await approveApplication(ctx))) return 'application-not-approved';

  await ctx.publish('court-filing');
  const balance = st.balance(todayOf());
  const filing = await ctx.desk.call(
    'court',
    'fileEnforcementApplication',
    {
      caseRef: input.decisionNumber,
      applicantAgency: input.departmentName,
      agencyHead: st.signature!.agencyHead,
      signedOn: st.signature!.signedOn,
      respondent: {
        name: input.party.name,
        ...(input.party.unifiedSocialCreditCode
          ? { unifiedSocialCreditCode: input.party.unifiedSocialCreditCode }
          : {}),
        ...(input.party.address ? { address: input.party.address } : {}),
      },
      penaltyDecisionNo: input.decisionNumber,
      penaltyDecidedOn: input.decidedOn,
      fineFen: st.money.fineFen,
      surchargeFen: balance.outstandingSurchargeFen,
      demandServedOn: st.demand!.servedOn!,
      ...(st.statement ? { partyOpinions: st.statement.summary } : {}),
      enforcementTarget:
        [
          balance.outstandingFineFen > 0 ? `罚款${balance.outstandingFineFen}分` : null,
          balance.outstandingSurchargeFen > 0 ? `加处罚款${balance.outstandingSurchargeFen}分` : null,
          ...(input.rectification ?? []),
        ]
          .filter(Boolean)
          .join('；') || '履行行政处罚决定',
      materials: [
        { title: `行政处罚决定书（${input.decisionNumber}）` },
        { title: '作出决定的事实、理由和依据' },
        { title: `催告书（${st.demand!.documentNo}）及送达回证` },
        { title: st.statement ? '当事人陈述申辩记录及复核意见' : '当事人未提出陈述申辩的情况说明' },
      ],
    },
    {
      label: '向法院申请强制执行',
      // One filing per decision, whatever retries or replays happen.
      idempotencyKey: `${input.decisionNumber}:court-application`,
      callbackRef: input.decisionNumber,
    },
  );
  if (!filing.ok) return 'application-abandoned';
  // Periods run on the workflow's clock (the court's receipt time is kept alongside).
  const filedOn = todayOf();
  Object.assign(st.court, { receiptNo: filing.result.receiptNo, filedOn, receivedAt: filing.result.receivedAt });
  ctx.record.settleDeadline('court-application');
  await ctx.audit(
    'court-filed',
    'enforcement.court-application-filed',
    { receiptNo: filing.result.receiptNo, filedOn, surchargeFen: balance.outstandingSurchargeFen },
    { legalBasis: getLegalBasis('enforcement.court-application').citation },
  );

  // Art. 56: the court decides on acceptance within 5 working days of receipt.
  const acceptanceDue = ctx.deadline(
    'court-acceptance',
    '法院决定是否受理',
    'enforcement.court-acceptance',
    filedOn,
    '法院',
  );
  await ctx.publish('court-acceptance');
  const reply = await awaitCourt(
    ctx,
    ['court.accepted', 'court.refused'],
    'court-acceptance',
    acceptanceDue,
    '受理决定',
  );
  let acceptedOn: string;
  if (reply.type === 'court.accepted') {
    acceptedOn = dateOf(reply);
    Object.assign(st.court, { acceptedOn, courtCaseNo: reply.data.courtCaseNo });
    await ctx.audit(
      `court-accepted:${reply.eventId}`,
      'enforcement.court-accepted',
      { courtCaseNo: reply.data.courtCaseNo },
      { actor: 'agency:court' },
    );
  } else {
    Object.assign(st.court, { refusedOn: dateOf(reply), refusalReason: reply.data.reason });
    await ctx.audit(
      `court-refused:${reply.eventId}`,
      'enforcement.court-refused-acceptance',
      { reason: reply.data.reason },
      { actor: 'agency:court' },
    );
    const review = await reviewByHigherCourt(ctx, 'acceptance', dateOf(reply));
    if (review.outcome !== 'accepted') return 'court-refused-acceptance';
    // The higher court's ruling to accept counts as acceptance: the ruling period runs from it.
    acceptedOn = review.decidedOn!;
    st.court.acceptedOn = acceptedOn;
  }

  if ((await ruling(ctx, acceptedOn)) !== 'enforce') return 'court-refused-enforcement';

  await ctx.publish('court-execution');
  const executed = await ctx.desk.waitFor(
    (e): e is CallbackEventOf<'court.executed'> =>
      e.type === 'court.executed' && e.data.receiptNo === st.court.receiptNo,
  );
  Object.assign(st.court, {
    executionCaseNo: executed!.data.executionCaseNo,
    executedOn: dateOf(executed!),
    executedAmountFen: executed!.data.executedAmountFen,
  });
  await ctx.audit(
    `court-executed:${executed!.eventId}`,
    'enforcement.court-executed',
    { executionCaseNo: executed!.data.executionCaseNo, executedAmountFen: executed!.data.executedAmountFen ?? null },
    { actor: 'agency:court' },
  );
  return 'enforced';
}
