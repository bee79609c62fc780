// 待办: mine, my department's, overdue, due soon (GET /api/tasks?view=…), with bulk approval for department heads.
import { createHash, randomUUID } from 'node:crypto';
import { seesDepartmentInbox } from '../../api/cases/policy';
import { DaysLeft, Notice, fmtTime } from '../layout';
import { actionLabels, taskKindLabels } from '../labels';
import { apiFor, dbOf, formOf, page, type ConsoleDeps } from '../page';
import { urgedTaskIds } from '../../api/notifications/console-reads';
import type { ConsoleContext } from '../session';

const views = [
  { id: 'mine', text: '我的待办' },
  { id: 'department', text: '本部门待办' },
  { id: 'overdue', text: '已逾期' },
  { id: 'due-soon', text: '即将到期（3个工作日内）' },
] as const;

interface TaskItem {
  id: string;
  kind: string;
  caseId: string;
  caseTitle: string;
  workflowId: string;
  stepName: string;
  assigneeId: string;
  actingForId: string | null;
  dueDate: string | null;
  provisional: boolean;
  overdue: boolean;
  workingDaysLeft: number | null;
  legalBasis: string | null;
  returnComment: string | null;
}

/** The request id of one task in a bulk approval: derived from the form's key, so a resubmitted form is idempotent. */
export function bulkRequestId(bulkKey: string, taskId: string): string {
  const h = createHash('sha256').update(`${bulkKey}:${taskId}`).digest('hex');
  return (
    `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-` +
    `${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
  );
}

export async function showInbox(
  c: ConsoleContext,
  deps: ConsoleDeps,
  notice?: { kind: 'ok' | 'error'; text: string },
): Promise<Response> {
  const user = c.get('user');
  const requested = c.req.query('view') ?? 'mine';
  const view = views.find((v) => v.id === requested)?.id ?? 'mine';
  const pageNo = Math.max(1, Number(c.req.query('page')) || 1);
  const api = apiFor(c, deps);
  const [res, people] = await Promise.all([
    api.get(`/api/tasks?view=${view}&page=${pageNo}&pageSize=50`),
    api.get('/api/users'),
  ]);
  const names = new Map<string, string>(
    (people.ok ? people.body : []).map((u: { id: string; name: string }) => [u.id, u.name]),
  );
  const who = (id: string) => names.get(id) ?? id;
  const items: TaskItem[] = res.ok ? res.body.items : [];
  const urged = await urgedTaskIds(dbOf(c), user.id);
  const total: number = res.ok ? res.body.total : 0;
  const bulk =
    user.roles.includes('department-head') && items.some((t) => t.kind === 'approval' && t.assigneeId === user.id);
  // After a decision the task page returns here with what was done (a known action on a well-formed case number).
  const doneAction = actionLabels[c.req.query('done') ?? ''];
  const doneCase = /^[\p{L}\p{N}〔〕()（）\-_.]{3,60}$/u.test(c.req.query('case') ?? '')
    ? c.req.query('case')
    : undefined;
  const doneMsg = doneAction && doneCase ? `已办理「${doneCase}」：${doneAction}` : undefined;
  const rows = items.map((t) => (
    <tr class={t.overdue ? 'overdue' : undefined}>
      {bulk ? (
        <td data-label="选择">
          {t.kind === 'approval' && t.assigneeId === user.id ? (
            <input type="checkbox" name="taskId" value={t.id} aria-label={`选择 ${t.caseTitle}`} />
          ) : null}
        </td>
      ) : null}
      <td data-label="事项">
        <a href={`/tasks/${t.id}`}>{t.caseTitle}</a>
        <div class="muted">{t.caseId}</div>
        {/* A returned case shows the returning comment right in the inbox. */}
        {t.returnComment ? <div class="note">退回意见：{t.returnComment}</div> : null}
      </td>
      <td data-label="环节">
        {t.stepName}
        {urged.has(t.id) ? (
          <span class="badge warn" title="发起人已催办">
            已催办
          </span>
        ) : null}
        <div class="muted">{taskKindLabels[t.kind] ?? t.kind}</div>
      </td>
      <td data-label="办理人">
        {who(t.assigneeId)}
        {t.actingForId ? <div class="muted">代理 {who(t.actingForId)}</div> : null}
      </td>
      <td data-label="期限">
        {t.dueDate ?? '—'}
        <div>
          <DaysLeft days={t.workingDaysLeft} provisional={t.provisional} />
        </div>
      </td>
      <td data-label="法律依据">{t.legalBasis ?? '—'}</td>
    </tr>
  ));
  const table = (
    <table class="responsive">
      <caption>
        {views.find((v) => v.id === view)!.text}：共 {total} 件（按期限排序）
      </caption>
      <thead>
        <tr>
          {bulk ? (
            <th scope="col">
              <input type="checkbox" data-select-all aria-label="全选" />
            </th>
          ) : null}
          <th scope="col">事项</th>
          <th scope="col">环节</th>
          <th scope="col">办理人</th>
          <th scope="col">期限</th>
          <th scope="col">法律依据</th>
        </tr>
      </thead>
      <tbody>
        {rows.length > 0 ? (
          rows
        ) : (
          <tr>
            <td colspan={bulk ? 6 : 5}>没有待办事项。</td>
          </tr>
        )}
      </tbody>
    </table>
  );
  return page(
    c,
    '待办',
    <div id="inbox">
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {doneMsg ? <Notice kind="ok">{doneMsg}</Notice> : null}
      {!res.ok ? <Notice kind="error">{res.problem?.detail ?? res.problem?.title}</Notice> : null}
      <ul class="tabs" hx-boost="true" hx-target="#inbox" hx-select="#inbox" hx-swap="outerHTML">
        {views
          .filter((v) => v.id !== 'department' || seesDepartmentInbox(user))
          .map((v) => (
            <li>
              <a href={`/inbox?view=${v.id}`} aria-current={v.id === view ? 'page' : undefined}>
                {v.text}
              </a>
            </li>
          ))}
      </ul>
      {bulk ? (
        <form method="post" action="/inbox/bulk-approve">
          <input type="hidden" name="_csrf" value={c.get('csrf')} />
          <input type="hidden" name="bulkKey" value={randomUUID()} />
          <input type="hidden" name="view" value={view} />
          {table}
          <div class="actions-bar">
            <div class="field">
              <label for="bulk-comment">批量同意意见（可选）</label>
              <input id="bulk-comment" name="comment" maxlength={2000} placeholder="同意" />
            </div>
            <button type="submit">批量同意所选事项</button>
          </div>
        </form>
      ) : (
        table
      )}
      <p class="muted">最后刷新：{fmtTime(new Date().toISOString())}</p>
    </div>,
  );
}

/** POST /inbox/bulk-approve → POST /api/tasks/bulk-approve; each task is still decided and audited on its own. */
export async function submitBulkApprove(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const form = await formOf(c);
  const ids = form.all('taskId').filter((id) => /^t_[0-9a-f]{24}$/.test(id));
  if (ids.length === 0) return showInbox(c, deps, { kind: 'error', text: '请先勾选要批量同意的事项。' });
  const bulkKey = form.get('bulkKey') || randomUUID();
  const comment = form.get('comment') || undefined;
  const res = await apiFor(c, deps).post('/api/tasks/bulk-approve', {
    items: ids.map((taskId) => ({ taskId, requestId: bulkRequestId(bulkKey, taskId) })),
    comment,
  });
  if (!res.ok)
    return showInbox(c, deps, { kind: 'error', text: res.problem?.detail ?? res.problem?.title ?? '批量同意失败' });
  const results = res.body.results as Array<{ taskId: string; status: number; detail?: string }>;
  const ok = results.filter((r) => r.status === 200).length;
  const failed = results.filter((r) => r.status !== 200);
  const text =
    `已批量同意 ${ok} ` +
    `件${failed.length ? `；${failed.length} 件未办理：${failed.map((f) => f.detail ?? f.status).join('；')}` : ''}。`;
  return showInbox(c, deps, { kind: failed.length ? 'error' : 'ok', text });
}
