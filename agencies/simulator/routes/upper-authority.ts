import { agencyPaths } from '../../paths';
import { planFilingSchema } from '../../types';
import { issueNumber, takeIn, type SimulatorContext } from '../context';
import { agencyRouter, created, intake } from '../intake';

/** Upper-level authority: takes the annual plan on file (备案) and answers with a filing number. */
export function upperAuthorityRoutes(ctx: SimulatorContext) {
  const router = agencyRouter(ctx, 'upper-authority');
  router.post(
    agencyPaths.upperAuthority.planFilings,
    intake(ctx, 'upper-authority', planFilingSchema, (plan, { idempotencyKey }) => {
      const receiptNo = issueNumber(ctx, 'upper-authority-receipt');
      const filing = takeIn(ctx, 'upper-authority', 'plan-filing', receiptNo, idempotencyKey, plan);
      return created({ receiptNo, receivedAt: filing.receivedAt });
    }),
  );
  return router;
}
