// Master data (主数据) pages: people with their enforcement credentials, and the enterprise register (企业台账) with
// import (dry run first), export and the template. For the administrator (every unit) and unit heads (their own).
// Everything goes through the API with the user's token; the API decides who may do what.
import { Field, Notice, fmtTime } from '../layout';
import { roleLabels } from '../labels';
import { apiFor, formOf, page, problemStatus, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';
import { beibeiTowns, enterpriseStatusLabels } from '../../domain/master-data';

/** A call the JSON client does not cover (PATCH, a file upload, a download), with the user's bearer token. */
function rawApi(c: ConsoleContext, deps: ConsoleDeps, method: string, path: string, body?: BodyInit, type?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${c.get('token')}` };
  if (type) headers['content-type'] = type;
  return Promise.resolve(deps.api(new Request(`http://console.internal${path}`, { method, headers, body })));
}

const credentialLabels: Record<string, string> = {
  none: '无',
  valid: '有效',
  expiring: '30 日内到期',
  expired: '已过期',
};
const errorList = (errors?: { message: string }[]) =>
  errors && errors.length > 0 ? (
    <ul class="errors">
      {errors.slice(0, 50).map((e) => (
        <li>{e.message}</li>
      ))}
      {errors.length > 50 ? <li>……共 {errors.length} 处</li> : null}
    </ul>
  ) : null;

export async function showPeople(
  c: ConsoleContext,
  deps: ConsoleDeps,
  outcome?: { kind: 'ok' | 'error'; text: string; errors?: { message: string }[] },
  status: 200 | 400 | 403 | 404 | 409 | 422 = 200,
): Promise<Response> {
  const api = apiFor(c, deps);
  const q = c.req.query('q') ?? '';
  const [people, units] = await Promise.all([
    api.get(`/api/registers/people?includeDisabled=true${q ? `&q=${encodeURIComponent(q)}` : ''}`),
    api.get('/api/departments'),
  ]);
  const list: any[] = people.ok ? people.body : [];
  const unitList: any[] = units.ok ? units.body : [];
  const csrf = c.get('csrf');
  return page(
    c,
    '人员名册',
    <>
      <p>
        <a href="/admin/enterprises">企业台账</a>
      </p>
      {!people.ok ? <Notice kind="error">{people.problem?.detail ?? people.problem?.title}</Notice> : null}
      {outcome ? (
        <Notice kind={outcome.kind}>
          {outcome.text}
          {errorList(outcome.errors)}
        </Notice>
      ) : null}
      <form method="get" action="/admin/people" class="inline">
        <label for="q">搜索姓名或账号</label> <input id="q" name="q" value={q} /> <button type="submit">搜索</button>
      </form>
      <table class="responsive">
        <caption>人员（{list.length}）</caption>
        <thead>
          <tr>
            <th scope="col">账号</th>
            <th scope="col">姓名</th>
            <th scope="col">单位</th>
            <th scope="col">角色</th>
            <th scope="col">执法证</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {list.map((p) => (
            <tr>
              <td data-label="账号">{p.id}</td>
              <td data-label="姓名">{p.name}</td>
              <td data-label="单位">{unitList.find((u) => u.id === p.departmentId)?.name ?? p.departmentId}</td>
              <td data-label="角色">{p.roles.map((r: string) => roleLabels[r] ?? r).join('、')}</td>
              <td data-label="执法证">
                {p.credentialNumber
                  ? `${p.credentialNumber}（${p.credentialAuthority}，至 ${p.credentialValidUntil}）`
                  : ''}
                <span class={p.credentialStatus === 'expired' ? 'badge danger' : 'badge'}>
                  {credentialLabels[p.credentialStatus]}
                </span>
              </td>
              <td data-label="状态">
                {p.active ? (
                  <form method="post" action={`/admin/people/${encodeURIComponent(p.id)}/disable`} class="inline">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <label for={`reason-${p.id}`}>停用原因</label>{' '}
                    <input id={`reason-${p.id}`} name="reason" size={10} /> <button type="submit">停用 {p.name}</button>
                  </form>
                ) : (
                  `已停用 ${fmtTime(p.disabledAt)}`
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="stack card" method="post" action="/admin/people" novalidate>
        <h2>新增人员</h2>
        <p class="hint">单位负责人只能为本单位新增执法人员或法制审核员；在办事项在停用时转交单位负责人。</p>
        <input type="hidden" name="_csrf" value={csrf} />
        <Field id="id" label="登录账号" required>
          <input id="id" name="id" />
        </Field>
        <Field id="name" label="姓名" required>
          <input id="name" name="name" />
        </Field>
        <Field id="departmentId" label="单位" required>
          <select id="departmentId" name="departmentId">
            {unitList.map((u) => (
              <option value={u.id} selected={u.id === c.get('user').departmentId}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>角色</legend>
          {['officer', 'legal-reviewer', 'department-head'].map((r) => (
            <label>
              <input type="checkbox" name="roles" value={r} checked={r === 'officer'} /> {roleLabels[r]}
            </label>
          ))}
        </fieldset>
        <Field id="mobile" label="手机号码">
          <input id="mobile" name="mobile" inputmode="numeric" />
        </Field>
        <Field id="credentialNumber" label="执法证号">
          <input id="credentialNumber" name="credentialNumber" />
        </Field>
        <Field id="credentialAuthority" label="发证机关">
          <input id="credentialAuthority" name="credentialAuthority" />
        </Field>
        <Field id="credentialValidUntil" label="执法证有效期至">
          <input id="credentialValidUntil" name="credentialValidUntil" type="date" />
        </Field>
        <div>
          <button type="submit">保存人员</button>
        </div>
      </form>
    </>,
    status,
  );
}

export async function submitPerson(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const form = await formOf(c);
  const opt = (name: string) => form.get(name) || undefined;
  const res = await apiFor(c, deps).post('/api/registers/people', {
    id: form.get('id'),
    name: form.get('name'),
    departmentId: form.get('departmentId'),
    roles: form.all('roles'),
    mobile: opt('mobile'),
    credentialNumber: opt('credentialNumber'),
    credentialAuthority: opt('credentialAuthority'),
    credentialValidUntil: opt('credentialValidUntil'),
  });
  if (res.ok) return showPeople(c, deps, { kind: 'ok', text: `已新增人员 ${res.body.name}（${res.body.id}）` });
  return showPeople(
    c,
    deps,
    { kind: 'error', text: res.problem?.detail ?? res.problem?.title ?? '保存失败', errors: res.problem?.errors },
    problemStatus(res.status),
  );
}

export async function submitDisable(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const form = await formOf(c);
  const id = c.req.param('id') ?? '';
  const res = await apiFor(c, deps).post(`/api/registers/people/${encodeURIComponent(id)}/disable`, {
    reason: form.get('reason'),
  });
  if (res.ok)
    return showPeople(c, deps, {
      kind: 'ok',
      text: `已停用 ${id}，${res.body.tasks.length} 项在办事项转交 ${res.body.handedOverTo}`,
    });
  return showPeople(
    c,
    deps,
    { kind: 'error', text: res.problem?.detail ?? res.problem?.title ?? '停用失败', errors: res.problem?.errors },
    problemStatus(res.status),
  );
}

interface ImportOutcome {
  ok: boolean;
  status: number;
  body: any;
}

export async function showEnterprises(
  c: ConsoleContext,
  deps: ConsoleDeps,
  outcome?: ImportOutcome | { ok: boolean; status: number; text: string; errors?: { message: string }[] },
): Promise<Response> {
  const api = apiFor(c, deps);
  const q = c.req.query('q') ?? '';
  const [res, units] = await Promise.all([
    api.get(`/api/registers/enterprises?limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}`),
    api.get('/api/departments'),
  ]);
  const items: any[] = res.ok ? res.body.items : [];
  const unitList: any[] = units.ok ? units.body : [];
  const csrf = c.get('csrf');
  const status = outcome && !outcome.ok ? problemStatus(outcome.status) : 200;
  return page(
    c,
    '企业台账',
    <>
      <p>
        <a href="/admin/people">人员名册</a>
      </p>
      {!res.ok ? <Notice kind="error">{res.problem?.detail ?? res.problem?.title}</Notice> : null}
      {outcome && 'text' in outcome ? (
        <Notice kind={outcome.ok ? 'ok' : 'error'}>
          {outcome.text}
          {errorList(outcome.errors)}
        </Notice>
      ) : null}
      {outcome && 'body' in outcome ? <ImportResult outcome={outcome} /> : null}
      <p>
        导出：<a href="/admin/enterprises/export?format=xlsx">导出 Excel（.xlsx）</a> ·{' '}
        <a href="/admin/enterprises/export?format=csv">导出 CSV</a> · 模板：
        <a href="/admin/enterprises/template?format=xlsx">下载导入模板（.xlsx）</a> ·{' '}
        <a href="/admin/enterprises/template?format=csv">CSV 模板</a>
      </p>
      <form class="stack card" method="post" action="/admin/enterprises/import" enctype="multipart/form-data">
        <h2>从 Excel 或 CSV 导入</h2>
        <input type="hidden" name="_csrf" value={csrf} />
        <Field
          id="file"
          label="企业台账文件"
          hint="使用模板的中文列名；.xlsx 须含「企业台账」工作表，不接受公式和宏，最大 4 MiB。整个文件校验通过后才写入。"
          required
        >
          <input id="file" name="file" type="file" accept=".xlsx,.csv" />
        </Field>
        <label>
          <input type="checkbox" name="dryRun" value="true" checked /> 试导入（只检查并显示将发生的变化，不写入）
        </label>
        <div>
          <button type="submit">上传并校验</button>
        </div>
      </form>
      <form method="get" action="/admin/enterprises" class="inline">
        <label for="q">按名称或统一社会信用代码搜索</label> <input id="q" name="q" value={q} />{' '}
        <button type="submit">搜索</button>
      </form>
      <table class="responsive">
        <caption>企业（共 {res.ok ? res.body.total : 0} 家，显示前 100 家）</caption>
        <thead>
          <tr>
            <th scope="col">企业名称</th>
            <th scope="col">统一社会信用代码</th>
            <th scope="col">镇街</th>
            <th scope="col">行业领域</th>
            <th scope="col">风险等级</th>
            <th scope="col">监管部门</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr>
              <td data-label="企业名称">{e.name}</td>
              <td data-label="统一社会信用代码">{e.creditCode}</td>
              <td data-label="镇街">{e.town}</td>
              <td data-label="行业领域">{e.sector}</td>
              <td data-label="风险等级">{e.riskClass ?? '—'}</td>
              <td data-label="监管部门">{unitList.find((u) => u.id === e.departmentId)?.name ?? e.departmentId}</td>
              <td data-label="状态">{enterpriseStatusLabels[e.status as 'operating'] ?? e.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="stack card" method="post" action="/admin/enterprises" novalidate>
        <h2>登记企业</h2>
        <input type="hidden" name="_csrf" value={csrf} />
        <Field id="e-name" label="企业名称" required>
          <input id="e-name" name="name" />
        </Field>
        <Field id="e-code" label="统一社会信用代码" hint="18 位，按 GB 32100-2015 校验" required>
          <input id="e-code" name="creditCode" />
        </Field>
        <Field id="e-address" label="注册地址">
          <input id="e-address" name="address" />
        </Field>
        <Field id="e-town" label="所属镇街" required>
          <select id="e-town" name="town">
            {beibeiTowns.map((t) => (
              <option>{t}</option>
            ))}
          </select>
        </Field>
        <Field id="e-industry" label="行业">
          <input id="e-industry" name="industry" />
        </Field>
        <Field id="e-sector" label="行业领域" required>
          <input id="e-sector" name="sector" />
        </Field>
        <Field id="e-risk" label="风险等级">
          <select id="e-risk" name="riskClass">
            <option value="">未定</option>
            {['A', 'B', 'C', 'D'].map((r) => (
              <option>{r}</option>
            ))}
          </select>
        </Field>
        <Field id="e-dept" label="监管部门" required>
          <select id="e-dept" name="departmentId">
            {unitList.map((u) => (
              <option value={u.id} selected={u.id === c.get('user').departmentId}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <div>
          <button type="submit">登记企业</button>
        </div>
      </form>
    </>,
    status,
  );
}

const actionLabels: Record<string, string> = { create: '新增', update: '修改', unchanged: '不变' };

function ImportResult({ outcome }: { outcome: ImportOutcome }) {
  const b = outcome.body;
  if (!outcome.ok)
    return (
      <Notice kind="error">
        {b?.title ?? '导入失败'}：{b?.detail}
        {errorList(b?.rows ?? b?.errors)}
      </Notice>
    );
  return (
    <Notice kind="ok">
      {b.dryRun ? '试导入通过（尚未写入）' : '已导入'}：共 {b.rows} 行，新增 {b.create} 家，修改 {b.update} 家，不变{' '}
      {b.unchanged} 家。
      {b.changes.length > 0 ? (
        <ul>
          {b.changes.slice(0, 20).map((ch: any) => (
            <li>
              第 {ch.row} 行 {actionLabels[ch.action]} {ch.name}（{ch.creditCode}）
              {ch.changed.length > 0 ? `：${ch.changed.join('、')}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}

export async function submitImport(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const body = await c.req.parseBody();
  const file = body.file;
  if (!(file instanceof File) || file.size === 0)
    return showEnterprises(c, deps, { ok: false, status: 422, text: '请选择要导入的文件' });
  const dryRun = body.dryRun === 'true';
  const res = await rawApi(
    c,
    deps,
    'POST',
    `/api/registers/enterprises/import${dryRun ? '?dryRun=true' : ''}`,
    await file.arrayBuffer(),
    'application/octet-stream',
  );
  return showEnterprises(c, deps, { ok: res.ok, status: res.status, body: await res.json() });
}

export async function submitEnterprise(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const form = await formOf(c);
  const fields = ['name', 'creditCode', 'address', 'town', 'industry', 'sector', 'riskClass', 'departmentId'];
  const res = await apiFor(c, deps).post(
    '/api/registers/enterprises',
    Object.fromEntries(fields.map((f) => [f, form.get(f)])),
  );
  if (res.ok) return showEnterprises(c, deps, { ok: true, status: 201, text: `已登记 ${res.body.name}` });
  return showEnterprises(c, deps, {
    ok: false,
    status: res.status,
    text: res.problem?.detail ?? res.problem?.title ?? '登记失败',
    errors: res.problem?.errors,
  });
}

/** Downloads (export, template) pass the API's file through with its headers. */
export async function download(c: ConsoleContext, deps: ConsoleDeps, what: 'export' | 'template'): Promise<Response> {
  const format = c.req.query('format') === 'csv' ? 'csv' : 'xlsx';
  const res = await rawApi(c, deps, 'GET', `/api/registers/enterprises/${what}?format=${format}`);
  const headers = new Headers();
  for (const h of ['content-type', 'content-disposition']) {
    const v = res.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(res.body, { status: res.status, headers });
}
