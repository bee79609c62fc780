import { agencyPaths } from '../../paths';
import { procuratorateCopySchema, supervisionRequestSchema } from '../../types';
import { decidesAgainst, issueNumber, replyLater, step, takeIn, type SimulatorContext } from '../context';
import { agencyRouter, created, intake } from '../intake';

const paths = agencyPaths.procuratorate;

/** Procuratorate: receives copies of transfers (§十二) and supervises refusals to file (国务院令第310号 Art. 9). */
export function procuratorateRoutes(ctx: SimulatorContext) {
  const router = agencyRouter(ctx, 'procuratorate');

  router.post(
    paths.copies,
    intake(ctx, 'procuratorate', procuratorateCopySchema, (copy, { idempotencyKey }) => {
      const filing = takeIn(
        ctx,
        'procuratorate',
        'transfer-copy',
        issueNumber(ctx, 'procuratorate-receipt'),
        idempotencyKey,
        copy,
      );
      return created({ receiptNo: filing.receiptNo, receivedAt: filing.receivedAt });
    }),
  );

  router.post(
    paths.supervisionRequests,
    intake(ctx, 'procuratorate', supervisionRequestSchema, (request, { idempotencyKey }) => {
      const receiptNo = issueNumber(ctx, 'procuratorate-supervision');
      const filing = takeIn(ctx, 'procuratorate', 'supervision-request', receiptNo, idempotencyKey, request);
      const outcome = decidesAgainst(ctx, 'procuratorate') ? 'refusal-upheld' : 'police-ordered-to-file';
      replyLater(ctx, 'procuratorate', [
        step(ctx, 'procuratorate.supervision', filing, 'procuratorate.supervised', () => ({
          receiptNo,
          policeReceiptNo: request.policeReceiptNo,
          outcome,
        })),
      ]);
      return created({ receiptNo, receivedAt: filing.receivedAt });
    }),
  );

  return router;
}
