import { agencyPaths } from '../../paths';
import { blacklistEntryRequestSchema, blacklistRemovalRequestSchema, type BlacklistEntryRequest } from '../../types';
import { issueNumber, takeIn, type SimulatorContext } from '../context';
import { agencyRouter, created, intake, ok, refuse } from '../intake';
import { problem } from '../problem';

const paths = agencyPaths.creditPublicity;

/** Credit publicity system: blacklist entries (§十三), one active entry per enterprise and decision. */
export function creditPublicityRoutes(ctx: SimulatorContext) {
  const router = agencyRouter(ctx, 'credit-publicity');

  router.post(
    paths.blacklistEntries,
    intake(ctx, 'credit-publicity', blacklistEntryRequestSchema, (entry, { idempotencyKey }) => {
      const active = ctx.state.filings.find((f) => {
        const listed = f.body as BlacklistEntryRequest;
        return (
          f.agency === 'credit-publicity' &&
          f.kind === 'blacklist-entry' &&
          !f.references.removedAt &&
          listed.enterprise.unifiedSocialCreditCode === entry.enterprise.unifiedSocialCreditCode &&
          listed.decisionNo === entry.decisionNo
        );
      });
      if (active) {
        return refuse(problem('already-listed', 409, '该企业已因同一决定列入黑名单', { entryNo: active.receiptNo }));
      }
      const filing = takeIn(
        ctx,
        'credit-publicity',
        'blacklist-entry',
        issueNumber(ctx, 'blacklist-entry'),
        idempotencyKey,
        entry,
      );
      return created({ entryNo: filing.receiptNo, listedAt: filing.receivedAt });
    }),
  );

  router.post(
    paths.blacklistRemovals,
    intake(ctx, 'credit-publicity', blacklistRemovalRequestSchema, (removal, { idempotencyKey }) => {
      const entry = ctx.state.findFiling('credit-publicity', removal.entryNo, 'blacklist-entry');
      if (!entry)
        return refuse(problem('not-found', 404, '未找到黑名单条目', { detail: `编号「${removal.entryNo}」不存在` }));
      if (entry.references.removedAt) return refuse(problem('already-removed', 409, '该黑名单条目已移出'));
      const filing = takeIn(ctx, 'credit-publicity', 'blacklist-removal', entry.receiptNo, idempotencyKey, removal);
      entry.references.removedAt = filing.receivedAt;
      return ok({ entryNo: entry.receiptNo, removedAt: filing.receivedAt });
    }),
  );

  return router;
}
