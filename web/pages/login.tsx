// Log in: the development login lets a person pick a seeded user; in production the SSO issues the token.
import { getCookie, setCookie } from 'hono/cookie';
import { devLoginEnabled } from '../../config/env';
import { loginRoster } from '../../api/cases/console-reads';
import { apiClient, errorsByField } from '../api-client';
import { Field, Layout, Notice, describedBy } from '../layout';
import { roleLabels } from '../labels';
import type { ConsoleDeps } from '../page';
import { csrfCookie, newCsrfToken, safeNext, startSession, type ConsoleContext } from '../session';

async function loginPage(
  c: ConsoleContext,
  next: string,
  error?: string,
  status: 200 | 400 | 404 = 200,
): Promise<Response> {
  // A pre-session CSRF token (double-submit) protects the login form itself.
  let csrf = getCookie(c, csrfCookie);
  if (!csrf) {
    csrf = newCsrfToken();
    setCookie(c, csrfCookie, csrf, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: c.get('deps').env.NODE_ENV === 'production',
    });
  }
  const db = c.get('deps').database.db;
  const enabled = devLoginEnabled(c.get('deps').env);
  const [people, units] = enabled ? await loginRoster(db) : [[], []];
  const unitName = new Map(units.map((d) => [d.id, d.name]));
  const grouped = new Map<string, typeof people>();
  for (const p of people) grouped.set(p.departmentId, [...(grouped.get(p.departmentId) ?? []), p]);
  return c.html(
    <Layout title="工作人员登录">
      {c.req.query('expired') ? <Notice kind="error">登录已过期，请重新登录。</Notice> : null}
      {enabled ? (
        <form class="stack card" method="post" action="/login">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="next" value={next} />
          <p class="muted">开发环境登录：请选择一位种子用户。生产环境由统一身份认证（SSO）签发令牌。</p>
          <Field id="userId" label="用户" error={error} required>
            <select
              id="userId"
              name="userId"
              required
              aria-describedby={describedBy('userId', error)}
              aria-invalid={error ? 'true' : undefined}
            >
              <option value="">请选择用户</option>
              {[...grouped].map(([dept, list]) => (
                <optgroup label={unitName.get(dept) ?? dept}>
                  {list.map((u) => (
                    <option value={u.id}>
                      {u.name}（{u.id}，{u.roles.map((r) => roleLabels[r] ?? r).join('、')}）
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <div>
            <button type="submit">登录</button>
          </div>
        </form>
      ) : (
        <Notice kind="error">请通过统一身份认证（SSO）登录。</Notice>
      )}
      <p>
        无需登录即可查看：<a href="/public/accidents">事故调查报告</a> ·{' '}
        <a href="/public/blacklist">黑名单与违法记录查询</a>
      </p>
    </Layout>,
    status,
  );
}

export const showLogin = (c: ConsoleContext) => loginPage(c, safeNext(c.req.query('next')));

/** POST /login: asks the API's development login for a token, keeps it in the session cookie, returns to `next`. */
export async function submitLogin(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const body = await c.req.parseBody({ all: true });
  const str = (v: unknown) =>
    (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '').trim();
  const next = safeNext(str(body.next));
  const userId = str(body.userId);
  if (!userId) return loginPage(c, next, '请选择用户', 400);
  const res = await apiClient(deps.api, undefined, c.get('requestId')).post('/api/auth/dev-login', { userId });
  if (!res.ok)
    return loginPage(
      c,
      next,
      errorsByField(res.problem).userId ?? res.problem?.detail ?? '登录失败',
      res.status === 404 ? 404 : 400,
    );
  startSession(c, res.body.token as string);
  return c.redirect(next, 303);
}
