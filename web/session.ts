// The console's session: the user's JWT in an HttpOnly, SameSite=Strict cookie, and a per-session CSRF token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, AuthUser } from '../api/context';
import { InvalidToken } from '../api/auth-tokens';
import { sealKeys } from '../api/session-keys';

export const sessionCookie = 'af_session';
export const csrfCookie = 'af_csrf';
export const csrfField = '_csrf';
export const csrfHeader = 'x-csrf-token';
export const seenCookie = 'af_seen';

/** 等保 2.0 session limits: 30 minutes without a request ends the session; 8 hours after login it ends regardless. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 8 * 3600_000;

export type ConsoleEnv = { Variables: AppEnv['Variables'] & { token: string; csrf: string } };
export type ConsoleContext = Context<ConsoleEnv>;

// used by public and private console routes alike
type AnyContext = Context<any>;

const secure = (c: AnyContext) => c.get('deps').env.NODE_ENV === 'production';

/** Stores the token from the (development or SSO) login, with a fresh CSRF token for the session. */
export function startSession(c: AnyContext, token: string): void {
  const options = { httpOnly: true, sameSite: 'Strict', path: '/', secure: secure(c) } as const;
  setCookie(c, sessionCookie, token, { ...options, maxAge: 8 * 3600 });
  setCookie(c, csrfCookie, newCsrfToken(), { ...options, maxAge: 8 * 3600 });
  markSeen(c, token);
}

// The time of the session's last request, signed so that a client cannot keep an idle session alive by editing it.
const seenMac = (token: string, at: number) =>
  createHmac('sm3', sealKeys().hmacKey).update(`console-session-seen:${token}:${at}`).digest('base64url');

/** The signed last-seen stamp of a session (also what a test presents as a fresh session). */
export const seenStamp = (token: string, now = Date.now()): string => `${now}.${seenMac(token, now)}`;

function markSeen(c: AnyContext, token: string, now = Date.now()): void {
  setCookie(c, seenCookie, seenStamp(token, now), {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: secure(c),
    maxAge: SESSION_IDLE_MS / 1000,
  });
}

/** Whether the session has been idle too long or lived too long (from the token's iat). */
export function sessionExpired(token: string, seen: string | undefined, now = Date.now()): boolean {
  const [atText, mac] = (seen ?? '').split('.');
  const at = Number(atText);
  if (!Number.isFinite(at) || !mac || !same(mac, seenMac(token, at)) || now - at > SESSION_IDLE_MS) return true;
  try {
    const { iat } = decodeJwt(token);
    return typeof iat !== 'number' || now - iat * 1000 > SESSION_ABSOLUTE_MS;
  } catch {
    return true;
  }
}

export function endSession(c: AnyContext): void {
  deleteCookie(c, sessionCookie, { path: '/' });
  deleteCookie(c, csrfCookie, { path: '/' });
  deleteCookie(c, seenCookie, { path: '/' });
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Only same-site paths are followed after login, so `next` cannot send the user elsewhere. */
export function safeNext(next: string | undefined | null): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) && !next.startsWith('/login') ? next : '/inbox';
}

function redirectToLogin(c: AnyContext, expired = false): Response {
  const target =
    c.req.method === 'GET'
      ? c.req.path + (new URL(c.req.url).search || '')
      : c.req.header('hx-current-url')
        ? new URL(c.req.header('hx-current-url')!).pathname
        : c.req.path;
  const location = `/login?next=${encodeURIComponent(target)}${expired ? '&expired=1' : ''}`;
  endSession(c);
  // htmx follows HX-Redirect with a full navigation; a plain browser follows 303.
  if (c.req.header('hx-request')) return c.body(null, 200, { 'hx-redirect': location });
  return c.redirect(location, 303);
}

/** Pages behind login: a missing, expired or invalid session goes to /login?next=<the page asked for>. */
export function requireSession(verify: (token: string) => Promise<AuthUser>): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookie);
    const csrf = getCookie(c, csrfCookie);
    if (!token || !csrf) return redirectToLogin(c);
    if (sessionExpired(token, getCookie(c, seenCookie))) return redirectToLogin(c, true);
    try {
      c.set('user', await verify(token));
    } catch (err) {
      if (!(err instanceof InvalidToken)) throw err; // the register unreachable is an outage, not a logout
      return redirectToLogin(c, true);
    }
    c.set('token', token);
    c.set('csrf', csrf);
    markSeen(c, token);
    await next();
  };
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Every state-changing console request carries the session's CSRF token (hidden field, or the header htmx adds)
 * and comes from this origin; SameSite=Strict already keeps the cookie off cross-site requests.
 */
export function checkCsrf(): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const expected = getCookie(c, csrfCookie) ?? '';
    let sent = c.req.header(csrfHeader) ?? '';
    if (!sent && /form/.test(c.req.header('content-type') ?? '')) {
      const body = await c.req.parseBody({ all: true });
      const v = body[csrfField];
      sent = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
    }
    const origin = c.req.header('origin');
    // With Referrer-Policy: no-referrer browsers send `Origin: null`; Sec-Fetch-Site then says where the form came
    // from.
    const site = c.req.header('sec-fetch-site');
    const sameOrigin =
      origin === new URL(c.req.url).origin ||
      origin === `${c.req.header('x-forwarded-proto') ?? 'http'}://${c.req.header('host')}`;
    const originOk =
      sameOrigin || ((!origin || origin === 'null') && (!site || site === 'same-origin' || site === 'none'));
    if (!expected || !sent || !same(expected, sent) || !originOk) {
      return c.text('请求校验失败（CSRF）：请刷新页面后重试', 403);
    }
    await next();
  };
}
