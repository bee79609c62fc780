// Reads of the entrustment register shared by the API and the activities.
import { eq, sql } from 'drizzle-orm';
import type { EntrustmentRecord } from '../domain/entrustment';
import type { Db } from './client';
import { entrustments } from './schema';

type Row = typeof entrustments.$inferSelect;

export function recordOf(row: Row): EntrustmentRecord {
  return {
    workflowId: row.workflowId,
    draftNumber: row.draftNumber,
    letterNumber: row.letterNumber,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    orgId: row.orgId,
    orgName: row.orgName,
    powerIds: row.powerIds,
    territory: row.territory,
    termStart: row.termStart,
    termEnd: row.termEnd,
    status: row.status,
    revokedOn: row.revokedOn,
    suspensions: row.suspensions,
  };
}

export async function entrustmentRecordsOf(db: Db, orgId: string): Promise<EntrustmentRecord[]> {
  const rows = await db.select().from(entrustments).where(eq(entrustments.orgId, orgId));
  return rows.map(recordOf);
}

/** Next sequence number of the agency's drafts in the year (a collision is retried by the caller). */
export async function nextDraftSequence(db: Db, agencyId: string, year: number): Promise<number> {
  const prefix = `WT-${agencyId}-${year}-%`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(entrustments)
    .where(sql`${entrustments.draftNumber} like ${prefix}`);
  return Number(row?.n ?? 0) + 1;
}
