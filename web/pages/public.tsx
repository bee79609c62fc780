// Public pages, no login: disclosed accident investigation reports; blacklist and violation-record query.
import type { Context } from 'hono';
import type { AppEnv } from '../../api/context';
import { blacklistQuery, publishedAccidentReports } from '../data/district';
import { Field, Layout, Notice, fmtTime } from '../layout';

const blacklistStatus: Record<string, string> = { listed: '列入中', removed: '已移出' };

export async function showPublicAccidents(c: Context<AppEnv>): Promise<Response> {
  const reports = await publishedAccidentReports(c.get('deps').database.db);
  return c.html(
    <Layout title="事故调查报告公开">
      <p>依据《生产安全事故报告和调查处理条例》第三十四条，事故处理情况由负责事故调查的人民政府或其授权的有关部门、机构向社会公布。</p>
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
                  {r.evaluationUrl && /^https?:\/\//.test(r.evaluationUrl) ? <a href={r.evaluationUrl}>结案评估</a> : null}
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

export async function showPublicBlacklist(c: Context<AppEnv>): Promise<Response> {
  const q = (c.req.query('q') ?? '').trim().slice(0, 60);
  const error = c.req.query('q') !== undefined && q.length < 2 ? '请输入至少 2 个字的单位名称，或 18 位统一社会信用代码' : undefined;
  const results = q.length >= 2 ? await blacklistQuery(c.get('deps').database.db, q) : undefined;
  return c.html(
    <Layout title="黑名单与违法记录查询">
      <form class="stack card" method="get" action="/public/blacklist" role="search">
        <Field id="q" label="单位名称或统一社会信用代码" error={error} required>
          <input id="q" name="q" value={q} minlength={2} maxlength={60} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'q-error' : undefined} />
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
                  <div class="muted">{r.creditCode}</div>
                </td>
                <td data-label="事由">{r.reason}</td>
                <td data-label="决定文号">{r.decisionNo}</td>
                <td data-label="惩戒期限">
                  {r.startsOn} 至 {r.endsOn}
                </td>
                <td data-label="状态">{blacklistStatus[r.status] ?? r.status}</td>
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
