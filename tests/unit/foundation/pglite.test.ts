import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { appendAudit, verifyAuditChain } from '../../../db/audit-trail';
import { migrateDatabase, openDatabase, type Database } from '../../../db/client';
import { users } from '../../../db/schema';
import { seedAll } from '../../../db/seed-all';

// Without DATABASE_URL the system runs on embedded PGlite: same migrations, same queries.
let database: Database;
beforeAll(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
  await migrateDatabase(database);
  await seedAll(database.db);
  await seedAll(database.db);
}, 60_000);
afterAll(async () => {
  await database?.close();
});

describe('embedded PGlite database', () => {
  it('applies the committed migrations and an idempotent seed', async () => {
    const heads = await database.db.select().from(users).where(eq(users.departmentId, 'yjj'));
    expect(heads.map((u) => u.id).sort()).toEqual([
      'yjj-head',
      'yjj-legal',
      'yjj-officer1',
      'yjj-officer2',
      'yjj-officer3',
    ]);
  });

  it('keeps the audit trail append-only and verifiable', async () => {
    const before = await verifyAuditChain(database.db);
    await appendAudit(database.db, { actor: 'admin', action: 'test.pglite' });
    await appendAudit(database.db, { actor: 'admin', action: 'test.pglite' });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, records: before.records + 2 });
  });
});
