// The enforcement case's workbench on its case page: what is owed by whom and by when (fine, surcharge to date,
// amount due, payments, instalments, the challenge and court-application windows, each with its article), and the
// forms for the actions this user may take now. Everything is read from and posted to the API.
import type { Child } from 'hono/jsx';
import { getLegalBasis } from '../../../domain/legal-basis';
import { todayInShanghai } from '../../../domain/dates';
import { finalDueDate } from '../../../domain/enforcement-balance';
import type { EnforcementView } from '../../../workflows/enforcement/types';
import type { ApiResult } from '../../api-client';
import { Notice } from '../../layout';
import {
  challengeKindLabels,
  challengeOutcomeLabels,
  deferralKindLabels,
  deferralStatusLabels,
  label,
} from '../../labels';
import { apiFor, type ConsoleDeps } from '../../page';
import type { ConsoleContext } from '../../session';
import {
  ChallengeForm,
  CourtReviewForm,
  DeferralForm,
  DemandServiceForm,
  MaterialsForm,
  PaymentForm,
  StatementForm,
  type BenchForm,
  type FormContext,
} from './forms';
import { cnDate, dayAfter, yuan } from './format';

const citation = (id: Parameters<typeof getLegalBasis>[0]): string => {
  try {
    return getLegalBasis(id).citation;
  } catch {
    return '—';
  }
};

const beforeCourt = ['payment', 'overdue', 'challenged'];

/** The enforcement case as GET /api/enforcement-cases/:n returns it. */
export interface EnforcementDetail {
  caseNumber: string;
  workflowId: string;
  departmentId: string;
  status: 'open' | 'closed';
  stage: string;
  stageLabel: string;
  balance: EnforcementView['balance'] | null;
  case: EnforcementView;
  approval: unknown;
  timeline: Array<{ action: string; actor: string | null }>;
}

export async function fetchEnforcement(
  c: ConsoleContext,
  deps: ConsoleDeps,
  caseNumber: string,
): Promise<ApiResult<EnforcementDetail>> {
  return apiFor(c, deps).get(`/api/enforcement-cases/${encodeURIComponent(caseNumber)}`);
}

/** Who may act on the case at all (the API's rule): an officer or head of the deciding department, while open. */
export const mayAct = (c: ConsoleContext, d: EnforcementDetail): boolean =>
  d.status === 'open' &&
  c.get('user').departmentId === d.departmentId &&
  c.get('user').roles.some((r) => r === 'officer' || r === 'department-head');

/** Money owed: fine, surcharge to date (capped at the fine), paid, due. */
export function MoneyFacts({ d }: { d: EnforcementDetail }) {
  const b = d.balance;
  const v = d.case;
  if (!b) return <p class="muted">本案没有罚款。</p>;
  return (
    <dl class="facts money">
      <dt>当事人</dt>
      <dd>{v.party?.name ?? '—'}</dd>
      <dt>罚款</dt>
      <dd data-money="fine">{yuan(b.fineFen)}</dd>
      <dt>加处罚款</dt>
      <dd data-money="surcharge">
        {yuan(b.surchargeFen)}
        <span class="muted">
          （截至{cnDate(b.asOf)}，逾期 {b.overdueDays} 日，每日按罚款的百分之三{b.capped ? '，已达罚款数额上限' : ''}；
          {citation('enforcement.surcharge')}）
        </span>
      </dd>
      {v.deferral?.status === 'approved' ? (
        <>
          <dt>计算说明</dt>
          <dd class="note">
            经批准{label(deferralKindLabels, v.deferral.kind)}
            ，加处罚款按批准的缴纳期限计算，原缴款期限届满后的逾期天数不再计入（
            {citation('enforcement.deferral')}）。
          </dd>
        </>
      ) : null}
      <dt>已缴</dt>
      <dd data-money="paid">{yuan(b.paidFen)}</dd>
      <dt>应缴合计</dt>
      <dd data-money="due">
        <strong>{yuan(b.totalDueFen)}</strong>
        {b.settled ? <span class="badge ok">已缴清</span> : null}
        <span class="muted">
          （尚欠罚款 {yuan(b.outstandingFineFen)}，加处罚款 {yuan(b.outstandingSurchargeFen)}）
        </span>
      </dd>
    </dl>
  );
}

/** What is owed by whom and by when, each with its article. */
function Windows({ d, today }: { d: EnforcementDetail; today: string }) {
  const v = d.case;
  const w = v.windows;
  const closed = d.status === 'closed';
  const state = (due: string | undefined, right: boolean, done?: boolean) =>
    !due
      ? '—'
      : done
        ? '已办理'
        : due < today
          ? right
            ? '已届满（未申请）'
            : '已逾期'
          : closed
            ? '已结案，无需办理'
            : '进行中';
  const filed = (kind: string) => v.challenges.some((ch) => ch.kind === kind);
  const planned = v.deferral?.status === 'approved' ? finalDueDate(v.money) : undefined;
  const fineSettled = d.balance?.outstandingFineFen === 0;
  const rows: Array<[string, string, string | undefined, string, string]> = [
    ...(planned
      ? ([
          [
            v.deferral?.kind === 'instalments' ? '缴纳罚款（经批准分期，最后一期）' : '缴纳罚款（经批准暂缓）',
            '当事人',
            planned,
            state(planned, false, fineSettled),
            citation('enforcement.deferral'),
          ],
        ] as Array<[string, string, string | undefined, string, string]>)
      : []),
    [
      planned ? '缴纳罚款（原期限）' : '缴纳罚款',
      '当事人',
      v.money.paymentDeadline,
      planned ? '已由批准的缴纳期限代替' : state(v.money.paymentDeadline, false, fineSettled),
      citation('enforcement.payment'),
    ],
    [
      '申请行政复议',
      '当事人',
      w.reconsiderationEnds,
      state(w.reconsiderationEnds, true, filed('reconsideration')),
      citation('enforcement.reconsideration-window'),
    ],
    [
      '提起行政诉讼',
      '当事人',
      w.litigationEnds,
      state(w.litigationEnds, true, filed('litigation')),
      citation('enforcement.litigation-window'),
    ],
    [
      '可以申请人民法院强制执行（起）',
      '本机关',
      w.courtPathOpensAfter ? dayAfter(w.courtPathOpensAfter) : undefined,
      closed ? '已结案，无需办理' : w.courtPathOpensAfter && w.courtPathOpensAfter < today ? '已可申请' : '尚未开始',
      citation('enforcement.court-application'),
    ],
    [
      '申请人民法院强制执行（止）',
      '本机关',
      w.courtApplicationDue,
      state(w.courtApplicationDue, false, Boolean(v.court?.filedOn)),
      citation('enforcement.court-application'),
    ],
  ];
  return (
    <table class="responsive" aria-label="缴款和救济期限">
      <thead>
        <tr>
          <th scope="col">事项</th>
          <th scope="col">应办方</th>
          <th scope="col">届满日</th>
          <th scope="col">状态</th>
          <th scope="col">法律依据</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([what, who, due, st, basis]) => (
          <tr>
            <td data-label="事项">{what}</td>
            <td data-label="应办方">{who}</td>
            <td data-label="届满日">{cnDate(due)}</td>
            <td data-label="状态">{st}</td>
            <td data-label="法律依据">{basis}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The deferral or instalment plan, if any: kind, state, dates and amounts. */
export function DeferralFacts({ v }: { v: EnforcementView }) {
  const df = v.deferral;
  if (!df) return null;
  return (
    <div class="deferral">
      <p>
        {label(deferralKindLabels, df.kind)}：{label(deferralStatusLabels, df.status)}
        {df.deferredTo ? `；暂缓至${cnDate(df.deferredTo)}` : ''}
        <span class="muted">（{citation('enforcement.deferral')}）</span>
      </p>
      {df.instalments?.length ? (
        <table class="responsive" aria-label="分期缴纳计划">
          <thead>
            <tr>
              <th scope="col">期次</th>
              <th scope="col">缴纳日期</th>
              <th scope="col">金额</th>
            </tr>
          </thead>
          <tbody>
            {df.instalments.map((i, n) => (
              <tr>
                <td data-label="期次">第{n + 1}期</td>
                <td data-label="缴纳日期">{cnDate(i.dueDate)}</td>
                <td data-label="金额">{yuan(i.amountFen)}</td>
              </tr>
            ))}
            <tr>
              <td data-label="期次">合计</td>
              <td data-label="缴纳日期">—</td>
              <td data-label="金额">{yuan(df.instalments.reduce((s, i) => s + i.amountFen, 0))}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** The forms for what this user may do now, judged from the stage (mirrors the workflow's validators). */
function Forms({ c, d, form }: { c: ConsoleContext; d: EnforcementDetail; form?: BenchForm }) {
  if (!mayAct(c, d)) return null;
  const v = d.case;
  const stage = v.stage;
  const ctx: FormContext = {
    actionUrl: `/cases/${encodeURIComponent(d.workflowId)}/actions`,
    csrf: c.get('csrf'),
    today: todayInShanghai(Date.now()),
    form,
  };
  const pending = v.challenges.find((ch) => !ch.decidedOn);
  const items: Child[] = [];
  if (d.balance && !d.balance.settled)
    items.push(<PaymentForm ctx={ctx} basis={citation('enforcement.payment')} dueFen={d.balance.totalDueFen} />);
  if (
    beforeCourt.includes(stage) &&
    v.deferral?.status !== 'pending' &&
    v.money.fineFen > 0 &&
    (d.balance?.paidFen ?? 0) === 0
  )
    items.push(<DeferralForm ctx={ctx} basis={citation('enforcement.deferral')} />);
  if (pending || beforeCourt.includes(stage))
    items.push(
      <ChallengeForm
        ctx={ctx}
        basis={
          `${citation('enforcement.reconsideration-window')}；${citation('enforcement.litigation-window')}` +
          `；${citation('enforcement.surcharge-pause')}`
        }
        pending={pending}
      />,
    );
  if (stage === 'demand' && v.demand)
    items.push(<DemandServiceForm ctx={ctx} basis={citation('enforcement.demand')} documentNo={v.demand.documentNo} />);
  if (stage === 'demand-wait' && v.demand?.servedOn && !v.statement)
    items.push(<StatementForm ctx={ctx} basis="《行政强制法》第三十六条" />);
  if (['demand', 'demand-wait', 'statement-review', 'materials'].includes(stage))
    items.push(<MaterialsForm ctx={ctx} basis={citation('enforcement.application-materials')} />);
  if (stage === 'acceptance-refused')
    items.push(
      <CourtReviewForm
        ctx={ctx}
        basis={citation('enforcement.acceptance-review-application')}
        event="filed"
        outcomes={[]}
      />,
    );
  if (stage === 'refusal-ruled')
    items.push(
      <CourtReviewForm
        ctx={ctx}
        basis={citation('enforcement.refusal-review-application')}
        event="filed"
        outcomes={[]}
      />,
    );
  if (stage === 'acceptance-review')
    items.push(
      <CourtReviewForm
        ctx={ctx}
        basis={citation('enforcement.acceptance-review-ruling')}
        event="decided"
        outcomes={['accepted', 'refused']}
      />,
    );
  if (stage === 'refusal-review')
    items.push(
      <CourtReviewForm
        ctx={ctx}
        basis={citation('enforcement.refusal-review-ruling')}
        event="decided"
        outcomes={['enforce', 'refused']}
      />,
    );
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="bench-actions-h">
      <h2 id="bench-actions-h">可办理事项</h2>
      <div class="bench-forms">{items}</div>
    </section>
  );
}

/** The whole workbench: money, windows, payments, plan, challenges, then the forms. */
export function EnforcementBench({ c, d, form }: { c: ConsoleContext; d: EnforcementDetail; form?: BenchForm }) {
  const v = d.case;
  const today = todayInShanghai(Date.now());
  return (
    <>
      <section class="card" aria-labelledby="money-h">
        <h2 id="money-h">应缴金额</h2>
        <MoneyFacts d={d} />
      </section>
      <section aria-labelledby="windows-h">
        <h2 id="windows-h">缴款和救济期限</h2>
        <Windows d={d} today={today} />
      </section>
      <section aria-labelledby="payments-h">
        <h2 id="payments-h">缴款记录</h2>
        {v.money.payments.length === 0 ? <p class="muted">尚未缴款。</p> : null}
        {v.money.payments.length > 0 ? (
          <table class="responsive" aria-label="缴款记录">
            <thead>
              <tr>
                <th scope="col">缴款日期</th>
                <th scope="col">金额</th>
              </tr>
            </thead>
            <tbody>
              {v.money.payments.map((p) => (
                <tr>
                  <td data-label="缴款日期">{cnDate(p.date)}</td>
                  <td data-label="金额">{yuan(p.amountFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <DeferralFacts v={v} />
        {v.challenges.length > 0 ? (
          <ul aria-label="复议和诉讼">
            {v.challenges.map((ch) => (
              <li>
                {label(challengeKindLabels, ch.kind)}：{cnDate(ch.filedOn)}申请（起诉）
                {ch.decidedOn
                  ? `，${cnDate(ch.decidedOn)}${label(challengeOutcomeLabels, ch.outcome)}`
                  : '，尚未审结（加处罚款暂停计算）'}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <Forms c={c} d={d} form={form} />
    </>
  );
}

/** For the case page: the workbench of an enforcement case, or a notice when the API cannot give it. */
export async function enforcementWorkbench(
  c: ConsoleContext,
  deps: ConsoleDeps,
  caseNumber: string,
  form?: BenchForm,
): Promise<Child> {
  const res = await fetchEnforcement(c, deps, caseNumber);
  if (!res.ok) return <Notice kind="error">{res.problem?.detail ?? res.problem?.title}</Notice>;
  return <EnforcementBench c={c} d={res.body} form={form} />;
}
