import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedCallbackHeaders } from '../../agencies/signing';
import { devAgencySecret } from '../../agencies/config';
import { inboundEvents } from '../../db/schema';
import { startSystem, type RunningSystem } from '../support/system';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.stop();
});

function post(agency: string, body: unknown, secret = devAgencySecret, headers: Record<string, string> = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const eventId = (body as { eventId?: string })?.eventId ?? randomUUID();
  return system.http('POST', `/api/callbacks/${agency}`, {
    body: raw,
    headers: { ...signedCallbackHeaders(secret, eventId, raw), ...headers },
  });
}

const accepted = (caseRef: string) => ({
  eventId: randomUUID(),
  type: 'court.accepted',
  caseRef,
  occurredAt: new Date().toISOString(),
  data: { receiptNo: 'R-1', courtCaseNo: '（2026）渝0109行审1号' },
});

describe('agency callbacks', () => {
  it('refuses a bad signature with 401 and a stale timestamp too', async () => {
    const res = await post('court', accepted('X-1'), 'wrong-secret-wrong-secret');
    expect(res.status).toBe(401);
    const stale = await post('court', accepted('X-1'), devAgencySecret, {
      'x-anjian-timestamp': String(Math.floor(Date.now() / 1000) - 3600),
    });
    expect(stale.status).toBe(401);
    const unsigned = await system.http('POST', '/api/callbacks/court', { body: accepted('X-1') });
    expect(unsigned.status).toBe(401);
  });

  it('answers 400 naming the field for a malformed body, and records it without reaching any workflow', async () => {
    const event = { ...accepted('X-2'), data: { receiptNo: 'R-1' } };
    const res = await post('court', event);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toMatch(/^body\.data\.courtCaseNo/);
    const [row] = await system.database.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, event.eventId));
    expect(row?.status).toBe('invalid');
  });

  it('answers 404 for an unknown case and records the event', async () => {
    const event = accepted(`NO-SUCH-${randomUUID().slice(0, 6)}`);
    const res = await post('court', event);
    expect(res.status).toBe(404);
    const [row] = await system.database.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, event.eventId));
    expect(row?.status).toBe('unknown-case');
  });

  it('refuses an event type another agency must send', async () => {
    const res = await post('payment', accepted('X-3'));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.type');
  });
});
