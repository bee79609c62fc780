// Administration: calendar years loaded and loading a new notice, users and roles, substitutes (代理).
import { errorsByField } from '../api-client';
import { Field, Notice, describedBy, fmtTime } from '../layout';
import { roleLabels } from '../labels';
import { apiFor, done, formOf, page, problemStatus, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';

export async function showCalendar(
  c: ConsoleContext,
  deps: ConsoleDeps,
  form?: { text: string; error: string; status: 400 | 403 | 404 | 409 | 422 },
): Promise<Response> {
  const res = await apiFor(c, deps).get('/api/calendar/years');
  const years: any[] = res.ok ? res.body : [];
  const isAdmin = c.get('user').roles.includes('admin');
  const loaded = c.req.query('loaded');
  return page(
    c,
    '法定日历',
    <>
      {loaded && /^\d{4}$/.test(loaded) ? (
        <Notice kind="ok">已载入 {loaded} 年度放假通知，相关期限已重新计算。</Notice>
      ) : null}
      <table class="responsive">
        <caption>已载入的年度放假通知</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">通知</th>
            <th scope="col">版本</th>
            <th scope="col">载入时间</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr>
              <td data-label="年度">{y.year}</td>
              <td data-label="通知">
                {y.noticeTitle ?? '—'}
                {y.noticeNumber ? <div class="muted">{y.noticeNumber}</div> : null}
              </td>
              <td data-label="版本">{y.version ?? '—'}</td>
              <td data-label="载入时间">{fmtTime(y.loadedAt)}</td>
            </tr>
          ))}
          {years.length === 0 ? (
            <tr>
              <td colspan={4}>尚未载入任何年度的放假通知。</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {isAdmin ? (
        <form class="stack card" method="post" action="/admin/calendar" novalidate>
          <h2>载入新一年度的放假通知</h2>
          <input type="hidden" name="_csrf" value={c.get('csrf')} />
          <Field
            id="file"
            label="年度日历文件（JSON）"
            error={form?.error}
            hint="格式同 domain/calendar-data/2026.json：年度、通知标题与文号、逐日放假与调休上班。文件有误时整体拒绝，原版本继续有效。"
            required
          >
            <textarea
              id="file"
              name="file"
              rows={12}
              aria-describedby={describedBy('file', form?.error, 'y')}
              aria-invalid={form?.error ? 'true' : undefined}
            >
              {form?.text ?? ''}
            </textarea>
          </Field>
          <div>
            <button type="submit">载入</button>
          </div>
        </form>
      ) : (
        <p class="muted">载入放假通知需要系统管理员角色。</p>
      )}
    </>,
    form?.status ?? 200,
  );
}

export async function submitCalendar(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const text = (await formOf(c)).get('file');
  if (!text) return showCalendar(c, deps, { text, error: '请粘贴年度日历文件的内容', status: 400 });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return showCalendar(c, deps, { text, error: '不是有效的 JSON 文件', status: 400 });
  }
  const res = await apiFor(c, deps).post('/api/calendar/years', parsed);
  if (!res.ok) {
    const lines = (res.problem?.errors ?? []).map((e) => `${e.field.replace(/^body\.?/, '') || '文件'}：${e.message}`);
    return showCalendar(c, deps, {
      text,
      error: lines.length ? lines.slice(0, 10).join('；') : (res.problem?.detail ?? res.problem?.title ?? '载入失败'),
      status: problemStatus(res.status),
    });
  }
  return done(c, `/admin/calendar?loaded=${res.body.year}`);
}

export async function showUsers(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const api = apiFor(c, deps);
  const [u, d] = await Promise.all([api.get('/api/users'), api.get('/api/departments')]);
  const units: any[] = d.ok ? d.body : [];
  const people: any[] = u.ok ? u.body : [];
  return page(
    c,
    '用户与角色',
    <>
      {!u.ok ? <Notice kind="error">{u.problem?.detail ?? u.problem?.title}</Notice> : null}
      {units.map((unit) => {
        const members = people.filter((p) => p.departmentId === unit.id);
        if (members.length === 0) return null;
        return (
          <table class="responsive">
            <caption>
              {unit.name}
              {unit.supervisoryDomain ? `（${unit.supervisoryDomain}）` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">账号</th>
                <th scope="col">姓名</th>
                <th scope="col">职务</th>
                <th scope="col">角色</th>
                <th scope="col">执法证</th>
              </tr>
            </thead>
            <tbody>
              {members.map((p) => (
                <tr>
                  <td data-label="账号">{p.id}</td>
                  <td data-label="姓名">{p.name}</td>
                  <td data-label="职务">{p.title ?? '—'}</td>
                  <td data-label="角色">
                    {((p.roles ?? []) as string[]).map((r) => roleLabels[r] ?? r).join('、') || '—'}
                  </td>
                  <td data-label="执法证">{p.hasEnforcementCredential ? '有' : '无'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </>,
  );
}

interface SubstituteForm {
  values: Record<string, string>;
  errors: Record<string, string>;
  status: 400 | 403 | 404 | 409 | 422;
}

export async function showSubstitutes(c: ConsoleContext, deps: ConsoleDeps, form?: SubstituteForm): Promise<Response> {
  const api = apiFor(c, deps);
  const [s, u] = await Promise.all([api.get('/api/substitutes'), api.get('/api/users')]);
  const people: any[] = u.ok ? u.body : [];
  const name = new Map(people.map((p) => [p.id, p.name]));
  const me = c.get('user');
  const v = form?.values ?? {};
  const e = form?.errors ?? {};
  const saved = c.req.query('saved') === '1';
  return page(
    c,
    '代理设置',
    <>
      {saved ? <Notice kind="ok">已设置代理：期间内新开的待办将交由代理人办理。</Notice> : null}
      {form && Object.keys(e).length > 0 ? <Notice kind="error">请修改标出的内容后重新提交。</Notice> : null}
      {form && e._ ? <Notice kind="error">{e._}</Notice> : null}
      <table class="responsive">
        <caption>{me.roles.includes('admin') ? '全部代理设置' : '我的代理设置'}</caption>
        <thead>
          <tr>
            <th scope="col">被代理人</th>
            <th scope="col">代理人</th>
            <th scope="col">期间</th>
            <th scope="col">事由</th>
          </tr>
        </thead>
        <tbody>
          {(s.ok ? (s.body as any[]) : []).map((r) => (
            <tr>
              <td data-label="被代理人">{name.get(r.userId) ?? r.userId}</td>
              <td data-label="代理人">{name.get(r.substituteId) ?? r.substituteId}</td>
              <td data-label="期间">
                {r.fromDate} 至 {r.toDate}
              </td>
              <td data-label="事由">{r.reason ?? '—'}</td>
            </tr>
          ))}
          {s.ok && s.body.length === 0 ? (
            <tr>
              <td colspan={4}>暂无代理设置。</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <form class="stack card" method="post" action="/admin/substitutes" novalidate>
        <h2>设置外出期间的代理人</h2>
        <input type="hidden" name="_csrf" value={c.get('csrf')} />
        <Field id="substituteId" label="代理人" error={e.substituteId} required>
          <select
            id="substituteId"
            name="substituteId"
            aria-describedby={describedBy('substituteId', e.substituteId)}
            aria-invalid={e.substituteId ? 'true' : undefined}
          >
            <option value="">请选择代理人</option>
            {people
              .filter((p) => p.id !== me.id)
              .map((p) => (
                <option value={p.id} selected={v.substituteId === p.id}>
                  {p.name}（{p.id}）
                </option>
              ))}
          </select>
        </Field>
        <Field id="fromDate" label="开始日期" error={e.fromDate} required>
          <input
            id="fromDate"
            name="fromDate"
            type="date"
            value={v.fromDate ?? ''}
            aria-describedby={describedBy('fromDate', e.fromDate)}
            aria-invalid={e.fromDate ? 'true' : undefined}
          />
        </Field>
        <Field id="toDate" label="结束日期" error={e.toDate} required>
          <input
            id="toDate"
            name="toDate"
            type="date"
            value={v.toDate ?? ''}
            aria-describedby={describedBy('toDate', e.toDate)}
            aria-invalid={e.toDate ? 'true' : undefined}
          />
        </Field>
        <Field id="reason" label="事由" error={e.reason}>
          <input
            id="reason"
            name="reason"
            maxlength={200}
            value={v.reason ?? ''}
            aria-describedby={describedBy('reason', e.reason)}
          />
        </Field>
        <div>
          <button type="submit">保存</button>
        </div>
      </form>
    </>,
    form?.status ?? 200,
  );
}

// The API's zod messages are generic ("无效输入"); say in Chinese what this field needs.
const requiredText: Record<string, string> = {
  substituteId: '请选择代理人',
  fromDate: '请填写开始日期',
  toDate: '请填写结束日期',
};

export async function submitSubstitute(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const form = await formOf(c);
  const values = {
    substituteId: form.get('substituteId'),
    fromDate: form.get('fromDate'),
    toDate: form.get('toDate'),
    reason: form.get('reason'),
  };
  const body: Record<string, string> = {};
  for (const [k, val] of Object.entries(values)) if (val) body[k] = val;
  const res = await apiFor(c, deps).post('/api/substitutes', body);
  if (res.ok) return done(c, '/admin/substitutes?saved=1');
  const errors = errorsByField(res.problem);
  for (const k of Object.keys(requiredText))
    if (errors[k] && !values[k as keyof typeof values]) errors[k] = requiredText[k]!;
  if (Object.keys(errors).length === 0) errors._ = res.problem?.detail ?? res.problem?.title ?? '保存失败';
  return showSubstitutes(c, deps, { values, errors, status: problemStatus(res.status) });
}
