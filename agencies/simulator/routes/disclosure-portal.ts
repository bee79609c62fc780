import { agencyPaths } from '../../paths';
import { publicationRequestSchema, withdrawalRequestSchema } from '../../types';
import { replyLater, step, takeIn, type SimulatorContext } from '../context';
import { agencyRouter, created, intake, ok, refuse } from '../intake';
import { beijingDate } from '../numbering';
import { problem } from '../problem';

const paths = agencyPaths.disclosurePortal;

/** Disclosure portal: publishes at once, confirms by callback once the page is live, and withdraws. */
export function disclosurePortalRoutes(ctx: SimulatorContext) {
  const router = agencyRouter(ctx, 'disclosure-portal');

  router.post(
    paths.documents,
    intake(ctx, 'disclosure-portal', publicationRequestSchema, (publication, { idempotencyKey }) => {
      const now = ctx.now();
      const issued = ctx.state.numbers.next('disclosure-receipt', now);
      const day = beijingDate(now);
      // The URL shape of gov.cn content systems: /<column>/<yyyymm>/t<yyyymmdd>_<id>.html
      const documentUrl = `https://www.beibei.gov.cn/zwgk/gsgg/${day.slice(0, 6)}/t${day}_${issued.seq}.html`;
      const filing = takeIn(ctx, 'disclosure-portal', 'publication', issued.text, idempotencyKey, publication);
      const published = { receiptNo: filing.receiptNo, documentUrl, publishedAt: filing.receivedAt };
      filing.references.documentUrl = documentUrl;
      replyLater(ctx, 'disclosure-portal', [
        step(ctx, 'disclosure.confirmation', filing, 'disclosure.published', () => published),
      ]);
      return created(published);
    }),
  );

  router.post(
    paths.withdrawals,
    intake(ctx, 'disclosure-portal', withdrawalRequestSchema, (withdrawal, { idempotencyKey }) => {
      const document = ctx.state.findFiling('disclosure-portal', withdrawal.receiptNo, 'publication');
      if (!document) {
        return refuse(
          problem('not-found', 404, '未找到已公开的文件', { detail: `编号「${withdrawal.receiptNo}」不存在` }),
        );
      }
      if (document.references.withdrawnAt) return refuse(problem('already-withdrawn', 409, '该文件已撤回'));
      const filing = takeIn(ctx, 'disclosure-portal', 'withdrawal', document.receiptNo, idempotencyKey, withdrawal);
      document.references.withdrawnAt = filing.receivedAt;
      return ok({ receiptNo: document.receiptNo, withdrawnAt: filing.receivedAt });
    }),
  );

  return router;
}
