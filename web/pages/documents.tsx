// The 文书 section of a case page: the case's documents with 预览 / 下载 / 打印, and the draft, sign and seal
// buttons the signed-in user may use; the actions and files go through the documents API with the user's token.

import { caseDocumentsOf, caseNumberOfWorkflow, type CaseRow } from '../../api/cases/console-reads';
import { draftableKinds } from '../../api/document-sources';
import { documentKindInfo, type DocumentKind } from '../../domain/documents';
import { Notice } from '../layout';
import { apiFor, dbOf, done, formOf, page, problemStatus, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';

const STATUS = { draft: '草稿', signed: '签名中', issued: '已签发', superseded: '已被更正' } as const;

const base = (workflowId: string) => `/cases/${encodeURIComponent(workflowId)}/documents`;

function ActionButton(props: { c: ConsoleContext; action: string; label: string }) {
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="_csrf" value={props.c.get('csrf')} />
      <button type="submit">{props.label}</button>
    </form>
  );
}

/** The documents of the case shown on its page (the caller already checked the user may see the case). */
export async function CaseDocuments(props: { c: ConsoleContext; row: CaseRow }) {
  const { c, row } = props;
  const user = c.get('user');
  const docs = await caseDocumentsOf(dbOf(c), row.workflowId);
  const own = user.departmentId === row.departmentId;
  const isHead = own && user.roles.includes('department-head');
  const mayDraft = own && user.roles.some((r) => r === 'officer' || r === 'department-head');
  const kinds = draftableKinds[row.kind] ?? [];
  const error = c.req.query('docError');
  return (
    <section aria-labelledby="documents-h">
      <h2 id="documents-h">文书</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {docs.length === 0 ? <p class="muted">本案尚未制作文书。</p> : null}
      {docs.length > 0 ? (
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">文书</th>
              <th scope="col">文号</th>
              <th scope="col">版本</th>
              <th scope="col">状态</th>
              <th scope="col">签名</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => {
              const href = `${base(row.workflowId)}/${d.id}`;
              const signed = new Set(d.signatures.map((s) => s.userId));
              const open = d.status === 'draft' || d.status === 'signed';
              return (
                <tr>
                  <td data-label="文书">{d.content.title}</td>
                  <td data-label="文号">{d.number ?? '签发时编号'}</td>
                  <td data-label="版本">
                    第{d.version}版{d.correctionReason ? `（更正：${d.correctionReason}）` : ''}
                  </td>
                  <td data-label="状态">{STATUS[d.status]}</td>
                  <td data-label="签名">
                    {d.signatures.map((s) => s.name).join('、') || '—'}
                    {open && d.officers.some((o) => !signed.has(o)) ? (
                      <div class="muted">待签名：{d.officers.filter((o) => !signed.has(o)).join('、')}</div>
                    ) : null}
                  </td>
                  <td data-label="操作">
                    <a href={`${href}/print`}>预览</a> <a href={`${href}/pdf?download=1`}>下载</a>{' '}
                    <a href={`${href}/print`} target="_blank" rel="noopener">
                      打印
                    </a>
                    {open && d.officers.includes(user.id) && !signed.has(user.id) ? (
                      <ActionButton c={c} action={`${href}/sign`} label="签名" />
                    ) : null}
                    {d.status === 'signed' && isHead && d.officers.every((o) => signed.has(o)) ? (
                      <ActionButton c={c} action={`${href}/issue`} label="盖章签发" />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {mayDraft && kinds.length ? (
        <form method="post" action={base(row.workflowId)} class="inline">
          <input type="hidden" name="_csrf" value={c.get('csrf')} />
          <label>
            制作文书：
            <select name="kind">
              {kinds.map((k) => (
                <option value={k}>{documentKindInfo[k].name}</option>
              ))}
            </select>
          </label>
          <button type="submit">制作草稿</button>
        </form>
      ) : null}
    </section>
  );
}

const back = (c: ConsoleContext, error?: string) =>
  done(
    c,
    `/cases/${encodeURIComponent(c.req.param('workflowId') ?? '')}` +
      `${error ? `?docError=${encodeURIComponent(error)}` : ''}#documents-h`,
  );

const caseNumberOf = (c: ConsoleContext) => caseNumberOfWorkflow(dbOf(c), c.req.param('workflowId') ?? '');

/** 制作草稿 / 签名 / 盖章签发 from the case page; a refusal comes back to the page with the API's reason. */
export async function submitDocumentAction(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const api = apiFor(c, deps);
  const id = c.req.param('id');
  const action = c.req.param('action');
  let res;
  if (!id) {
    const form = await formOf(c);
    const caseNumber = await caseNumberOf(c);
    if (!caseNumber) return page(c, '文书', <Notice kind="error">案件不存在，或您无权查看。</Notice>, 404);
    res = await api.post(`/api/cases/${encodeURIComponent(caseNumber)}/documents`, {
      kind: form.get('kind') as DocumentKind,
    });
  } else if (action === 'sign' || action === 'issue') {
    res = await api.post(`/api/documents/${encodeURIComponent(id)}/${action}`, {});
  } else return page(c, '文书', <Notice kind="error">未知的操作。</Notice>, 404);
  if (res.ok) return back(c);
  const reason = `${res.problem?.title ?? '操作未完成'}：${res.problem?.detail ?? ''}`;
  if (c.req.header('hx-request'))
    return page(c, '文书', <Notice kind="error">{reason}</Notice>, problemStatus(res.status));
  return back(c, reason);
}

/** 预览/打印 (HTML) and 下载 (PDF): the API's answer passed through, links pointed at the console. */
export async function showDocumentFile(c: ConsoleContext, deps: ConsoleDeps, file: 'print' | 'pdf'): Promise<Response> {
  const id = encodeURIComponent(c.req.param('id') ?? '');
  const res = await deps.api(
    new Request(`http://console.internal/api/documents/${id}/${file}`, {
      headers: { authorization: `Bearer ${c.get('token')}`, 'x-request-id': c.get('requestId') },
    }),
  );
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { detail?: string };
    return page(
      c,
      '文书',
      <Notice kind="error">{problem.detail ?? '文书不存在，或您无权查看。'}</Notice>,
      problemStatus(res.status),
    );
  }
  if (file === 'print') {
    const wf = encodeURIComponent(c.req.param('workflowId') ?? '');
    const html = (await res.text())
      .replace(/href="\/api\/documents\/([^"/]+)\/pdf"/, `href="/cases/${wf}/documents/$1/pdf?download=1"`)
      .replace(/href="\/cases\/[^"]*"/, `href="/cases/${wf}"`);
    return c.html(html);
  }
  const headers = new Headers(res.headers);
  if (c.req.query('download'))
    headers.set('content-disposition', (headers.get('content-disposition') ?? '').replace('inline', 'attachment'));
  return new Response(res.body, { status: 200, headers });
}
