import { describe, expect, it } from 'vitest';
import { signPayload, signedCallbackHeaders, verifySignature } from '../../../agencies/signing';

const secret = 'court-callback-secret';
const body = JSON.stringify({ eventId: 'court-1', type: 'court.accepted', caseRef: '北碚应急罚〔2026〕12号' });
const now = new Date('2026-06-20T02:00:00Z');
const timestamp = Math.floor(now.getTime() / 1000);

describe('callback signatures', () => {
  it('verifies what was signed with the same secret, timestamp and body', () => {
    const signature = signPayload(secret, body, timestamp);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifySignature({ secret, timestamp: String(timestamp), signature, body, now })).toEqual({ ok: true });
  });

  it('builds the three headers a delivery carries', () => {
    const headers = signedCallbackHeaders(secret, 'court-1', body, now);
    expect(headers).toEqual({
      'x-anjian-timestamp': String(timestamp),
      'x-anjian-event-id': 'court-1',
      'x-anjian-signature': signPayload(secret, body, timestamp),
    });
  });

  it('refuses a request without timestamp or signature as missing', () => {
    const signature = signPayload(secret, body, timestamp);
    expect(verifySignature({ secret, timestamp: undefined, signature, body, now })).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(verifySignature({ secret, timestamp: String(timestamp), signature: null, body, now })).toEqual({
      ok: false,
      reason: 'missing',
    });
  });

  it('refuses a replay older than five minutes, and a timestamp from the future, as stale', () => {
    const old = timestamp - 301;
    expect(verifySignature({ secret, timestamp: old, signature: signPayload(secret, body, old), body, now })).toEqual({
      ok: false,
      reason: 'stale',
    });
    const ahead = timestamp + 301;
    expect(
      verifySignature({ secret, timestamp: ahead, signature: signPayload(secret, body, ahead), body, now }),
    ).toEqual({ ok: false, reason: 'stale' });
    const edge = timestamp - 300;
    expect(verifySignature({ secret, timestamp: edge, signature: signPayload(secret, body, edge), body, now })).toEqual(
      { ok: true },
    );
  });

  it('refuses a changed body, another secret, a moved timestamp or a malformed signature as mismatch', () => {
    const signature = signPayload(secret, body, timestamp);
    const mismatch = { ok: false, reason: 'mismatch' };
    expect(verifySignature({ secret, timestamp, signature, body: body.replace('accepted', 'refused'), now })).toEqual(
      mismatch,
    );
    expect(verifySignature({ secret: 'other-secret', timestamp, signature, body, now })).toEqual(mismatch);
    expect(verifySignature({ secret, timestamp: timestamp - 1, signature, body, now })).toEqual(mismatch);
    expect(verifySignature({ secret, timestamp, signature: signature.slice(0, 40), body, now })).toEqual(mismatch);
    expect(verifySignature({ secret, timestamp, signature: 'z'.repeat(64), body, now })).toEqual(mismatch);
    expect(verifySignature({ secret, timestamp: 'yesterday', signature, body, now })).toEqual(mismatch);
  });
});
