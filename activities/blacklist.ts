import type { Db } from '../db/client';
import { blacklistEntries } from '../db/schema';
import { versionedUpsert } from '../db/versioned-upsert';

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
        .onConflictDoUpdate(
          versionedUpsert(blacklistEntries, blacklistEntries.workflowId, [
            'status',
            'entryNo',
            'listedOn',
            'removedOn',
            'removalReason',
            'updatedAt',
          ]),
        );
    },
  };
}

export type BlacklistActivities = ReturnType<typeof createBlacklistActivities>;
