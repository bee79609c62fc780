// Per-client limits on failed authentication: past AUTH_FAILURES_PER_MINUTE failures in a minute a client's further
// failures are answered 429 (and cost no database write); the development login locks a user id for 15 minutes
// after 5 failures (等保 2.0: 登录失败处理).
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** The client's address as the server sees it; behind a proxy, the last hop of X-Forwarded-For when trusted. */
export function clientOf(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** Counts events per key in a fixed window; `over` once the limit is reached. */
export class WindowCounter {
  private readonly counts = new Map<string, { n: number; until: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until the key may try again, or 0 when it is under the limit. */
  blockedFor(key: string, now = Date.now()): number {
    const e = this.counts.get(key);
    if (!e || e.until <= now) return 0;
    return e.n >= this.limit ? Math.ceil((e.until - now) / 1000) : 0;
  }

  add(key: string, now = Date.now()): number {
    let e = this.counts.get(key);
    if (!e || e.until <= now) {
      if (this.counts.size > 50_000) this.prune(now);
      e = { n: 0, until: now + this.windowMs };
      this.counts.set(key, e);
    }
    return ++e.n;
  }

  reset(key: string): void {
    this.counts.delete(key);
  }

  private prune(now: number): void {
    for (const [k, e] of this.counts) if (e.until <= now) this.counts.delete(k);
  }
}

export const DEV_LOGIN_MAX_FAILURES = 5;
export const DEV_LOGIN_LOCK_MS = 15 * 60_000;

/** One set per application: failed authentications per client, and the development login's lockout. */
export interface AuthLimits {
  trustProxy: boolean;
  failures: WindowCounter;
  devLoginByUser: WindowCounter;
}

export function createAuthLimits(failuresPerMinute: number, trustProxy = false): AuthLimits {
  return {
    trustProxy,
    failures: new WindowCounter(failuresPerMinute, 60_000),
    devLoginByUser: new WindowCounter(DEV_LOGIN_MAX_FAILURES, DEV_LOGIN_LOCK_MS),
  };
}
