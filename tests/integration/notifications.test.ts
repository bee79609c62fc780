import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Filing, ReceivedRequest } from '../../agencies/simulator/state';
import { startSystem, type RunningSystem } from '../support/system';

let system: RunningSystem;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  system = await startSystem({}, { deliverNotifications: true });
  for (const id of ['yjj-officer1', 'yjj-head', 'admin']) tokens[id] = await system.login(id);
});
afterAll(async () => {
  await system?.stop();
});

async function poll<T>(read: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await read();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Note {
  id: string;
  key: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  readAt: string | null;
}

const notes = async (userId: string) =>
  (await system.http('GET', '/api/notifications?pageSize=100', { token: tokens[userId] })).body as {
    items: Note[];
    unread: number;
  };

async function records() {
  const res = await fetch(`${system.agencies.url}/__admin/records?agency=notification`);
  return (await res.json()) as { requests: ReceivedRequest[]; filings: Filing[] };
}

describe('notifications over HTTP', () => {
  it(
    'an urge reaches the assignee through a gateway answering 5xx: retried, delivered once, shown unread and ' +
      'linked to the task',
    async () => {
      const caseNumber = `NT-${randomUUID().slice(0, 8)}`;
      const started = await system.http('POST', '/api/approval-requests', {
        token: tokens['yjj-officer1'],
        body: { caseNumber, title: '重大执法决定法制审核', template: 'department-legal-government' },
      });
      expect(started.status).toBe(201);
      const workflowId = started.body.workflowId as string;
      const task = await poll(async () => {
        const res = await system.http('GET', '/api/tasks?view=mine', { token: tokens['yjj-head'] });
        return (res.body.items as Array<{ id: string; caseId: string }>).find((t) => t.caseId === caseNumber);
      }, 'task');

      const fault = await fetch(`${system.agencies.url}/__admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agency: 'notification', kind: '5xx', count: 3 }),
      });
      expect(fault.status).toBe(201);
      const before = (await notes('yjj-head')).unread;
      const urged = await system.http('POST', `/api/approvals/${encodeURIComponent(workflowId)}/actions`, {
        token: tokens['yjj-officer1'],
        body: { requestId: randomUUID(), action: 'urge' },
      });
      expect(urged.status).toBe(200);

      const note = await poll(
        async () => (await notes('yjj-head')).items.find((n) => n.kind === 'urge' && n.key.startsWith(workflowId)),
        'urge notification',
      );
      expect(note).toMatchObject({ title: '催办', link: `/tasks/${task.id}`, readAt: null });
      expect(note.id).toMatch(/^n_[0-9a-f]{24}$/);
      expect(
        (await system.http('GET', '/api/notifications/unread-count', { token: tokens['yjj-head'] })).body.unread,
      ).toBe(before + 1);

      // Delivered exactly once through the gateway, after three 5xx answers.
      const filing = await poll(
        async () => (await records()).filings.find((f) => f.idempotencyKey === `${note.key}:wecom`),
        'gateway filing',
      );
      expect(filing.body).toMatchObject({ channel: 'wecom', to: 'yjj-head', template: 'approval.urged' });
      const { requests, filings } = await records();
      const mine = requests.filter((r) => r.idempotencyKey === `${note.key}:wecom`);
      expect(mine.filter((r) => r.status === 503)).toHaveLength(3);
      expect(filings.filter((f) => f.idempotencyKey === `${note.key}:wecom`)).toHaveLength(1);

      // Read: the count goes down; someone else's notification is not found.
      expect((await system.http('POST', `/api/notifications/${note.id}/read`, { token: tokens['admin'] })).status).toBe(
        404,
      );
      const read = await system.http('POST', `/api/notifications/${note.id}/read`, { token: tokens['yjj-head'] });
      expect(read.status).toBe(200);
      expect(read.body.readAt).toEqual(expect.any(String));
      expect((await notes('yjj-head')).unread).toBe(before);

      // The administrator sees the delivery; others may not.
      const denied = await system.http('GET', '/api/admin/notification-deliveries', { token: tokens['yjj-head'] });
      expect(denied.status).toBe(403);
      const view = await poll(async () => {
        const res = await system.http('GET', '/api/admin/notification-deliveries?status=sent', { token: tokens.admin });
        return (res.body.items as Array<{ key: string; status: string; attempts: number }>).find(
          (d) => d.key === note.key,
        );
      }, 'delivery row');
      expect(view.attempts).toBe(4);
    },
    120_000,
  );

  it('refuses an unknown channel or a non-mainland mobile number with 422 naming the field', async () => {
    const put = (body: unknown) =>
      system.http('PUT', '/api/notifications/preferences', { token: tokens['yjj-officer1'], body });
    const fax = await put({ channels: ['fax'] });
    expect(fax.status).toBe(422);
    expect(fax.body.errors[0].field).toBe('body.channels[0]');
    const hk = await put({ channels: ['sms'], mobile: '+85291234567' });
    expect(hk.status).toBe(422);
    expect(hk.body.errors[0].field).toBe('body.mobile');
    const none = await put({ channels: [], digest: false });
    expect(none.status).toBe(422);
    const ok = await put({ channels: ['sms', 'wecom'], mobile: '13800138000', digest: false });
    expect(ok.status).toBe(200);
    const got = await system.http('GET', '/api/notifications/preferences', { token: tokens['yjj-officer1'] });
    expect(got.body).toMatchObject({ channels: ['sms', 'wecom'], mobile: '13800138000', digest: false });
  });
});
