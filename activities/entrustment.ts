import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { entrustmentRecordsOf } from '../db/entrustment-store';
import { entrustments } from '../db/schema';
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
        .onConflictDoUpdate({
          target: entrustments.workflowId,
          set: {
            letterNumber: sql`excluded.letter_number`,
            termEnd: sql`excluded.term_end`,
            status: sql`excluded.status`,
            revokedOn: sql`excluded.revoked_on`,
            suspensions: sql`excluded.suspensions`,
            publications: sql`excluded.publications`,
            updatedAt: sql`excluded.updated_at`,
            version: sql`excluded.version`,
          },
          setWhere: sql`${entrustments.version} <= excluded.version`,
        });
    },

    /** For enforcement workflows: may the organisation exercise the power on the date, and in whose name (行政处罚法 Art. 20). */
    async authorizeEntrustedAct(query: AuthorisationQuery): Promise<AuthorisationDecision> {
      return authoriseEntrustedAct(await entrustmentRecordsOf(db, query.orgId), query);
    },
  };
}

export type EntrustmentActivities = ReturnType<typeof createEntrustmentActivities>;
