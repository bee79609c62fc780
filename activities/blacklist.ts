import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { blacklistEntries } from '../db/schema';

export type BlacklistEntryRow = Omit<typeof blacklistEntries.$inferInsert, 'updatedAt'> & { version: number };

export function createBlacklistActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Upserts the blacklist projection; an older version never overwrites a newer one (idempotent). */
    async syncBlacklistEntry(row: BlacklistEntryRow): Promise<void> {
      const values = { ...row, updatedAt: new Date().toISOString() };
      await db
        .insert(blacklistEntries)
        .values(values)
        .onConflictDoUpdate({
          target: blacklistEntries.workflowId,
          set: {
            status: sql`excluded.status`,
            entryNo: sql`excluded.entry_no`,
            listedOn: sql`excluded.listed_on`,
            removedOn: sql`excluded.removed_on`,
            removalReason: sql`excluded.removal_reason`,
            updatedAt: sql`excluded.updated_at`,
            version: sql`excluded.version`,
          },
          setWhere: sql`${blacklistEntries.version} <= excluded.version`,
        });
    },
  };
}

export type BlacklistActivities = ReturnType<typeof createBlacklistActivities>;
