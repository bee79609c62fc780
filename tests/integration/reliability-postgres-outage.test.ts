// Stop PostgreSQL for 30 seconds under activity traffic: activities retry, nothing is lost when it
// returns, and the API answers 503 meanwhile instead of hanging.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-trail';
import { auditLog, tasks, users } from '../../db/schema';
import { actionUpdates } from '../../workflows/approval/messages';
import { recordReliability } from '../support/reliability-report';
import { startSystem, type RunningSystem } from '../support/system';

// Needs the local cluster's control script (root, as in CI); elsewhere the test is skipped, not faked.
const cluster = (() => {
  try {
    const version = readdirSync('/etc/postgresql')[0];
    return version &&
      spawnSync('pg_ctlcluster', ['--help'], { stdio: 'ignore' }).status !== null &&
      process.getuid?.() === 0
      ? version
      : undefined;
  } catch {
    return undefined;
  }
})();
const pg = (action: 'stop' | 'start') =>
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster!, 'main', action], { stdio: 'ignore' });
const pgReady = () => spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0;

let system: RunningSystem;
beforeAll(async () => {
  if (cluster) system = await startSystem();
});
afterAll(async () => {
  if (cluster && !pgReady()) pg('start');
  await system?.stop();
});

describe.skipIf(!cluster)('PostgreSQL down for 30 seconds', () => {
  it('activities retry, nothing is lost, and the API answers 503 meanwhile', async () => {
    const officer = await system.login('yjj-officer1');
    const cases = Array.from({ length: 6 }, () => `PG-${randomUUID().slice(0, 8)}`);
    for (const caseNumber of cases)
      await system.http('POST', '/api/approval-requests', {
        token: officer,
        body: { caseNumber, title: '数据库中断测试', template: 'department' },
      });
    for (const caseNumber of cases) {
      for (let i = 0; i < 200; i++) {
        const [t] = await system.database.db
          .select()
          .from(tasks)
          .where(and(eq(tasks.caseId, caseNumber), eq(tasks.status, 'open')));
        if (t) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const [head] = await system.database.db.select().from(users).where(eq(users.id, 'yjj-head'));
    const actor = { id: head!.id, name: head!.name, departmentId: head!.departmentId, roles: head!.roles };

    pg('stop');
    const downAt = Date.now();
    let outage503: number;
    try {
      // Decisions keep arriving while the database is down; their activities retry until it returns.
      const decisions = cases.map((caseNumber) =>
        system.temporal.workflow
          .getHandle(`approval-${caseNumber}`)
          .executeUpdate(actionUpdates.approve, { args: [{ requestId: randomUUID(), actor, comment: '同意' }] }),
      );
      const started = Date.now();
      const health = await system.http('GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body.database.ok).toBe(false);
      const inbox = await system.http('GET', '/api/tasks', { token: officer });
      expect(inbox.status).toBe(503);
      expect(inbox.headers.get('content-type')).toContain('application/problem+json');
      expect(Date.now() - started).toBeLessThan(25_000); // answered, not hung until the database returns
      outage503 = 2;
      await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() - downAt))));
      pg('start');
      for (let i = 0; i < 60 && !pgReady(); i++) await new Promise((r) => setTimeout(r, 500));
      await Promise.all(decisions);
    } finally {
      if (!pgReady()) pg('start');
    }
    const outcomes = await Promise.all(cases.map((c) => system.temporal.workflow.getHandle(`approval-${c}`).result()));
    expect(outcomes.map((o) => o.outcome)).toEqual(cases.map(() => 'approved'));
    let lost = 0;
    let duplicates = 0;
    for (const caseNumber of cases) {
      const approvals = await system.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.caseId, caseNumber), eq(auditLog.action, 'approval.approve')));
      if (approvals.length === 0) lost++;
      duplicates += Math.max(0, approvals.length - 1);
      const open = await system.database.db
        .select()
        .from(tasks)
        .where(and(eq(tasks.caseId, caseNumber), eq(tasks.status, 'open')));
      expect(open).toEqual([]);
    }
    expect({ lost, duplicates }).toEqual({ lost: 0, duplicates: 0 });
    expect((await verifyAuditChain(system.database.db)).ok).toBe(true);
    recordReliability('PostgreSQL stopped for 30 s under activity traffic', {
      trials: cases.length,
      faultsInjected: 1,
      outageSeconds: 30,
      answers503DuringOutage: outage503,
      workflowsCompleted: outcomes.length,
      duplicatesFound: duplicates,
      recordsLost: lost,
    });
  }, 180_000);
});
