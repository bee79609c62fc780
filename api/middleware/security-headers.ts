// Security headers on every answer: API, console pages, assets, errors and redirects alike.
// They are set on a fresh Response once everything inside has run: headers set on a response that a later
// middleware re-creates (c.header after the handler) were lost, which dropped them from most answers.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const always: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
};

/** Outermost middleware. Answers to an authenticated request (bearer token or console session) are never cached. */
export function securityHeaders(options: { sessionCookie: string; hsts?: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const headers = new Headers(res.headers);
    // /docs renders Swagger UI from its own page: it keeps the CSP it sets, everything else gets ours.
    for (const [name, value] of Object.entries(always))
      if (name !== 'content-security-policy' || !headers.has(name)) headers.set(name, value);
    if (options.hsts) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const authenticated =
      Boolean(c.req.header('authorization')) ||
      Boolean(getCookie(c, options.sessionCookie)) ||
      Boolean((c.var as { user?: unknown }).user);
    if (authenticated) {
      headers.set('cache-control', 'no-store');
      headers.set('pragma', 'no-cache');
    }
    c.res = undefined;
    c.res = new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}
