// Case list for every kind, and one case's timeline: every step, actor, acting-for, time, legal basis,
// and each deadline met or missed (cases + case_deadlines + audit records).
import { mayStart } from '../../api/cases/policy';
import {
  auditOf,
  caseFor,
  casePageSize,
  casesFor,
  deadlinesOf,
  stepNamesOf,
  userNames,
  type DeadlineRow,
} from '../../api/cases/console-reads';
import { todayInShanghai } from '../../domain/dates';
import { Notice, fmtTime } from '../layout';
import { CaseDocuments } from './documents';
import {
  actorLabel,
  auditActionLabel,
  chineseMessage,
  caseStatusLabels,
  deadlineStatusLabels,
  kindLabels,
  label,
  owedByLabels,
  stepLabels,
} from '../labels';
import { dbOf, page } from '../page';
import type { ConsoleContext } from '../session';
import { caseWorkbench } from './workbench/case-workbench';
import type { ConsoleDeps } from '../page';

/** met / missed as recorded; a pending deadline past its due day is shown as overdue. */
export function deadlineState(d: DeadlineRow, today: string): { text: string; cls: string } {
  // A party's challenge window is a right, not a duty: when it lapses unused nobody failed anything.
  const lapsedRight = d.key.endsWith('-window') && d.status !== 'met' && d.status !== 'cancelled' && d.dueDate < today;
  if (lapsedRight) return { text: '已届满（未申请）', cls: 'badge' };
  if (d.status === 'pending' && d.dueDate < today) return { text: '已超期未完成', cls: 'badge danger' };
  const cls = d.status === 'met' ? 'badge ok' : d.status === 'missed' ? 'badge danger' : 'badge';
  return { text: deadlineStatusLabels[d.status] ?? d.status, cls };
}

export async function showCases(c: ConsoleContext): Promise<Response> {
  const kind = c.req.query('kind') || undefined;
  const status =
    c.req.query('status') === 'open' || c.req.query('status') === 'closed'
      ? (c.req.query('status') as 'open' | 'closed')
      : undefined;
  const q = (c.req.query('q') ?? '').trim().slice(0, 60) || undefined;
  const pageNo = Math.max(1, Number(c.req.query('page')) || 1);
  const { rows, total } = await casesFor(dbOf(c), c.get('user'), { kind, status, q, page: pageNo });
  const qs = (p: number) => {
    const params = { ...(kind ? { kind } : {}), ...(status ? { status } : {}), ...(q ? { q } : {}), page: String(p) };
    return `/cases?${new URLSearchParams(params)}`;
  };
  const starts = mayStart(c.get('user'), 'approval-request');
  return page(
    c,
    '案件',
    <>
      {starts ? (
        <nav aria-label="新建案件" class="actions-bar">
          <a class="button" href="/cases/new/enforcement">
            录入已送达的处罚决定
          </a>
          <a class="button" href="/cases/new/accident">
            登记生产安全事故
          </a>
          <a class="button" href="/cases/new/criminal-transfer">
            提出涉嫌犯罪案件移送
          </a>
          <a class="button" href="/cases/new/blacklist">
            提请列入黑名单
          </a>
        </nav>
      ) : null}
      <form class="actions-bar card" method="get" action="/cases" role="search">
        <div class="field">
          <label for="kind">类别</label>
          <select id="kind" name="kind">
            <option value="">全部类别</option>
            {Object.entries(kindLabels).map(([id, text]) => (
              <option value={id} selected={kind === id}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="status">状态</label>
          <select id="status" name="status">
            <option value="">全部</option>
            <option value="open" selected={status === 'open'}>
              办理中
            </option>
            <option value="closed" selected={status === 'closed'}>
              已办结
            </option>
          </select>
        </div>
        <div class="field">
          <label for="q">编号或标题</label>
          <input id="q" name="q" value={q ?? ''} />
        </div>
        <button type="submit">查询</button>
      </form>
      <table class="responsive">
        <caption>共 {total} 件</caption>
        <thead>
          <tr>
            <th scope="col">编号</th>
            <th scope="col">标题</th>
            <th scope="col">类别</th>
            <th scope="col">阶段</th>
            <th scope="col">下一期限</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td data-label="编号">
                <a href={`/cases/${encodeURIComponent(r.workflowId)}`}>{r.caseNumber}</a>
              </td>
              <td data-label="标题">{r.title}</td>
              <td data-label="类别">{label(kindLabels, r.kind)}</td>
              <td data-label="阶段">{r.stageLabel}</td>
              <td data-label="下一期限">{r.nextDeadline ?? '—'}</td>
              <td data-label="状态">{label(caseStatusLabels, r.status)}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colspan={6}>没有符合条件的案件。</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <nav aria-label="分页" class="actions-bar">
        {pageNo > 1 ? <a href={qs(pageNo - 1)}>上一页</a> : null}
        {pageNo * casePageSize < total ? <a href={qs(pageNo + 1)}>下一页</a> : null}
      </nav>
    </>,
  );
}

interface Event {
  at: string;
  cls: string;
  body: any;
}

export async function showTimeline(c: ConsoleContext, deps?: ConsoleDeps): Promise<Response> {
  const db = dbOf(c);
  const row = await caseFor(db, c.get('user'), c.req.param('workflowId') ?? '');
  if (!row) return page(c, '案件', <Notice kind="error">案件不存在，或您无权查看。</Notice>, 404);
  const [deadlines, audit, names, stepName] = await Promise.all([
    deadlinesOf(db, [row.workflowId]),
    auditOf(db, row),
    userNames(db),
    stepNamesOf(db, row.workflowId),
  ]);
  const who = (id: string | null) => (id ? actorLabel(id, names) : '');
  const today = todayInShanghai(Date.now());
  const events: Event[] = audit.map((a) => ({
    at: a.at,
    cls: a.outcome === 'ok' ? '' : 'missed',
    body: (
      <>
        <strong>{auditActionLabel(a.action)}</strong>
        {a.outcome !== 'ok' ? <span class="badge danger">{a.outcome === 'denied' ? '被拒绝' : '未通过'}</span> : null}
        <div>
          办理人：{who(a.actor)}
          {a.actingFor ? `（代理 ${who(a.actingFor)}）` : ''}
          {a.step ? `；环节：${stepName.get(a.step) ?? stepLabels[a.step] ?? '审批环节'}` : ''}
        </div>
        {a.comment ? <div>意见：{chineseMessage(a.comment)}</div> : null}
        {a.legalBasis ? <div class="muted">法律依据：{a.legalBasis}</div> : null}
      </>
    ),
  }));
  for (const d of deadlines) {
    if (d.status !== 'met' && d.status !== 'missed') continue;
    if (d.key.endsWith('-window') && d.status === 'missed') continue; // a lapsed right is not an event
    events.push({
      at: d.metAt ?? `${d.dueDate}T23:59:59+08:00`,
      cls: d.status === 'missed' ? 'deadline missed' : 'deadline',
      body: (
        <>
          <strong>
            期限{d.status === 'met' ? '按期完成' : '已逾期'}：{d.label}
          </strong>
          <div>
            届满日 {d.dueDate}；应办方：{label(owedByLabels, d.owedBy)}
          </div>
          {d.citation ? <div class="muted">法律依据：{d.citation}</div> : null}
        </>
      ),
    });
  }
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const workbench = deps ? await caseWorkbench(c, deps, row) : null;
  return page(
    c,
    `办理时间线：${row.caseNumber}`,
    <>
      <section class="card">
        <dl class="facts">
          <dt>标题</dt>
          <dd>{row.title}</dd>
          <dt>类别</dt>
          <dd>{label(kindLabels, row.kind)}</dd>
          <dt>阶段</dt>
          <dd>{row.stageLabel}</dd>
          <dt>状态</dt>
          <dd>
            {label(caseStatusLabels, row.status)}
            {row.status === 'closed' && row.stageLabel ? `（${row.stageLabel}）` : ''}
          </dd>
          <dt>立案时间</dt>
          <dd>{fmtTime(row.openedAt)}</dd>
          {row.closedAt ? (
            <>
              <dt>办结时间</dt>
              <dd>{fmtTime(row.closedAt)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {workbench}
      <section aria-labelledby="deadlines-h">
        <h2 id="deadlines-h">法定期限</h2>
        {deadlines.length === 0 ? <p class="muted">本案没有登记的法定期限。</p> : null}
        {deadlines.length > 0 ? (
          <table class="responsive">
            <thead>
              <tr>
                <th scope="col">期限</th>
                <th scope="col">应办方</th>
                <th scope="col">届满日</th>
                <th scope="col">结果</th>
                <th scope="col">法律依据</th>
              </tr>
            </thead>
            <tbody>
              {deadlines.map((d) => {
                const s = deadlineState(d, today);
                return (
                  <tr class={s.cls.includes('danger') ? 'overdue' : undefined}>
                    <td data-label="期限">{d.label}</td>
                    <td data-label="应办方">{label(owedByLabels, d.owedBy)}</td>
                    <td data-label="届满日">
                      {d.dueDate}
                      {d.provisional ? '（暂定）' : ''}
                    </td>
                    <td data-label="结果">
                      <span class={s.cls}>{s.text}</span>
                      {d.metAt ? <div class="muted">{fmtTime(d.metAt)}</div> : null}
                    </td>
                    <td data-label="法律依据">{d.citation ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </section>
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">办理经过</h2>
        <ol class="timeline">
          {events.map((e) => (
            <li class={e.cls || undefined}>
              <div class="when">{fmtTime(e.at)}</div>
              {e.body}
            </li>
          ))}
        </ol>
      </section>
      <CaseDocuments c={c} row={row} />
    </>,
  );
}
