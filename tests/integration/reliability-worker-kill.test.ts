// Kill the worker process (SIGKILL) at random moments while cases are being approved, many times:
// every case must end the same way, and nothing may be recorded twice or lost.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-trail';
import { auditLog, tasks } from '../../db/schema';
import { recordReliability } from '../support/reliability-report';
import { startSystem, type RunningSystem } from '../support/system';
import { createTestDatabase } from '../support/postgres';
import { migrateDatabase, openDatabase } from '../../db/client';
import { seedAll } from '../../db/seed-all';
import { buildBundle, kill, spawnWorker, type WorkerProcess } from '../support/worker-process';

let system: RunningSystem;
let bundle: string;
let worker: WorkerProcess | undefined;
const tokens: Record<string, string> = {};

let dropDatabase: (() => Promise<void>) | undefined;
beforeAll(async () => {
  // Its own database: the cases made here must not meet the other files' expectations (e.g. one entrustment per unit).
  const created = await createTestDatabase('anjian_faults');
  dropDatabase = created.drop;
  const db = await openDatabase({ url: created.url, maxConnections: 2 });
  await migrateDatabase(db);
  await seedAll(db.db);
  await db.close();
  system = await startSystem({ DATABASE_URL: created.url }, { worker: false });
  bundle = await buildBundle();
  for (const id of ['yjj-officer1', 'yjj-head', 'sfj-reviewer1', 'gov-leader']) tokens[id] = await system.login(id);
});
afterAll(async () => {
  if (worker) await kill(worker.child);
  await system?.stop();
  await dropDatabase?.();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Approves a case's step as `userId`, retrying with the same request id until the decision is in. */
async function approveWhenAssigned(caseNumber: string, userId: string, requestId: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const inbox = await system.http('GET', '/api/tasks?view=mine&pageSize=200', { token: tokens[userId] });
    const task = inbox.status === 200 ? (inbox.body.items as Array<{ id: string; caseId: string }>).find((t) => t.caseId === caseNumber) : undefined;
    if (task) {
      const res = await system.http('POST', `/api/tasks/${task.id}/actions`, { token: tokens[userId], body: { action: 'approve', requestId, comment: '同意' } }).catch(() => ({ status: 599 }));
      if (res.status === 200 || res.status === 409) return;
      if (res.status < 500 && res.status !== 599) throw new Error(`${userId} on ${caseNumber}: ${res.status} ${JSON.stringify((res as { body?: unknown }).body)}`);
    }
    await sleep(100);
  }
  throw new Error(`${userId} could not approve ${caseNumber} in time`);
}

/** Kills the worker 1.5–5 s after each start until stopped; returns the running count. */
function startKiller(): { kills: () => number; stop: () => Promise<void> } {
  let kills = 0;
  let stop = false;
  const rng = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));
  const loop = (async () => {
    while (!stop) {
      await worker!.ready.catch(() => {});
      await sleep(rng(1500, 5000));
      if (stop) break;
      await kill(worker!.child);
      kills++;
      await sleep(rng(50, 400));
      worker = spawnWorker(system, bundle);
    }
  })();
  return { kills: () => kills, stop: async () => { stop = true; await loop; } };
}

const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

describe('worker killed at random points', () => {
  it('every approval ends approved, each decision recorded exactly once, nothing lost', async () => {
    const cases = Array.from({ length: 12 }, () => `RK-${randomUUID().slice(0, 8)}`);
    worker = spawnWorker(system, bundle);
    for (const caseNumber of cases) {
      const res = await system.http('POST', '/api/approval-requests', { token: tokens['yjj-officer1'], body: { caseNumber, title: '故障注入测试', template: 'department-legal-government' } });
      expect(res.status).toBe(201);
    }
    const killer = startKiller();
    const deadline = Date.now() + 240_000;
    try {
      // Step by step, each step's decisions sent only after another kill, so every step lives through kills.
      const steps = ['yjj-head', 'sfj-reviewer1', 'gov-leader'];
      for (const [i, userId] of steps.entries()) {
        while (killer.kills() < i + 1 && Date.now() < deadline) await sleep(100);
        // One request id per decision, reused on every retry: the decision must land once.
        await Promise.all(cases.map((caseNumber) => approveWhenAssigned(caseNumber, userId, randomUUID(), deadline)));
      }
    } finally {
      await killer.stop();
    }
    const kills = killer.kills();
    const outcomes = await Promise.all(cases.map((c) => system.temporal.workflow.getHandle(`approval-${c}`).result()));
    expect(outcomes.map((o) => o.outcome)).toEqual(cases.map(() => 'approved'));

    let duplicates = 0;
    for (const caseNumber of cases) {
      const approvals = await system.database.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseNumber), eq(auditLog.action, 'approval.approve'))).orderBy(asc(auditLog.seq));
      expect(approvals.map((a) => a.actor)).toEqual(['yjj-head', 'sfj-reviewer1', 'gov-leader']);
      duplicates += approvals.length - 3;
      const open = await system.database.db.select().from(tasks).where(and(eq(tasks.caseId, caseNumber), eq(tasks.status, 'open')));
      expect(open).toEqual([]);
    }
    const lost = (await system.database.db.execute(sql`select count(*)::int as n from cases where case_number in ${cases} and status <> 'closed'`)) as unknown as Array<{ n: number }>;
    expect(Number(lost[0]!.n)).toBe(0);
    expect((await verifyAuditChain(system.database.db)).ok).toBe(true);
    expect(kills).toBeGreaterThanOrEqual(3);
    recordReliability('worker SIGKILL during approvals', { trials: cases.length, faultsInjected: kills, workflowsCompleted: outcomes.length, duplicatesFound: duplicates, recordsLost: Number(lost[0]!.n) });
  }, 330_000);

  it('enforcement cases filed with the court while the worker dies: each filed exactly once', async () => {
    const officer = await system.login('yjj-officer1');
    const cases = Array.from({ length: 4 }, () => `北碚应急罚〔2026〕K${randomUUID().slice(0, 6)}号`);
    if (!worker || worker.child.exitCode !== null) worker = spawnWorker(system, bundle);
    for (const decisionNumber of cases) {
      // Served 200 days ago with the demand served 30 days ago: the case goes straight to the court application.
      const res = await system.http('POST', '/api/enforcement-cases', {
        token: officer,
        body: { decisionNumber, decidedOn: daysAgo(201), party: { name: '重庆某某建材有限公司', unifiedSocialCreditCode: '91500109MA5U654321' }, fineFen: 300_000, servedOn: daysAgo(200), serviceMethod: 'direct', departmentId: 'yjj', facts: '未按规定开展隐患排查', reasons: '违反《安全生产法》第四十一条', legalBasisText: '《安全生产法》第一百零二条', demandServed: { servedOn: daysAgo(30), method: 'direct' } },
      });
      expect(res.status).toBe(201);
    }
    const killer = startKiller();
    const deadline = Date.now() + 240_000;
    try {
      while (killer.kills() < 2 && Date.now() < deadline) await sleep(100);
      await Promise.all(cases.map((n) => approveWhenAssigned(n, 'yjj-head', randomUUID(), deadline)));
      for (const n of cases) {
        while (Date.now() < deadline) {
          const res = await system.http('GET', `/api/enforcement-cases/${encodeURIComponent(n)}`, { token: officer }).catch(() => undefined);
          if (res?.status === 200 && res.body.stage === 'court-acceptance') break;
          await sleep(250);
        }
      }
    } finally {
      await killer.stop();
    }
    const records = (await (await fetch(`${system.agencies.url}/__admin/records?agency=court`)).json()) as { filings: Array<{ caseRef?: string; body?: { caseRef?: string } }> };
    const filings = cases.map((n) => records.filings.filter((f) => (f.caseRef ?? f.body?.caseRef) === n).length);
    expect(filings).toEqual(cases.map(() => 1));
    for (const n of cases) expect((await system.http('GET', `/api/enforcement-cases/${encodeURIComponent(n)}`, { token: officer })).body.stage).toBe('court-acceptance');
    expect((await verifyAuditChain(system.database.db)).ok).toBe(true);
    expect(killer.kills()).toBeGreaterThanOrEqual(2);
    recordReliability('worker SIGKILL during court filings', { trials: cases.length, faultsInjected: killer.kills(), workflowsCompleted: cases.length, duplicatesFound: filings.filter((f) => f > 1).length, recordsLost: filings.filter((f) => f === 0).length });
  }, 330_000);

  it('entrustments reviewed, approved and published by both sides while the worker dies: each publication once', async () => {
    const officer = await system.login('yjj-officer1');
    const head = await system.login('yjj-head');
    if (!worker || worker.child.exitCode !== null) worker = spawnWorker(system, bundle);
    const drafts: string[] = [];
    for (const orgId of ['gxq', 'bwq', 'tsj']) {
      const res = await system.http('POST', '/api/entrustments', { token: officer, body: { orgId, powerIds: ['yjj-cf-001'], territory: '受委托组织辖区', termStart: daysAgo(0), termEnd: daysAgo(-365) } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      drafts.push(res.body.draftNumber as string);
    }
    const killer = startKiller();
    const deadline = Date.now() + 240_000;
    try {
      while (killer.kills() < 2 && Date.now() < deadline) await sleep(100);
      await Promise.all(drafts.map((d) => approveWhenAssigned(d, 'sfj-reviewer1', randomUUID(), deadline)));
      await Promise.all(drafts.map((d) => approveWhenAssigned(d, 'yjj-head', randomUUID(), deadline)));
      for (const d of drafts) {
        while (Date.now() < deadline) {
          const res = await system.http('GET', `/api/entrustments/${encodeURIComponent(d)}`, { token: head }).catch(() => undefined);
          if (res?.status === 200 && res.body.status === 'active' && res.body.publications.length === 2) break;
          await sleep(250);
        }
      }
    } finally {
      await killer.stop();
    }
    const records = (await (await fetch(`${system.agencies.url}/__admin/records?agency=disclosure-portal`)).json()) as { filings: Array<{ idempotencyKey: string }> };
    const publications = drafts.map((d) => records.filings.filter((f) => f.idempotencyKey.startsWith(`${d}:`)));
    // Both sides publish once each: two filings with two distinct keys per entrustment.
    expect(publications.map((list) => [list.length, new Set(list.map((f) => f.idempotencyKey)).size])).toEqual(drafts.map(() => [2, 2]));
    for (const d of drafts) expect((await system.http('GET', `/api/entrustments/${encodeURIComponent(d)}`, { token: head })).body.status).toBe('active');
    expect((await verifyAuditChain(system.database.db)).ok).toBe(true);
    recordReliability('worker SIGKILL during entrustment publication', { trials: drafts.length, faultsInjected: killer.kills(), workflowsCompleted: drafts.length, duplicatesFound: publications.filter((l) => l.length > 2).length, recordsLost: publications.filter((l) => l.length < 2).length });
  }, 330_000);
});
