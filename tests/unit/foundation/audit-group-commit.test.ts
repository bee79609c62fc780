import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { appendAudit, verifyAuditChain } from '../../../db/audit-trail';
import { migrateDatabase, openDatabase, type Database } from '../../../db/client';
import { auditLog } from '../../../db/schema';

// Appends arriving together share one transaction (group commit, for throughput); the chain must stay exact.
let database: Database;
beforeAll(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
  await migrateDatabase(database);
}, 60_000);
afterAll(async () => {
  await database?.close();
});

describe('audit trail under concurrent appends', () => {
  it('links every record to one predecessor and records a repeated dedupeKey once', async () => {
    const before = await verifyAuditChain(database.db);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        appendAudit(database.db, {
          actor: `user-${i % 7}`,
          action: 'approval.approve',
          caseId: 'GC-1',
          dedupeKey: `gc:${i % 40}`,
        }),
      ),
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, records: before.records + 40 });
    // The 20 repeats answer with the record of their first request.
    for (let i = 40; i < 60; i++) expect(results[i]).toEqual(results[i - 40]);
    const [{ n } = { n: 0 }] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.caseId, 'GC-1'));
    expect(n).toBe(40);
  });

  it('does not lose the other appends of a batch when one of them fails', async () => {
    const bad = { actor: 'admin', action: 'test.bad', at: 'not a date' };
    const outcomes = await Promise.allSettled([
      appendAudit(database.db, { actor: 'admin', action: 'test.first' }),
      appendAudit(database.db, { actor: 'admin', action: 'test.ok-1' }),
      appendAudit(database.db, bad),
      appendAudit(database.db, { actor: 'admin', action: 'test.ok-2' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const actions = (
      await database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(sql`${auditLog.action} like 'test.%'`)
    ).map((r) => r.action);
    expect(actions.sort()).toEqual(['test.first', 'test.ok-1', 'test.ok-2']);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
