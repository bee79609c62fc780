import { agencyPaths } from '../../paths';
import { criminalCaseTransferSchema, reconsiderationRequestSchema, type PoliceDecision } from '../../types';
import { decidesAgainst, issueNumber, replyLater, step, takeIn, type SimulatorContext } from '../context';
import { agencyRouter, created, intake, notFound, refuse } from '../intake';
import { problem } from '../problem';
import type { Filing } from '../state';

const paths = agencyPaths.publicSecurity;

/** Public security: decides within 3 days whether to file a transferred case (国务院令第310号 Arts. 8, 9). */
export function publicSecurityRoutes(ctx: SimulatorContext) {
  const router = agencyRouter(ctx, 'public-security');

  router.post(
    paths.transfers,
    intake(ctx, 'public-security', criminalCaseTransferSchema, (transfer, { idempotencyKey }) => {
      const receiptNo = issueNumber(ctx, 'police-receipt');
      const filing = takeIn(ctx, 'public-security', 'criminal-case-transfer', receiptNo, idempotencyKey, transfer);
      const undecided = () => decisionOf(filing).status === 'pending';
      const plan = decidesAgainst(ctx, 'public-security')
        ? step(ctx, 'police.decision', filing, 'police.refused', () =>
            undecided()
              ? {
                  receiptNo,
                  decisionNo: issueNumber(ctx, 'police-refusal'),
                  reason: '经审查，认为没有犯罪事实，或者犯罪事实显著轻微，不需要追究刑事责任',
                }
              : undefined,
          )
        : step(ctx, 'police.decision', filing, 'police.filed', () =>
            undecided() ? { receiptNo, decisionNo: issueNumber(ctx, 'police-filing') } : undefined,
          );
      replyLater(ctx, 'public-security', [plan]);
      return created({ receiptNo, receivedAt: filing.receivedAt });
    }),
  );

  router.get(`${paths.transfers}/:receiptNo`, (c) => {
    const receiptNo = c.req.param('receiptNo');
    const filing = ctx.state.findFiling('public-security', receiptNo, 'criminal-case-transfer');
    return filing ? c.json(decisionOf(filing)) : notFound(c, '移送案件受理回执', receiptNo);
  });

  router.post(
    paths.reconsiderationRequests,
    intake(ctx, 'public-security', reconsiderationRequestSchema, (request, { idempotencyKey }) => {
      const transfer = ctx.state.findFiling('public-security', request.receiptNo, 'criminal-case-transfer');
      if (!transfer)
        return refuse(
          problem('not-found', 404, '未找到移送案件', { detail: `受理回执「${request.receiptNo}」不存在` }),
        );
      if (decisionOf(transfer).status !== 'refused') {
        return refuse(problem('not-refused', 409, '该案件未作出不予立案决定，无需复议'));
      }
      const receiptNo = issueNumber(ctx, 'police-reconsideration-receipt');
      takeIn(ctx, 'public-security', 'reconsideration-request', receiptNo, idempotencyKey, request);
      const outcome = decidesAgainst(ctx, 'public-security') ? 'refusal-upheld' : 'filed';
      replyLater(ctx, 'public-security', [
        step(ctx, 'police.reconsideration', transfer, 'police.reconsideration-answered', () => ({
          receiptNo: transfer.receiptNo,
          reconsiderationReceiptNo: receiptNo,
          decisionNo: issueNumber(ctx, 'police-reconsideration-decision'),
          outcome,
        })),
      ]);
      return created({ receiptNo, receivedAt: ctx.now().toISOString() });
    }),
  );

  return router;
}

/** The latest filing decision on a transfer, a reconsideration answer included. */
export function decisionOf(filing: Filing): PoliceDecision {
  const decision: PoliceDecision = { receiptNo: filing.receiptNo, status: 'pending' };
  for (const event of filing.events) {
    if (event.type === 'police.filed')
      Object.assign(decision, { status: 'filed', decisionNo: event.data.decisionNo, reason: undefined });
    if (event.type === 'police.refused')
      Object.assign(decision, { status: 'refused', decisionNo: event.data.decisionNo, reason: event.data.reason });
    if (event.type === 'police.reconsideration-answered') {
      const filed = event.data.outcome === 'filed';
      Object.assign(decision, {
        status: filed ? 'filed' : 'refused',
        decisionNo: event.data.decisionNo,
        reason: filed ? undefined : decision.reason,
      });
    }
    if (event.type.startsWith('police.')) decision.decidedAt = event.occurredAt;
  }
  return decision;
}
