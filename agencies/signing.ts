import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers every agency callback carries; the simulator sets them and our API checks them. */
export const callbackHeaders = {
  timestamp: 'x-anjian-timestamp',
  eventId: 'x-anjian-event-id',
  signature: 'x-anjian-signature',
} as const;

/** Hex HMAC-SHA256 of `${timestamp}.${body}`; the timestamp is inside the MAC so a replay cannot refresh it. */
export function signPayload(secret: string, body: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export interface SignatureInput {
  secret: string;
  /** Raw header value: unix seconds. */
  timestamp: string | number | null | undefined;
  signature: string | null | undefined;
  /** The body exactly as received; re-serialised JSON would not match. */
  body: string;
  /** Defaults to the current time. */
  now?: Date;
  toleranceSeconds?: number;
}

export function verifySignature({
  secret,
  timestamp,
  signature,
  body,
  now = new Date(),
  toleranceSeconds = 300,
}: SignatureInput): SignatureCheck {
  if (timestamp === null || timestamp === undefined || timestamp === '' || !signature) {
    return { ok: false, reason: 'missing' };
  }
  const seconds = typeof timestamp === 'number' ? timestamp : Number(timestamp);
  if (!Number.isSafeInteger(seconds)) return { ok: false, reason: 'mismatch' };
  // Both directions: a clock far ahead is as suspicious as an old replay.
  if (Math.abs(Math.floor(now.getTime() / 1000) - seconds) > toleranceSeconds) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(signPayload(secret, body, seconds), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  // timingSafeEqual throws on length mismatch, so compare lengths first (length is not secret).
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: true };
}

/** The three headers for one delivery attempt; the timestamp is fresh per attempt so retries stay within tolerance. */
export function signedCallbackHeaders(
  secret: string,
  eventId: string,
  body: string,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [callbackHeaders.timestamp]: String(timestamp),
    [callbackHeaders.eventId]: eventId,
    [callbackHeaders.signature]: signPayload(secret, body, timestamp),
  };
}
