import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { configureSealKeys, verifyCheckpointSignature } from '../../db/audit-seal';
import { resealLegacyChain, verifyAuditIntegrity, writeCheckpoint } from '../../db/audit-checkpoints';
import { appendAudit, auditHash, verifyAuditChain } from '../../db/audit-trail';
import { auditCheckpoints, auditLog } from '../../db/schema';
import { migrateDatabase, openDatabase, type Database } from '../../db/client';
import { createTestDatabase } from '../support/postgres';

// Its own database: the tampering below must not break the chain other files verify.
let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  const created = await createTestDatabase('anjian_audit');
  drop = created.drop;
  database = await openDatabase({ url: created.url, maxConnections: 4 });
  await migrateDatabase(database);
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

describe('audit trail', () => {
  it('chains records by hash; concurrent appends still form one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAudit(database.db, {
          actor: 'yjj-officer1',
          action: 'test.append',
          caseId: 'AUDIT-CHAIN-1',
          comment: `第${i}条`,
          legalBasis: '《行政处罚法》第六十七条',
        }),
      ),
    );
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(true);
    expect(result.records).toBeGreaterThanOrEqual(20);
  });

  it('cannot be updated or deleted by the application role', async () => {
    await expect(
      database.db.execute(sql`update audit_log set comment = 'changed' where case_id = 'AUDIT-CHAIN-1'`),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    await expect(database.db.execute(sql`delete from audit_log where case_id = 'AUDIT-CHAIN-1'`)).rejects.toMatchObject(
      { cause: { message: expect.stringMatching(/append-only/) } },
    );
  });

  it('names the altered row when someone with superuser rights edits one record', async () => {
    const target = await appendAudit(database.db, {
      actor: 'yjj-head',
      action: 'approval.approve',
      caseId: 'AUDIT-TAMPER-1',
      comment: '同意',
    });
    await appendAudit(database.db, {
      actor: 'gov-leader',
      action: 'approval.approve',
      caseId: 'AUDIT-TAMPER-1',
      comment: '同意',
    });
    // A DBA bypasses the trigger; the hash chain still exposes the edit.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await tx.execute(sql`update audit_log set comment = '不同意' where seq = ${target.seq}`);
      await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    });
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: false, brokenAt: target.seq, reason: 'hash-mismatch' });
  });

  it('hashes exactly what is stored: a lone surrogate or NUL in a record still verifies', async () => {
    const odd = await appendAudit(database.db, {
      actor: 'dev\ud800user',
      action: 'auth.dev-login',
      outcome: 'denied',
      comment: 'a\udc00b\u0000c',
      detail: { ['k\ud83d']: ['\ud800'] },
    });
    const [row] = (await database.db.execute(
      sql`select actor, comment from audit_log where seq = ${odd.seq}`,
    )) as unknown as Array<{ actor: string; comment: string }>;
    expect(row).toEqual({ actor: 'dev\ufffduser', comment: 'a\ufffdb\u2400c' });
  });

  it('reports every altered row, not only the first', async () => {
    const a = await appendAudit(database.db, { actor: 'yjj-head', action: 'approval.approve', comment: '同意' });
    const b = await appendAudit(database.db, { actor: 'gov-leader', action: 'approval.approve', comment: '同意' });
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await tx.execute(sql`update audit_log set comment = '不同意' where seq in (${a.seq}, ${b.seq})`);
      await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    });
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.seq)).toEqual(expect.arrayContaining([a.seq, b.seq]));
  });

  it(
    'an insider without the key cannot recompute the chain: every ' + 'rewritten row and the signed head expose it',
    async () => {
      const base = await verifyAuditChain(database.db);
      const healthyUpTo = base.ok ? Infinity : Math.min(...base.problems.map((p) => p.seq));
      expect(healthyUpTo).toBeGreaterThan(0);
      const first = await appendAudit(database.db, { actor: 'yjj-head', action: 'approval.approve', comment: '同意' });
      await appendAudit(database.db, { actor: 'gov-leader', action: 'approval.approve', comment: '同意' });
      const checkpoint = await writeCheckpoint(database.db);
      expect(checkpoint).not.toBeNull();
      expect(verifyCheckpointSignature(checkpoint!, checkpoint!.signature, checkpoint!.publicKey)).toBe(true);
      expect(
        verifyCheckpointSignature({ ...checkpoint!, records: 1 }, checkpoint!.signature, checkpoint!.publicKey),
      ).toBe(false);

      // Rewrite from `first` on, recomputing each hash and link with a key of the insider's own.
      const rows = await database.db
        .select()
        .from(auditLog)
        .where(gte(auditLog.seq, first.seq))
        .orderBy(asc(auditLog.seq));
      const [before] = await database.db
        .select({ hash: auditLog.hash })
        .from(auditLog)
        .where(lt(auditLog.seq, first.seq))
        .orderBy(desc(auditLog.seq))
        .limit(1);
      configureSealKeys('an-insider-guess-of-the-key-0123456789');
      let prevHash = before!.hash;
      const rewritten = rows.map((r, i) => {
        const row = { ...r, comment: i === 0 ? '不同意' : r.comment, prevHash };
        prevHash = auditHash(row);
        return { seq: r.seq, comment: row.comment, prevHash: row.prevHash, hash: prevHash };
      });
      configureSealKeys();
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
        for (const r of rewritten)
          await tx.execute(
            sql`update audit_log set comment = ${r.comment}, prev_hash = ${r.prevHash}, hash = ${r.hash} where seq = \
${r.seq}`,
          );
        await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
      });
      const result = await verifyAuditIntegrity(database.db);
      expect(result.ok).toBe(false);
      expect(result.problems.filter((p) => p.seq >= first.seq)).toEqual(
        rewritten.map((r) => ({ seq: r.seq, reason: 'hash-mismatch' })),
      );
      expect(result.checkpoints.problems).toContainEqual({
        id: checkpoint!.id,
        headSeq: checkpoint!.headSeq,
        reason: 'head-mismatch',
      });
    },
  );
});

describe('the re-seal of rows written under SHA-256 (migration 0011)', () => {
  it('keeps them verifying, records the re-seal once under HMAC-SM3 and signs its head', async () => {
    const created = await createTestDatabase('anjian_reseal');
    const db0 = await openDatabase({ url: created.url, maxConnections: 2 });
    try {
      await migrateDatabase(db0);
      // Rows as the code before 0011 wrote them: SHA-256, hash_alg defaulting to sha256.
      let prevHash = '0'.repeat(64);
      for (const comment of ['同意', '不同意', '同意']) {
        const row = {
          at: new Date('2026-11-01T02:00:00Z').toISOString(),
          actor: 'yjj-head',
          actingFor: null,
          action: 'approval.approve',
          outcome: 'ok' as const,
          comment,
          workflowId: null,
          caseId: 'LEGACY-1',
          step: null,
          legalBasis: null,
          detail: null,
          dedupeKey: null,
          prevHash,
          hashAlg: 'sha256' as const,
        };
        const hash = auditHash(row);
        await db0.db.insert(auditLog).values({ ...row, hash });
        prevHash = hash;
      }
      expect(await verifyAuditChain(db0.db)).toMatchObject({ ok: true, records: 3 });
      expect(await resealLegacyChain(db0.db)).toBe(true);
      expect(await resealLegacyChain(db0.db)).toBe(false);
      const [seal] = await db0.db.select().from(auditLog).where(eq(auditLog.action, 'audit.resealed'));
      expect(seal).toMatchObject({ hashAlg: 'hmac-sm3', prevHash });
      expect(seal!.detail).toMatchObject({ legacyRecords: 3, legacyHeadHash: prevHash, legacyVerified: true });
      expect(await db0.db.select().from(auditCheckpoints)).toHaveLength(1);
      expect(await verifyAuditIntegrity(db0.db)).toMatchObject({ ok: true, records: 4, checkpoints: { ok: true } });
    } finally {
      await db0.close();
      await created.drop();
    }
  });
});
