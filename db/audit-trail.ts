import { createHash } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { canonicalJson } from './canonical-json';
import { auditLog } from './schema';

export interface AuditEntry {
  actor: string;
  actingFor?: string | null;
  action: string;
  outcome?: 'ok' | 'denied' | 'rejected';
  comment?: string | null;
  workflowId?: string | null;
  caseId?: string | null;
  step?: string | null;
  legalBasis?: string | null;
  detail?: Record<string, unknown> | null;
  /** Recorded once per key: a retried activity does not add a second record. */
  dedupeKey?: string | null;
  /** ISO timestamp; defaults to now. Workflows pass their own event time. */
  at?: string;
}

export const GENESIS_HASH = '0'.repeat(64);
// Serialises appends so each record links to exactly one predecessor.
const AUDIT_CHAIN_LOCK = 7_310_001;

type AuditRow = typeof auditLog.$inferSelect;

/** The fields covered by the hash; seq is excluded because it is assigned by the database. */
function hashedFields(row: Omit<AuditRow, 'seq' | 'hash'>): Record<string, unknown> {
  return {
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    actingFor: row.actingFor,
    action: row.action,
    outcome: row.outcome,
    comment: row.comment,
    workflowId: row.workflowId,
    caseId: row.caseId,
    step: row.step,
    legalBasis: row.legalBasis,
    detail: row.detail,
    dedupeKey: row.dedupeKey,
    prevHash: row.prevHash,
  };
}

export function auditHash(row: Omit<AuditRow, 'seq' | 'hash'>): string {
  return createHash('sha256').update(canonicalJson(hashedFields(row))).digest('hex');
}

export async function appendAudit(db: Db, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    if (entry.dedupeKey) {
      const [existing] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).where(eq(auditLog.dedupeKey, entry.dedupeKey)).limit(1);
      if (existing) return existing;
    }
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const row = {
      at: new Date(entry.at ?? Date.now()).toISOString(),
      actor: entry.actor,
      actingFor: entry.actingFor ?? null,
      action: entry.action,
      outcome: entry.outcome ?? 'ok',
      comment: entry.comment ?? null,
      workflowId: entry.workflowId ?? null,
      caseId: entry.caseId ?? null,
      step: entry.step ?? null,
      legalBasis: entry.legalBasis ?? null,
      detail: entry.detail ?? null,
      dedupeKey: entry.dedupeKey ?? null,
      prevHash: last?.hash ?? GENESIS_HASH,
    } satisfies Omit<AuditRow, 'seq' | 'hash'>;
    const hash = auditHash(row);
    const [inserted] = await tx.insert(auditLog).values({ ...row, hash }).returning({ seq: auditLog.seq });
    return { seq: inserted!.seq, hash };
  });
}

export type AuditVerification =
  | { ok: true; records: number; lastHash: string }
  | { ok: false; records: number; brokenAt: number; reason: 'hash-mismatch' | 'broken-link' };

/** Re-computes every hash in order; reports the first row whose content or link does not match. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let count = 0;
  let afterSeq = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.seq} > ${afterSeq}`)
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const row of rows) {
      if (row.prevHash !== prev) return { ok: false, records: count, brokenAt: row.seq, reason: 'broken-link' };
      if (auditHash(row) !== row.hash) return { ok: false, records: count, brokenAt: row.seq, reason: 'hash-mismatch' };
      prev = row.hash;
      count++;
      afterSeq = row.seq;
    }
    if (rows.length < batchSize) return { ok: true, records: count, lastHash: prev };
  }
}

export async function auditOfCase(db: Db, caseId: string): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(eq(auditLog.caseId, caseId)).orderBy(asc(auditLog.seq));
}
