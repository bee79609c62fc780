// What every console handler uses: the in-process API client for the signed-in user, and page rendering.
import type { Child } from 'hono/jsx';
import type { AuthUser } from '../api/context';
import { apiClient, type ApiClient, type ApiFetch } from './api-client';
import { Layout } from './layout';
import { unreadCount } from '../api/notifications/console-reads';
import type { ConsoleContext } from './session';

export interface ConsoleDeps {
  verify: (token: string) => Promise<AuthUser>;
  /** The application's own fetch: the console calls /api/* in-process. */
  api: ApiFetch;
}

export const apiFor = (c: ConsoleContext, deps: ConsoleDeps): ApiClient =>
  apiClient(deps.api, c.get('token'), c.get('requestId'));

export const dbOf = (c: ConsoleContext) => c.get('deps').database.db;

/** A full page for the signed-in user; `status` lets a refused form answer 400/422 with the form re-rendered. */
export async function page(
  c: ConsoleContext,
  title: string,
  body: Child,
  status: 200 | 400 | 403 | 404 | 409 | 422 = 200,
): Promise<Response> {
  const user = c.get('user');
  const unread = user ? await unreadCount(dbOf(c), user.id) : 0;
  return c.html(
    <Layout title={title} user={user} csrf={c.get('csrf')} path={c.req.path} unread={unread}>
      {body}
    </Layout>,
    status,
  );
}

/** After a successful POST: htmx navigates with HX-Redirect, a plain form follows 303 See Other. */
export function done(c: ConsoleContext, location: string): Response {
  if (c.req.header('hx-request')) return c.body(null, 200, { 'hx-redirect': location });
  return c.redirect(location, 303);
}

/** Form values as strings (first value of each name), and all values of a repeated name. */
export async function formOf(c: ConsoleContext): Promise<{ get(name: string): string; all(name: string): string[] }> {
  const body = await c.req.parseBody({ all: true });
  const list = (name: string): string[] => {
    const v = body[name];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
  };
  return { get: (name) => (list(name)[0] ?? '').trim(), all: list };
}

export const problemStatus = (status: number): 400 | 403 | 404 | 409 | 422 =>
  [400, 403, 404, 409, 422].includes(status) ? (status as 400) : 422;
