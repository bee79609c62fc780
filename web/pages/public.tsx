// Public pages, no login: disclosed accident investigation reports; blacklist and violation-record query.
import { apiClient, errorsByField } from '../api-client';
import { publishedAccidentReports } from '../data/district';
import { Field, Layout, Notice, fmtTime } from '../layout';
import type { ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';

interface AccidentReport {
  caseNumber: string;
  title: string;
  levelName: string;
  enterpriseName: string;
  occurredOn: string;
  approvedOn: string;
  publishedAt: string;
  documentUrl: string;
  evaluationUrl: string;
}

interface Violation {
  enterpriseName: string;
  unifiedSocialCreditCode: string;
  reason: string;
  decisionNo: string;
  restrictions: string[];
  startsOn: string;
  endsOn: string;
  statusLabel: string;
}

/** From the public API (GET /api/public/accident-reports); the table itself only while that route is not mounted. */
export async function showPublicAccidents(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const res = await apiClient(deps.api, undefined, c.get('requestId')).get('/api/public/accident-reports');
  const reports: AccidentReport[] | null = res.ok
    ? res.body.map((r: AccidentReport) => ({ ...r, evaluationUrl: r.evaluationUrl ?? '' }))
    : await publishedAccidentReports(c.get('deps').database.db);
  return c.html(
    <Layout title="事故调查报告公开">
      <p>
        依据《生产安全事故报告和调查处理条例》第三十四条，事故处理情况由负责事故调查的人民政府或其授权的有关部门、机构向社会公布。
      </p>
      {reports === null ? <Notice kind="error">事故调查报告公开功能尚未上线。</Notice> : null}
      {reports !== null ? (
        <table class="responsive">
          <caption>已公开的事故调查报告（共 {reports.length} 份）</caption>
          <thead>
            <tr>
              <th scope="col">报告</th>
              <th scope="col">事故等级</th>
              <th scope="col">发生单位</th>
              <th scope="col">发生日期</th>
              <th scope="col">批复日期</th>
              <th scope="col">公开时间</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr>
                <td data-label="报告">
                  {/^https?:\/\//.test(r.documentUrl) ? <a href={r.documentUrl}>{r.title}</a> : r.title}
                  <div class="muted">{r.caseNumber}</div>
                  {r.evaluationUrl && /^https?:\/\//.test(r.evaluationUrl) ? (
                    <a href={r.evaluationUrl}>结案评估</a>
                  ) : null}
                </td>
                <td data-label="事故等级">{r.levelName}</td>
                <td data-label="发生单位">{r.enterpriseName}</td>
                <td data-label="发生日期">{r.occurredOn}</td>
                <td data-label="批复日期">{r.approvedOn}</td>
                <td data-label="公开时间">{fmtTime(r.publishedAt)}</td>
              </tr>
            ))}
            {reports.length === 0 ? (
              <tr>
                <td colspan={6}>目前没有已公开的事故调查报告。</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
    </Layout>,
  );
}

/** The query goes to the public API (GET /api/public/violations), in-process and without a token. */
export async function showPublicBlacklist(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const asked = c.req.query('q');
  const q = (asked ?? '').trim().slice(0, 100);
  let error: string | undefined;
  let results: Violation[] | null | undefined;
  if (asked !== undefined) {
    const res = await apiClient(deps.api, undefined, c.get('requestId')).get(
      `/api/public/violations?q=${encodeURIComponent(q)}`,
    );
    if (res.ok) results = res.body.blacklist;
    else if (res.status === 404) results = null;
    else error = errorsByField(res.problem).q ?? res.problem?.detail ?? '查询失败';
  }
  return c.html(
    <Layout title="黑名单与违法记录查询">
      <form class="stack card" method="get" action="/public/blacklist" role="search">
        <Field id="q" label="单位名称或统一社会信用代码" error={error} required>
          <input
            id="q"
            name="q"
            value={q}
            maxlength={100}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'q-error' : undefined}
          />
        </Field>
        <div>
          <button type="submit">查询</button>
        </div>
      </form>
      {results === null ? <Notice kind="error">黑名单公示功能尚未上线。</Notice> : null}
      {results ? (
        <table class="responsive">
          <caption>
            「{q}」的查询结果：{results.length} 条
          </caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">事由</th>
              <th scope="col">决定文号</th>
              <th scope="col">惩戒期限</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr>
                <td data-label="单位">
                  {r.enterpriseName}
                  <div class="muted">{r.unifiedSocialCreditCode}</div>
                </td>
                <td data-label="事由">
                  {r.reason}
                  {r.restrictions.length ? <div class="muted">惩戒措施：{r.restrictions.join('、')}</div> : null}
                </td>
                <td data-label="决定文号">{r.decisionNo}</td>
                <td data-label="惩戒期限">
                  {r.startsOn} 至 {r.endsOn}
                </td>
                <td data-label="状态">{r.statusLabel}</td>
              </tr>
            ))}
            {results.length === 0 ? (
              <tr>
                <td colspan={5}>未查到该单位的黑名单或违法记录。</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
    </Layout>,
  );
}
