// The page frame: skip link, navigation by role, main landmark; htmx sends the CSRF token as a header.
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { seesDistrict } from '../api/cases/policy';
import type { AuthUser } from '../api/context';
import { formatShanghaiDateTime } from '../domain/dates';
import { roleLabels } from './labels';

export interface PageProps {
  title: string;
  user?: AuthUser;
  csrf?: string;
  /** The path of the page, to mark the current navigation entry. */
  path?: string;
  /** Unread notifications of the signed-in user, shown as a badge in the header. */
  unread?: number;
}

interface NavItem {
  href: string;
  text: string;
  show: (u: AuthUser) => boolean;
}

const any = () => true;
const nav: NavItem[] = [
  { href: '/inbox', text: '待办', show: any },
  { href: '/cases', text: '案件', show: any },
  { href: '/enforcement', text: '法院强制执行', show: any },
  { href: '/overview', text: '全区概览', show: seesDistrict },
  { href: '/registers', text: '登记簿', show: any },
  { href: '/public/accidents', text: '公开信息', show: any },
  { href: '/admin/substitutes', text: '代理设置', show: any },
  { href: '/admin/calendar', text: '法定日历', show: any },
  { href: '/admin/users', text: '用户与角色', show: any },
  {
    href: '/admin/enterprises',
    text: '主数据',
    show: (u) => u.roles.some((r) => r === 'admin' || r === 'department-head'),
  },
];

export const Layout: FC<PropsWithChildren<PageProps>> = ({ title, user, csrf, path, unread, children }) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · 安监流程`}</title>
      <link rel="stylesheet" href="/assets/console.css" />
      <script src="/assets/htmx.min.js" defer></script>
      <script src="/assets/console.js" defer></script>
    </head>
    <body hx-headers={csrf ? JSON.stringify({ 'X-CSRF-Token': csrf }) : undefined}>
      <a class="skip" href="#main">
        跳到正文
      </a>
      <header class="top">
        <a class="brand" href={user ? '/inbox' : '/public/accidents'}>
          安监流程
        </a>
        {user ? (
          <nav aria-label="主导航">
            <ul>
              {nav
                .filter((n) => n.show(user))
                .map((n) => (
                  <li>
                    <a
                      href={n.href}
                      aria-current={path && (path === n.href || path.startsWith(`${n.href}/`)) ? 'page' : undefined}
                    >
                      {n.text}
                    </a>
                  </li>
                ))}
            </ul>
          </nav>
        ) : (
          <nav aria-label="公开信息">
            <ul>
              <li>
                <a href="/public/accidents">事故调查报告</a>
              </li>
              <li>
                <a href="/public/blacklist">黑名单与违法记录查询</a>
              </li>
              <li>
                <a href="/login">工作人员登录</a>
              </li>
            </ul>
          </nav>
        )}
        {user ? (
          <a
            class="notifications-link"
            href="/notifications"
            aria-current={path === '/notifications' ? 'page' : undefined}
            aria-label={unread ? `通知（${unread} 条未读）` : '通知'}
          >
            通知
            {unread ? (
              <span class="badge danger" data-unread-count={String(unread)}>
                {unread > 99 ? '99+' : unread}
              </span>
            ) : null}
          </a>
        ) : null}
        {user && csrf ? (
          <form class="who" method="post" action="/logout">
            <input type="hidden" name="_csrf" value={csrf} />
            <span>
              {user.name}（{user.roles.map((r) => roleLabels[r] ?? r).join('、')}）
            </span>
            <button type="submit" class="link">
              退出
            </button>
          </form>
        ) : null}
      </header>
      <main id="main" tabindex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </body>
  </html>
);

/** A notice for the whole page (success or failure), announced to screen readers. */
export const Notice: FC<{ kind: 'ok' | 'error'; children?: Child }> = ({ kind, children }) => (
  <div class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);

export const fmtTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatShanghaiDateTime(ms).slice(0, 16).replace('T', ' ');
};

/** 剩余 N 个工作日 / 今日到期 / 已逾期 N 个工作日. */
export const DaysLeft: FC<{ days: number | null | undefined; provisional?: boolean }> = ({ days, provisional }) => {
  if (days === null || days === undefined) return <span class="muted">无期限</span>;
  const text = days > 0 ? `剩余 ${days} 个工作日` : days === 0 ? '今日到期' : `已逾期 ${-days} 个工作日`;
  const cls = days < 0 ? 'badge danger' : days <= 1 ? 'badge warn' : 'badge';
  return (
    <span class={cls}>
      {text}
      {provisional ? <abbr title="所在年度的放假通知尚未载入，仅按周末计算">（暂定）</abbr> : null}
    </span>
  );
};

/** A form field with its label, hint and the API's error beside it (aria-describedby links them). */
export const Field: FC<
  PropsWithChildren<{ id: string; label: string; error?: string; hint?: string; required?: boolean }>
> = ({ id, label, error, hint, required, children }) => (
  <div class={error ? 'field invalid' : 'field'}>
    <label for={id}>
      {label}
      {required ? (
        <span class="req" aria-hidden="true">
          {' '}
          *
        </span>
      ) : null}
    </label>
    {children}
    {hint ? (
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    ) : null}
    {error ? (
      <p class="error" id={`${id}-error`} role="alert">
        {error}
      </p>
    ) : null}
  </div>
);

export const describedBy = (id: string, error?: string, hint?: string): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
