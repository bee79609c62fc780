// Signed checkpoints of the audit chain's head, the re-seal of the SHA-256 rows, and the verification of both.
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { sealKeys, signCheckpoint, verifyCheckpointSignature } from './audit-seal';
import { appendAudit, verifyAuditChain, type AuditVerification } from './audit-trail';
import { auditCheckpoints, auditLog } from './schema';

export type Checkpoint = typeof auditCheckpoints.$inferSelect;

/** Signs the chain's current head (SM2) and stores it; null when the chain is empty. */
export async function writeCheckpoint(db: Db, now = new Date()): Promise<Checkpoint | null> {
  const [head] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  if (!head) return null;
  const [{ n }] = (await db.execute(
    sql`select count(*)::bigint as n from audit_log where seq <= ${head.seq}`,
  )) as unknown as [{ n: string }];
  const body = { headSeq: head.seq, headHash: head.hash, records: Number(n), at: now.toISOString() };
  const [row] = await db
    .insert(auditCheckpoints)
    .values({ ...body, ...signCheckpoint(body) })
    .returning();
  return row!;
}

/** Every checkpoint, oldest first, with what an outside party needs to check it: the export for anchoring. */
export async function exportCheckpoints(db: Db) {
  const rows = await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.id));
  return {
    algorithm: 'SM2 signature with SM3 (GB/T 32918, user id 1234567812345678) over canonical JSON',
    signedFields: ['at', 'headHash', 'headSeq', 'records'],
    chainHash: 'HMAC-SM3 under AUDIT_HMAC_KEY (rows before migration 0011: SHA-256)',
    currentPublicKey: sealKeys().sm2PublicKey,
    checkpoints: rows,
  };
}

export interface CheckpointProblem {
  id: number;
  headSeq: number;
  reason: 'bad-signature' | 'unknown-key' | 'head-mismatch' | 'head-missing';
}

export type AuditIntegrity = AuditVerification & {
  checkpoints: { ok: boolean; checked: number; problems: CheckpointProblem[] };
};

/** The chain (every row, every link) and every signed checkpoint against it. */
export async function verifyAuditIntegrity(db: Db): Promise<AuditIntegrity> {
  const checkpoints = await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.id));
  const wanted = new Set(checkpoints.map((c) => c.headSeq));
  const seen = new Map<number, { hash: string; records: number }>();
  const chain = await verifyAuditChain(db, 5000, 1000, (seq, hash, records) => {
    if (wanted.has(seq)) seen.set(seq, { hash, records });
  });
  const publicKey = sealKeys().sm2PublicKey;
  const problems: CheckpointProblem[] = [];
  for (const c of checkpoints) {
    const problem = (reason: CheckpointProblem['reason']) => problems.push({ id: c.id, headSeq: c.headSeq, reason });
    const head = seen.get(c.headSeq);
    if (c.publicKey.toLowerCase() !== publicKey) problem('unknown-key');
    else if (!verifyCheckpointSignature(c, c.signature, c.publicKey)) problem('bad-signature');
    else if (!head) problem('head-missing');
    else if (head.hash !== c.headHash || head.records !== c.records) problem('head-mismatch');
  }
  const checkpointsOk = problems.length === 0;
  return {
    ...chain,
    ok: chain.ok && checkpointsOk,
    checkpoints: { ok: checkpointsOk, checked: checkpoints.length, problems },
  } as AuditIntegrity;
}

/**
 * The re-seal of migration 0011, run at start-up: rows written under SHA-256 stay as they are (the table is
 * append-only) and keep verifying; one HMAC-SM3 record states how many there were and their head, and a signed
 * checkpoint fixes that head, so the legacy part can no longer be recomputed unnoticed. Recorded once.
 */
export async function resealLegacyChain(db: Db): Promise<boolean> {
  const [keyed] = await db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(eq(auditLog.hashAlg, 'hmac-sm3'))
    .limit(1);
  if (keyed) return false;
  const [legacyHead] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  if (!legacyHead) return false;
  const legacy = await verifyAuditChain(db);
  await appendAudit(db, {
    actor: 'system',
    action: 'audit.resealed',
    comment: '审计链改为 HMAC-SM3（密钥在数据库之外），此前的 SHA-256 记录由本条及签名检查点封存',
    legalBasis: 'GB/T 22239-2019 8.1.4.3 安全审计；GB/T 39786-2021',
    detail: {
      migration: '0011_security_events',
      legacyRecords: legacy.records,
      legacyHeadSeq: legacyHead.seq,
      legacyHeadHash: legacyHead.hash,
      legacyVerified: legacy.ok,
      legacyProblems: legacy.problems.slice(0, 20),
    },
    dedupeKey: 'audit.resealed:0011',
  });
  await writeCheckpoint(db);
  return true;
}

/** Signs the head every `minutes` (when it moved); returns a stop function. */
export function startCheckpointTimer(db: Db, minutes: number, onError: (err: unknown) => void): () => void {
  let lastHead = '';
  const timer = setInterval(() => {
    void (async () => {
      const [head] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
      if (!head || head.hash === lastHead) return;
      await writeCheckpoint(db);
      lastHead = head.hash;
    })().catch(onError);
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
