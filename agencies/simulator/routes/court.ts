import { agencyPaths } from '../../paths';
import { courtEnforcementApplicationSchema, type CourtApplicationStatus } from '../../types';
import { decidesAgainst, issueNumber, replyLater, step, takeIn, type SimulatorContext } from '../context';
import { agencyRouter, created, intake, notFound } from '../intake';
import type { Filing } from '../state';

const path = agencyPaths.court.enforcementApplications;

/** People's court: accepts (Art. 56), rules (Art. 57) and executes, or refuses to accept. */
export function courtRoutes(ctx: SimulatorContext) {
  const router = agencyRouter(ctx, 'court');

  router.post(
    path,
    intake(ctx, 'court', courtEnforcementApplicationSchema, (application, { idempotencyKey }) => {
      const receiptNo = issueNumber(ctx, 'court-receipt');
      const filing = takeIn(ctx, 'court', 'enforcement-application', receiptNo, idempotencyKey, application);
      const refused = decidesAgainst(ctx, 'court');
      replyLater(
        ctx,
        'court',
        refused
          ? [
              step(ctx, 'court.acceptance', filing, 'court.refused', () =>
                statusOf(filing).status === 'received'
                  ? { receiptNo, reason: '申请材料不齐全，经通知未在指定期限内补正，不予受理' }
                  : undefined,
              ),
            ]
          : [
              step(ctx, 'court.acceptance', filing, 'court.accepted', () =>
                statusOf(filing).status === 'received'
                  ? { receiptNo, courtCaseNo: issueNumber(ctx, 'court-review') }
                  : undefined,
              ),
              step(ctx, 'court.ruling', filing, 'court.ruling', () => {
                const { status, courtCaseNo } = statusOf(filing);
                return status === 'accepted' && courtCaseNo
                  ? { receiptNo, courtCaseNo, ruling: 'enforce' as const }
                  : undefined;
              }),
              step(ctx, 'court.execution', filing, 'court.executed', () => {
                const { ruling, courtCaseNo } = statusOf(filing);
                if (ruling !== 'enforce' || !courtCaseNo) return undefined;
                const executionCaseNo = issueNumber(ctx, 'court-execution');
                return {
                  receiptNo,
                  courtCaseNo,
                  executionCaseNo,
                  executedAmountFen: application.fineFen + application.surchargeFen,
                };
              }),
            ],
      );
      return created({ receiptNo, receivedAt: filing.receivedAt });
    }),
  );

  router.get(`${path}/:receiptNo`, (c) => {
    const receiptNo = c.req.param('receiptNo');
    const filing = ctx.state.findFiling('court', receiptNo, 'enforcement-application');
    return filing ? c.json(statusOf(filing)) : notFound(c, '强制执行申请', receiptNo);
  });

  return router;
}

/** The court's docket entry, read from the decisions taken so far. */
export function statusOf(filing: Filing): CourtApplicationStatus {
  const status: CourtApplicationStatus = {
    receiptNo: filing.receiptNo,
    status: 'received',
    updatedAt: filing.receivedAt,
  };
  for (const event of filing.events) {
    status.updatedAt = event.occurredAt;
    if ('courtCaseNo' in event.data) status.courtCaseNo = event.data.courtCaseNo;
    if (event.type === 'court.accepted') status.status = 'accepted';
    if (event.type === 'court.refused') status.status = 'refused';
    if (event.type === 'court.ruling') Object.assign(status, { status: 'ruled', ruling: event.data.ruling });
    if (event.type === 'court.executed') status.status = 'executed';
  }
  return status;
}
