// Kill the worker process (SIGKILL) at random moments while cases are being approved, many times:
// every case must end the same way, and nothing may be recorded twice or lost.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-trail';
import { auditLog, tasks } from '../../db/schema';
import { recordReliability } from '../support/reliability-report';
import {
  afterKills,
  approveWhenAssigned,
  Deadline,
  sleep,
  startKillableSystem,
  type KillableSystem,
} from '../support/worker-killer';

let k: KillableSystem;
beforeAll(async () => {
  k = await startKillableSystem(['yjj-officer1', 'yjj-head', 'sfj-reviewer1', 'gov-leader']);
});
afterAll(async () => {
  await k?.close();
});

// Kills per test: enough to hit every stage, few enough that a slow machine still finishes.
const KILLS = 5;
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

describe('worker killed at random points', () => {
  it('every approval ends approved, each decision recorded exactly once, nothing lost', async () => {
    const cases = Array.from({ length: 12 }, () => `RK-${randomUUID().slice(0, 8)}`);
    k.ensureWorker();
    for (const caseNumber of cases) {
      const res = await k.system.http('POST', '/api/approval-requests', {
        token: k.tokens['yjj-officer1'],
        body: { caseNumber, title: '故障注入测试', template: 'department-legal-government' },
      });
      expect(res.status).toBe(201);
    }
    const killer = k.startKiller(KILLS);
    const deadline = new Deadline(240_000);
    try {
      // Step by step, each step's decisions sent only after another kill, so every step lives through kills.
      const steps = ['yjj-head', 'sfj-reviewer1', 'gov-leader'];
      for (const [i, userId] of steps.entries()) {
        await afterKills(killer, i + 1, deadline);
        // One request id per decision, reused on every retry: the decision must land once.
        await deadline.all(
          cases.map((caseNumber) => approveWhenAssigned(k, caseNumber, userId, randomUUID(), deadline)),
        );
      }
    } finally {
      await killer.stop();
    }
    const kills = killer.kills();
    const outcomes = await Promise.all(
      cases.map((c) => k.system.temporal.workflow.getHandle(`approval-${c}`).result()),
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(cases.map(() => 'approved'));

    let duplicates = 0;
    for (const caseNumber of cases) {
      const approvals = await k.system.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.caseId, caseNumber), eq(auditLog.action, 'approval.approve')))
        .orderBy(asc(auditLog.seq));
      expect(approvals.map((a) => a.actor)).toEqual(['yjj-head', 'sfj-reviewer1', 'gov-leader']);
      duplicates += approvals.length - 3;
      const open = await k.system.database.db
        .select()
        .from(tasks)
        .where(and(eq(tasks.caseId, caseNumber), eq(tasks.status, 'open')));
      expect(open).toEqual([]);
    }
    const lost = (await k.system.database.db.execute(
      sql`select count(*)::int as n from cases where case_number in ${cases} and status <> 'closed'`,
    )) as unknown as Array<{ n: number }>;
    expect(Number(lost[0]!.n)).toBe(0);
    expect((await verifyAuditChain(k.system.database.db)).ok).toBe(true);
    expect(kills).toBeGreaterThanOrEqual(3);
    recordReliability('worker SIGKILL during approvals', {
      trials: cases.length,
      faultsInjected: kills,
      workflowsCompleted: outcomes.length,
      duplicatesFound: duplicates,
      recordsLost: Number(lost[0]!.n),
    });
  }, 330_000);

  it('enforcement cases filed with the court while the worker dies: each filed exactly once', async () => {
    const officer = await k.system.login('yjj-officer1');
    const cases = Array.from({ length: 4 }, () => `北碚应急罚〔2026〕K${randomUUID().slice(0, 6)}号`);
    k.ensureWorker();
    for (const decisionNumber of cases) {
      // Served 200 days ago with the demand served 30 days ago: the case goes straight to the court application.
      const res = await k.system.http('POST', '/api/enforcement-cases', {
        token: officer,
        body: {
          decisionNumber,
          decidedOn: daysAgo(201),
          party: { name: '重庆某某建材有限公司', unifiedSocialCreditCode: '91500109MA5U654321' },
          fineFen: 300_000,
          servedOn: daysAgo(200),
          serviceMethod: 'direct',
          departmentId: 'yjj',
          facts: '未按规定开展隐患排查',
          reasons: '违反《安全生产法》第四十一条',
          legalBasisText: '《安全生产法》第一百零二条',
          demandServed: { servedOn: daysAgo(30), method: 'direct' },
        },
      });
      expect(res.status).toBe(201);
    }
    const killer = k.startKiller(KILLS);
    const deadline = new Deadline(240_000);
    try {
      await afterKills(killer, 2, deadline);
      await deadline.all(cases.map((n) => approveWhenAssigned(k, n, 'yjj-head', randomUUID(), deadline)));
      for (const n of cases) {
        while (deadline.open) {
          const res = await k.system
            .http('GET', `/api/enforcement-cases/${encodeURIComponent(n)}`, { token: officer })
            .catch(() => undefined);
          if (res?.status === 200 && res.body.stage === 'court-acceptance') break;
          await sleep(250);
        }
      }
    } finally {
      await killer.stop();
    }
    const records = (await (await fetch(`${k.system.agencies.url}/__admin/records?agency=court`)).json()) as {
      filings: Array<{ caseRef?: string; body?: { caseRef?: string } }>;
    };
    const filings = cases.map((n) => records.filings.filter((f) => (f.caseRef ?? f.body?.caseRef) === n).length);
    expect(filings).toEqual(cases.map(() => 1));
    for (const n of cases)
      expect(
        (await k.system.http('GET', `/api/enforcement-cases/${encodeURIComponent(n)}`, { token: officer })).body.stage,
      ).toBe('court-acceptance');
    expect((await verifyAuditChain(k.system.database.db)).ok).toBe(true);
    expect(killer.kills()).toBeGreaterThanOrEqual(2);
    recordReliability('worker SIGKILL during court filings', {
      trials: cases.length,
      faultsInjected: killer.kills(),
      workflowsCompleted: cases.length,
      duplicatesFound: filings.filter((f) => f > 1).length,
      recordsLost: filings.filter((f) => f === 0).length,
    });
  }, 330_000);

  it(
    'entrustments reviewed, approved and published by both sides ' + 'while the worker dies: each publication once',
    async () => {
      const officer = await k.system.login('yjj-officer1');
      const head = await k.system.login('yjj-head');
      k.ensureWorker();
      const drafts: string[] = [];
      for (const orgId of ['gxq', 'bwq', 'tsj']) {
        const res = await k.system.http('POST', '/api/entrustments', {
          token: officer,
          body: {
            orgId,
            powerIds: ['yjj-cf-001'],
            territory: '受委托组织辖区',
            termStart: daysAgo(0),
            termEnd: daysAgo(-365),
          },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        drafts.push(res.body.draftNumber as string);
      }
      const killer = k.startKiller(KILLS);
      const deadline = new Deadline(240_000);
      try {
        await afterKills(killer, 2, deadline);
        await deadline.all(drafts.map((d) => approveWhenAssigned(k, d, 'sfj-reviewer1', randomUUID(), deadline)));
        await deadline.all(drafts.map((d) => approveWhenAssigned(k, d, 'yjj-head', randomUUID(), deadline)));
        for (const d of drafts) {
          while (deadline.open) {
            const res = await k.system
              .http('GET', `/api/entrustments/${encodeURIComponent(d)}`, { token: head })
              .catch(() => undefined);
            if (res?.status === 200 && res.body.status === 'active' && res.body.publications.length === 2) break;
            await sleep(250);
          }
        }
      } finally {
        await killer.stop();
      }
      const records = (await (
        await fetch(`${k.system.agencies.url}/__admin/records?agency=disclosure-portal`)
      ).json()) as { filings: Array<{ idempotencyKey: string }> };
      const publications = drafts.map((d) => records.filings.filter((f) => f.idempotencyKey.startsWith(`${d}:`)));
      // Both sides publish once each: two filings with two distinct keys per entrustment.
      expect(publications.map((list) => [list.length, new Set(list.map((f) => f.idempotencyKey)).size])).toEqual(
        drafts.map(() => [2, 2]),
      );
      for (const d of drafts)
        expect(
          (await k.system.http('GET', `/api/entrustments/${encodeURIComponent(d)}`, { token: head })).body.status,
        ).toBe('active');
      expect((await verifyAuditChain(k.system.database.db)).ok).toBe(true);
      recordReliability('worker SIGKILL during entrustment publication', {
        trials: drafts.length,
        faultsInjected: killer.kills(),
        workflowsCompleted: drafts.length,
        duplicatesFound: publications.filter((l) => l.length > 2).length,
        recordsLost: publications.filter((l) => l.length < 2).length,
      });
    },
    330_000,
  );
});
