// Registers: entrustments (委托执法登记), random-inspection draws with their seeds, and the accident list.
import { casesFor } from '../../api/cases/console-reads';
import { fmtTime } from '../layout';
import { apiFor, dbOf, page, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';

interface Entrustment {
  workflowId: string;
  number: string;
  agencyName: string;
  orgName: string;
  termStart: string;
  termEnd: string;
  status: string;
}
interface Draw {
  id: string;
  departmentId: string;
  itemId: string;
  seedHash: string;
  seed: string | null;
  status: string;
  targetCount: number | null;
  drawnAt: string | null;
}

export async function showRegisters(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const api = apiFor(c, deps);
  const [entrustmentsRes, drawsRes, accidents] = await Promise.all([
    api.get('/api/entrustments?pageSize=200'),
    api.get('/api/random-inspections/draws'),
    casesFor(dbOf(c), c.get('user'), { kind: 'accident', pageSize: 100 }),
  ]);
  const entrustments: Entrustment[] | null = entrustmentsRes.ok
    ? entrustmentsRes.body.items.map((e: any) => ({
        workflowId: e.workflowId,
        number: e.letterNumber ?? e.draftNumber,
        agencyName: e.agencyName,
        orgName: e.orgName,
        termStart: e.termStart,
        termEnd: e.termEnd,
        status: e.statusLabel ?? e.status,
      }))
    : null;
  // The list carries the committed seed hash and, once drawn, the revealed seed.
  const draws: Draw[] | null = drawsRes.ok
    ? (drawsRes.body as any[]).slice(0, 30).map((d) => ({
        id: d.id,
        departmentId: d.departmentId,
        itemId: d.itemId,
        seedHash: d.seedHash,
        seed: d.seed ?? null,
        status: d.status,
        targetCount: d.targetCount ?? null,
        drawnAt: d.drawnAt,
      }))
    : null;
  return page(
    c,
    '登记簿',
    <>
      <h2 id="entrustments">委托执法登记</h2>
      {entrustments === null ? (
        <p class="muted">委托执法登记尚未上线。</p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">委托书</th>
              <th scope="col">委托机关</th>
              <th scope="col">受委托组织</th>
              <th scope="col">期限</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {entrustments.map((e) => (
              <tr>
                <td data-label="委托书">
                  <a href={`/cases/${encodeURIComponent(e.workflowId)}`}>{e.number}</a>
                </td>
                <td data-label="委托机关">{e.agencyName}</td>
                <td data-label="受委托组织">{e.orgName}</td>
                <td data-label="期限">
                  {e.termStart} 至 {e.termEnd}
                </td>
                <td data-label="状态">{e.status}</td>
              </tr>
            ))}
            {entrustments.length === 0 ? (
              <tr>
                <td colspan={5}>暂无委托。</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      )}
      <h2 id="accidents">事故调查案件</h2>
      <ul>
        {accidents.rows.map((r) => (
          <li>
            <a href={`/cases/${encodeURIComponent(r.workflowId)}`}>{r.caseNumber}</a> {r.title}：{r.stageLabel}
            {r.nextDeadline ? `（下一期限 ${r.nextDeadline}）` : ''}
          </li>
        ))}
        {accidents.rows.length === 0 ? <li class="muted">暂无事故调查案件。</li> : null}
      </ul>
      <h2 id="draws">双随机抽查</h2>
      {draws === null ? (
        <p class="muted">随机抽查功能尚未上线。</p>
      ) : (
        <table class="responsive">
          <caption>抽取记录：先公布种子哈希，抽取后公开种子，任何人可复核</caption>
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">部门与事项</th>
              <th scope="col">抽取对象数</th>
              <th scope="col">种子哈希</th>
              <th scope="col">种子</th>
              <th scope="col">抽取时间</th>
            </tr>
          </thead>
          <tbody>
            {draws.map((d) => (
              <tr>
                <td data-label="编号">{d.id}</td>
                <td data-label="部门与事项">
                  {d.departmentId} / {d.itemId}
                </td>
                <td data-label="抽取对象数">{d.targetCount ?? '—'}</td>
                <td data-label="种子哈希">
                  <code>{d.seedHash.slice(0, 16)}…</code>
                </td>
                <td data-label="种子">{d.seed ? <code>{d.seed}</code> : '未公开（尚未抽取）'}</td>
                <td data-label="抽取时间">{fmtTime(d.drawnAt || null)}</td>
              </tr>
            ))}
            {draws.length === 0 ? (
              <tr>
                <td colspan={6}>暂无抽取记录。</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      )}
    </>,
  );
}
