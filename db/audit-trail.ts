import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { sealRecord } from './audit-seal';
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

/**
 * What PostgreSQL stores for a string: a lone UTF-16 surrogate becomes U+FFFD on the way in, and NUL cannot be
 * stored at all. Records are normalised so first, so the hash covers exactly what is stored and re-verifies.
 */
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storable(text: string): string {
  return text.replace(loneSurrogates, '\ufffd').replaceAll('\u0000', '\u2400');
}

function storableDeep(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(storableDeep);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storableDeep(v)]));
  return value;
}

const storableOrNull = (text: string | null | undefined) => (text == null ? null : storable(text));

/** SHA-256 for rows before migration 0011, HMAC-SM3 under the audit key for every row since (db/audit-seal.ts). */
export function auditHash(row: Omit<AuditRow, 'seq' | 'hash'>): string {
  return sealRecord(hashedFields(row), row.hashAlg);
}

interface PendingAppend {
  entry: AuditEntry;
  resolve(r: { seq: number; hash: string }): void;
  reject(err: unknown): void;
}

// Group commit: appends that arrive while a batch holds the chain lock go together in the next transaction.
// The chain is serialised by one lock, so one append per transaction capped the whole system (README "Performance").
const queues = new WeakMap<object, { pending: PendingAppend[]; flushing: boolean }>();
const MAX_BATCH = 200;

/**
 * Appends one record to the hash chain; resolves once it is committed. A repeated dedupeKey returns the first record.
 */
export function appendAudit(db: Db, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  return new Promise((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) queues.set(db, (queue = { pending: [], flushing: false }));
    queue.pending.push({ entry, resolve, reject });
    if (!queue.flushing) void flush(db, queue);
  });
}

async function flush(db: Db, queue: { pending: PendingAppend[]; flushing: boolean }): Promise<void> {
  queue.flushing = true;
  try {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0, MAX_BATCH);
      try {
        const results = await appendBatch(
          db,
          batch.map((p) => p.entry),
        );
        batch.forEach((p, i) => p.resolve(results[i]!));
      } catch (err) {
        if (batch.length === 1) {
          batch[0]!.reject(err);
          continue;
        }
        // One bad entry must not fail the others: fall back to one transaction each.
        for (const p of batch) await appendBatch(db, [p.entry]).then((r) => p.resolve(r[0]!), p.reject);
      }
    }
  } finally {
    queue.flushing = false;
  }
}

async function appendBatch(db: Db, entries: AuditEntry[]): Promise<Array<{ seq: number; hash: string }>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const keys = [...new Set(entries.map((e) => e.dedupeKey).filter((k): k is string => Boolean(k)))];
    const existing = keys.length
      ? await tx
          .select({ seq: auditLog.seq, hash: auditLog.hash, dedupeKey: auditLog.dedupeKey })
          .from(auditLog)
          .where(inArray(auditLog.dedupeKey, keys))
      : [];
    const known = new Map<string, { seq: number; hash: string } | number>(
      existing.map((r) => [r.dedupeKey!, { seq: r.seq, hash: r.hash }]),
    );
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    let prevHash = last?.hash ?? GENESIS_HASH;
    const rows: Array<Omit<AuditRow, 'seq'>> = [];
    // Each entry's answer: an existing record, or the index of the row inserted for it (or for its dedupeKey).
    const answers = entries.map((entry) => {
      const seen = entry.dedupeKey ? known.get(entry.dedupeKey) : undefined;
      if (seen !== undefined) return seen;
      const row = {
        at: new Date(entry.at ?? Date.now()).toISOString(),
        actor: storable(entry.actor),
        actingFor: storableOrNull(entry.actingFor),
        action: storable(entry.action),
        outcome: entry.outcome ?? 'ok',
        comment: storableOrNull(entry.comment),
        workflowId: storableOrNull(entry.workflowId),
        caseId: storableOrNull(entry.caseId),
        step: storableOrNull(entry.step),
        legalBasis: storableOrNull(entry.legalBasis),
        detail: (storableDeep(entry.detail) as Record<string, unknown> | undefined) ?? null,
        dedupeKey: storableOrNull(entry.dedupeKey),
        prevHash,
        hashAlg: 'hmac-sm3',
      } satisfies Omit<AuditRow, 'seq' | 'hash'>;
      const hash = auditHash(row);
      prevHash = hash;
      rows.push({ ...row, hash });
      if (entry.dedupeKey) known.set(entry.dedupeKey, rows.length - 1);
      return rows.length - 1;
    });
    // Sequence numbers follow the VALUES order, so seq order is chain order.
    const inserted = rows.length
      ? await tx.insert(auditLog).values(rows).returning({ seq: auditLog.seq, hash: auditLog.hash })
      : [];
    const seqOf = new Map(inserted.map((r) => [r.hash, r.seq]));
    return answers.map((a) => (typeof a === 'number' ? { seq: seqOf.get(rows[a]!.hash)!, hash: rows[a]!.hash } : a));
  });
}

export interface AuditProblem {
  seq: number;
  /** downgraded: a SHA-256 row after the chain went over to HMAC-SM3, which only a forger would write. */
  reason: 'hash-mismatch' | 'broken-link' | 'downgraded';
}

export type AuditVerification =
  | { ok: true; records: number; lastHash: string; problems: [] }
  | {
      ok: false;
      records: number;
      /** The first bad row, as before; `problems` lists every one (at most `maxProblems`). */
      brokenAt: number;
      reason: AuditProblem['reason'];
      problems: AuditProblem[];
      lastHash: string;
    };

/**
 * Re-computes every hash in order and reports every row whose content or link does not match, not only the first:
 * one bad row does not mask later tampering. Each row's link is checked against the row stored before it.
 */
export async function verifyAuditChain(
  db: Db,
  batchSize = 5000,
  maxProblems = 1000,
  onRow?: (seq: number, hash: string, records: number) => void,
): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let count = 0;
  let afterSeq = 0;
  const problems: AuditProblem[] = [];
  let keyed = false;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.seq} > ${afterSeq}`)
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const row of rows) {
      if (problems.length < maxProblems) {
        if (row.prevHash !== prev) problems.push({ seq: row.seq, reason: 'broken-link' });
        else if (keyed && row.hashAlg !== 'hmac-sm3') problems.push({ seq: row.seq, reason: 'downgraded' });
        else if (auditHash(row) !== row.hash) problems.push({ seq: row.seq, reason: 'hash-mismatch' });
      }
      keyed ||= row.hashAlg === 'hmac-sm3';
      prev = row.hash;
      count++;
      afterSeq = row.seq;
      onRow?.(row.seq, row.hash, count);
    }
    if (rows.length < batchSize) break;
  }
  if (problems.length === 0) return { ok: true, records: count, lastHash: prev, problems: [] };
  const first = problems[0]!;
  return { ok: false, records: count, brokenAt: first.seq, reason: first.reason, problems, lastHash: prev };
}

export async function auditOfCase(db: Db, caseId: string): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(eq(auditLog.caseId, caseId)).orderBy(asc(auditLog.seq));
}
