import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { appendAudit, verifyAuditChain } from '../../db/audit-trail';
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
});
