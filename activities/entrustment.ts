import type { Db } from '../db/client';
import { entrustmentRecordsOf } from '../db/entrustment-store';
import { entrustments } from '../db/schema';
import { versionedUpsert } from '../db/versioned-upsert';
import { authoriseEntrustedAct, type AuthorisationDecision, type AuthorisationQuery } from '../domain/entrustment';

export type EntrustmentRow = Omit<typeof entrustments.$inferInsert, 'updatedAt'>;

export function createEntrustmentActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Writes the register row; an older version never overwrites a newer one (idempotent). */
    async syncEntrustment(row: EntrustmentRow): Promise<void> {
      const values = { ...row, updatedAt: new Date().toISOString() };
      await db
        .insert(entrustments)
        .values(values)
        .onConflictDoUpdate(
          versionedUpsert(entrustments, entrustments.workflowId, [
            'letterNumber',
            'termEnd',
            'status',
            'revokedOn',
            'suspensions',
            'publications',
            'updatedAt',
          ]),
        );
    },

    /**
     * For enforcement workflows: may the organisation exercise the power on the date, and in whose name (行政处罚法 Art.
     * 20).
     */
    async authorizeEntrustedAct(query: AuthorisationQuery): Promise<AuthorisationDecision> {
      return authoriseEntrustedAct(await entrustmentRecordsOf(db, query.orgId), query);
    },
  };
}

export type EntrustmentActivities = ReturnType<typeof createEntrustmentActivities>;
