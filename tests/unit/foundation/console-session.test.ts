// Console sessions end after 30 idle minutes and 8 hours after login (等保 2.0 会话管理).
import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { sealKeys } from '../../../db/audit-seal';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionExpired } from '../../../web/session';

const tokenIssuedAt = (iatMs: number) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('yjj-head')
    .setIssuedAt(Math.floor(iatMs / 1000))
    .setExpirationTime(Math.floor(iatMs / 1000) + 24 * 3600)
    .sign(new TextEncoder().encode('x'.repeat(32)));
const seen = (token: string, at: number) =>
  `${at}.${createHmac('sm3', sealKeys().hmacKey).update(`console-session-seen:${token}:${at}`).digest('base64url')}`;

describe('console session limits', () => {
  const now = Date.parse('2026-03-02T03:00:00Z');

  it('keeps a session seen within 30 minutes and ends one idle longer', async () => {
    const token = await tokenIssuedAt(now - 3600_000);
    expect(sessionExpired(token, seen(token, now - SESSION_IDLE_MS + 1000), now)).toBe(false);
    expect(sessionExpired(token, seen(token, now - SESSION_IDLE_MS - 1000), now)).toBe(true);
  });

  it('ends a session 8 hours after login however active it is', async () => {
    const token = await tokenIssuedAt(now - SESSION_ABSOLUTE_MS - 1000);
    expect(sessionExpired(token, seen(token, now - 1000), now)).toBe(true);
  });

  it('refuses a missing or edited last-seen time', async () => {
    const token = await tokenIssuedAt(now - 1000);
    expect(sessionExpired(token, undefined, now)).toBe(true);
    const [, mac] = seen(token, now - SESSION_IDLE_MS - 1000).split('.');
    expect(sessionExpired(token, `${now}.${mac}`, now)).toBe(true);
    const other = await tokenIssuedAt(now - 2000);
    expect(sessionExpired(token, seen(other, now), now)).toBe(true);
  });
});
