// 通知: the user's notifications (reminders, urges, escalations, returns, decisions, callbacks), newest first;
// opening one marks it read and follows its link to the task or case.
import { Notice, fmtTime } from '../layout';
import { apiFor, done, page, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';

interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  caseId: string | null;
  createdAt: string;
  readAt: string | null;
}

const kindLabels: Record<string, string> = {
  reminder: '期限提醒',
  urge: '催办',
  escalation: '逾期督办',
  return: '退回',
  decision: '审批结果',
  callback: '机关回执',
  digest: '每日摘要',
  other: '通知',
};

export async function showNotifications(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const unreadOnly = c.req.query('unread') === 'true';
  const res = await apiFor(c, deps).get(`/api/notifications?pageSize=100${unreadOnly ? '&unread=true' : ''}`);
  const items: NotificationItem[] = res.ok ? res.body.items : [];
  const csrf = c.get('csrf');
  return page(
    c,
    '通知',
    <div id="notifications">
      {!res.ok ? <Notice kind="error">{res.problem?.detail ?? res.problem?.title}</Notice> : null}
      <ul class="tabs">
        <li>
          <a href="/notifications" aria-current={!unreadOnly ? 'page' : undefined}>
            全部
          </a>
        </li>
        <li>
          <a href="/notifications?unread=true" aria-current={unreadOnly ? 'page' : undefined}>
            未读（{res.ok ? res.body.unread : 0}）
          </a>
        </li>
      </ul>
      {items.length === 0 ? (
        <p>没有通知。</p>
      ) : (
        <ul class="notification-list">
          {items.map((n) => (
            <li class={n.readAt ? 'read' : 'unread'} data-notification={n.id}>
              <form method="post" action={`/notifications/${n.id}/open`}>
                <input type="hidden" name="_csrf" value={csrf} />
                <span class={n.kind === 'escalation' || n.kind === 'urge' ? 'badge warn' : 'badge'}>
                  {kindLabels[n.kind] ?? n.kind}
                </span>{' '}
                {n.readAt ? null : <span class="badge danger">未读</span>}{' '}
                <button type="submit" class="link">
                  {n.title}
                </button>
                <div>{n.body}</div>
                <div class="muted">{fmtTime(n.createdAt)}</div>
              </form>
            </li>
          ))}
        </ul>
      )}
      {res.ok && res.body.unread > 0 ? (
        <form method="post" action="/notifications/read-all">
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit">全部标为已读</button>
        </form>
      ) : null}
    </div>,
  );
}

/** Marks one notification read and goes where it points (its task, else its case). */
export async function openNotification(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const id = c.req.param('id') ?? '';
  const res = await apiFor(c, deps).post(`/api/notifications/${encodeURIComponent(id)}/read`, {});
  if (!res.ok) return showNotifications(c, deps);
  const link: string | null = res.body.link;
  // Only our own console paths are followed.
  return done(c, link && /^\/(tasks|cases)\//.test(link) ? link : '/notifications');
}

export async function readAllNotifications(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  await apiFor(c, deps).post('/api/notifications/read-all', {});
  return done(c, '/notifications');
}
