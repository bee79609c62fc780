// Court enforcement tracker and the 安委办's district overview, with server-rendered SVG charts.
import { BarChart } from '../charts';
import { seesDistrict } from '../../api/cases/policy';
import {
  casesByKindAndStage,
  casesFor,
  deadlineTally,
  deadlinesOf,
  overdueDeadlines,
} from '../../api/cases/console-reads';
import { Notice } from '../layout';
import { kindLabels, label, owedByLabels } from '../labels';
import { apiFor, dbOf, page, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';
import { deadlineState } from './cases';
import { todayInShanghai } from '../../domain/dates';

const owedByCourt = (owedBy: string) => owedBy === 'court' || owedBy.includes('法院');

/** Applications to the court by stage; what the court owes and by when; overdue replies highlighted. */
export async function showEnforcement(c: ConsoleContext): Promise<Response> {
  const db = dbOf(c);
  const { rows } = await casesFor(db, c.get('user'), { kind: 'enforcement', pageSize: 500 });
  const deadlines = await deadlinesOf(
    db,
    rows.map((r) => r.workflowId),
  );
  const today = todayInShanghai(Date.now());
  const byStage = new Map<string, number>();
  for (const r of rows.filter((x) => x.status === 'open'))
    byStage.set(r.stageLabel, (byStage.get(r.stageLabel) ?? 0) + 1);
  const court = deadlines.filter((d) => owedByCourt(d.owedBy));
  const caseOf = new Map(rows.map((r) => [r.workflowId, r]));
  const overdue = court.filter((d) => d.status === 'missed' || (d.status === 'pending' && d.dueDate < today));
  return page(
    c,
    '法院强制执行跟踪',
    <>
      {overdue.length > 0 ? <Notice kind="error">法院逾期未答复 {overdue.length} 项，已在下表中标红。</Notice> : null}
      <BarChart
        title="办理中的强制执行申请（按阶段）"
        bars={[...byStage].map(([text, n]) => ({ label: text, value: n }))}
      />
      <table class="responsive">
        <caption>法院应办事项与期限</caption>
        <thead>
          <tr>
            <th scope="col">案件</th>
            <th scope="col">阶段</th>
            <th scope="col">法院应办</th>
            <th scope="col">届满日</th>
            <th scope="col">状态</th>
            <th scope="col">法律依据</th>
          </tr>
        </thead>
        <tbody>
          {court.map((d) => {
            const k = caseOf.get(d.workflowId)!;
            const s = deadlineState(d, today);
            return (
              <tr class={s.cls.includes('danger') ? 'overdue' : undefined}>
                <td data-label="案件">
                  <a href={`/cases/${encodeURIComponent(k.workflowId)}`}>{k.caseNumber}</a>
                  <div class="muted">{k.title}</div>
                </td>
                <td data-label="阶段">{k.stageLabel}</td>
                <td data-label="法院应办">
                  {d.label}
                  <div class="muted">{label(owedByLabels, d.owedBy)}</div>
                </td>
                <td data-label="届满日">
                  {d.dueDate}
                  {d.provisional ? '（暂定）' : ''}
                </td>
                <td data-label="状态">
                  <span class={s.cls}>{s.text}</span>
                </td>
                <td data-label="法律依据">{d.citation ?? '—'}</td>
              </tr>
            );
          })}
          {court.length === 0 ? (
            <tr>
              <td colspan={6}>目前没有法院应办的期限。</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h2>全部强制执行案件</h2>
      <ul>
        {rows.map((r) => (
          <li>
            <a href={`/cases/${encodeURIComponent(r.workflowId)}`}>{r.caseNumber}</a> {r.title}：{r.stageLabel}
          </li>
        ))}
        {rows.length === 0 ? <li class="muted">暂无强制执行案件。</li> : null}
      </ul>
    </>,
  );
}

interface PlanUnit {
  departmentId: string;
  name: string;
  status: string;
  drafted: boolean;
  submitted: boolean;
  approved: boolean;
  filed: boolean;
  escalated: boolean;
}
interface Entrustment {
  workflowId: string;
  draftNumber: string;
  letterNumber: string | null;
  agencyName: string;
  orgName: string;
  termEnd: string;
  statusLabel: string;
}

const yes = (b: boolean) => (b ? '✓' : '—');

/** For the 安委办: cases by kind and stage, deadlines missed, plans by department, inspections, entrustments expiring. */
export async function showOverview(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  if (!seesDistrict(c.get('user'))) {
    return page(c, '全区概览', <Notice kind="error">全区概览仅供安委办、区政府领导和管理员查看。</Notice>, 403);
  }
  const db = dbOf(c);
  const api = apiFor(c, deps);
  const today = todayInShanghai(Date.now());
  const year = Number(c.req.query('year')) || Number(today.slice(0, 4));
  const [stages, tally, overdue, plansRes, completionRes, expiringRes] = await Promise.all([
    casesByKindAndStage(db),
    deadlineTally(db),
    overdueDeadlines(db, today, 20),
    api.get(`/api/plan-cycles/${year}/overview`),
    api.get(`/api/plan-cycles/${year}/completion`),
    api.get('/api/entrustments?expiringWithinDays=90&pageSize=50'),
  ]);
  const plans: PlanUnit[] | null = plansRes.ok ? plansRes.body.units : null;
  const quarterTotals = new Map<number, { planned: number; completed: number }>();
  for (const d of completionRes.ok
    ? (completionRes.body.departments as Array<{
        quarters: Array<{ quarter: number; planned: number; completed: number }>;
      }>)
    : []) {
    for (const q of d.quarters) {
      const t = quarterTotals.get(q.quarter) ?? { planned: 0, completed: 0 };
      quarterTotals.set(q.quarter, { planned: t.planned + q.planned, completed: t.completed + q.completed });
    }
  }
  const expiring: Entrustment[] | null = expiringRes.ok ? expiringRes.body.items : null;
  const kinds = [...new Set(stages.map((s) => s.kind))];
  const tallyKinds = [...new Set(tally.map((t) => t.kind))];
  const planSteps = [
    { text: '已制订', n: (plans ?? []).filter((p) => p.drafted).length },
    { text: '已报批', n: (plans ?? []).filter((p) => p.submitted).length },
    { text: '已批准', n: (plans ?? []).filter((p) => p.approved).length },
    { text: '已备案', n: (plans ?? []).filter((p) => p.filed).length },
  ];
  return page(
    c,
    '全区概览',
    <>
      <div class="grid">
        {kinds.map((k) => (
          <BarChart
            title={`${label(kindLabels, k)}（办理中，按阶段）`}
            bars={stages.filter((s) => s.kind === k).map((s) => ({ label: s.stageLabel, value: s.n }))}
          />
        ))}
        {kinds.length === 0 ? <p class="muted">目前没有办理中的案件。</p> : null}
        <BarChart
          title="法定期限逾期情况（按案件类别）"
          partLabel="按期完成"
          bars={tallyKinds.map((k) => {
            const of = (s: string) => tally.find((t) => t.kind === k && t.status === s)?.n ?? 0;
            return {
              label: `${label(kindLabels, k)}：逾期 ${of('missed')}`,
              value: of('met') + of('missed') + of('pending'),
              part: of('met'),
            };
          })}
        />
      </div>
      <h2>逾期期限</h2>
      <table class="responsive">
        <thead>
          <tr>
            <th scope="col">案件</th>
            <th scope="col">期限</th>
            <th scope="col">应办方</th>
            <th scope="col">届满日</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {overdue.map(({ c: k, d }) => (
            <tr class="overdue">
              <td data-label="案件">
                <a href={`/cases/${encodeURIComponent(k.workflowId)}`}>{k.caseNumber}</a> {label(kindLabels, k.kind)}
              </td>
              <td data-label="期限">{d.label}</td>
              <td data-label="应办方">{label(owedByLabels, d.owedBy)}</td>
              <td data-label="届满日">{d.dueDate}</td>
              <td data-label="状态">{deadlineState(d, today).text}</td>
            </tr>
          ))}
          {overdue.length === 0 ? (
            <tr>
              <td colspan={5}>没有逾期的期限。</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h2>{year} 年度监督检查计划（按部门）</h2>
      {plans === null ? (
        <p class="muted">{plansRes.status === 404 ? `${year} 年度计划编制周期尚未开启。` : '年度计划功能尚未上线。'}</p>
      ) : (
        <>
          <BarChart
            title={`${year} 年度计划：${plans.length} 个单位`}
            unit="个"
            bars={planSteps.map((p) => ({ label: p.text, value: p.n }))}
          />
          <table class="responsive">
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">已制订</th>
                <th scope="col">已报批</th>
                <th scope="col">已批准</th>
                <th scope="col">已备案</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr class={p.escalated ? 'overdue' : undefined}>
                  <td data-label="单位">
                    {p.name}
                    {p.escalated ? <span class="badge danger">逾期已督办</span> : null}
                  </td>
                  <td data-label="已制订">{yes(p.drafted)}</td>
                  <td data-label="已报批">{yes(p.submitted)}</td>
                  <td data-label="已批准">{yes(p.approved)}</td>
                  <td data-label="已备案">{yes(p.filed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>{year} 年监督检查完成情况（按季度）</h2>
      {!completionRes.ok ? (
        <p class="muted">暂无检查执行记录。</p>
      ) : (
        <BarChart
          title="已完成 / 计划检查"
          unit="次"
          partLabel="已完成"
          bars={[...quarterTotals]
            .sort(([a], [b]) => a - b)
            .map(([q, t]) => ({ label: `第${q}季度`, value: t.planned, part: t.completed }))}
        />
      )}
      <h2>90 日内到期的委托</h2>
      {expiring === null ? (
        <p class="muted">委托执法登记尚未上线。</p>
      ) : (
        <ul>
          {expiring.map((e) => (
            <li>
              <a href={`/cases/${encodeURIComponent(e.workflowId)}`}>{e.letterNumber ?? e.draftNumber}</a>{' '}
              {e.agencyName} 委托 {e.orgName}，{e.termEnd} 到期（{e.statusLabel}）
            </li>
          ))}
          {expiring.length === 0 ? <li class="muted">90 日内没有到期的委托。</li> : null}
        </ul>
      )}
    </>,
  );
}
