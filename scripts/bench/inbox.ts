// 3. Inbox: GET /api/tasks?view=department over a large tasks table, its query plan, against GET /health.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { BenchConfig } from './config';
import type { BenchSystem } from './system';
import { fmt, ms, now, ratio, runPool, summarise, type Row } from './stats';

const head = 'yjj-head';
const department = 'yjj';

/**
 * Fills the inbox with `total` rows spread over every seeded user (so over every unit); one in ten open.
 * Ids are 't_' + 24 hex digits like real ones ('b' then the zero-padded row number).
 */
export async function fillTasks(
  db: Db,
  total: number,
  userRows: Array<{ id: string; departmentId: string }>,
  log: (s: string) => void,
): Promise<void> {
  const ids = JSON.stringify(userRows.map((u) => u.id));
  const depts = JSON.stringify(userRows.map((u) => u.departmentId));
  const n = userRows.length;
  const chunk = 250_000;
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    const t0 = now();
    await db.execute(sql`
      insert into tasks (id, workflow_id, workflow_kind, case_id, case_title, case_department_id, kind, step_id, \
step_instance, step_name, mode,
                         assignee_id, assignee_department_id, status, outcome, due_date, due_at, provisional, overdue, \
opened_at, closed_at, version)
      select 't_b' || lpad(to_hex(g), 23, '0'), 'bench-inbox-' || (g / 3), 'bench', 'BENCH-I-' || (g / 3), '压测案件 ' || \
(g / 3),
             u.dept, 'approval', 'department-head', 'department-head#1', '部门负责人审核', 'any-of',
             u.id, u.dept,
             case when g % 10 = 0 then 'open' else 'done' end,
             case when g % 10 = 0 then null else 'approved' end,
             d.due, (d.due + time '23:59:59') at time zone 'Asia/Shanghai', false, false,
             now() - (g % 2000) * interval '1 hour',
             case when g % 10 = 0 then null else now() end,
             1
      from generate_series(${from}::int, ${to}::int) as g
      cross join lateral (select ${ids}::jsonb ->> ((g / 10) % ${n}::int) as id, ${depts}::jsonb ->> ((g / 10) % \
${n}::int) as dept) as u
      cross join lateral (select (now() at time zone 'Asia/Shanghai')::date - 30 + ((g::bigint * 7919) % 90)::int as \
due) as d
      on conflict (id) do nothing`);
    log(`inbox: inserted rows ${from}–${to} in ${fmt((now() - t0) / 1000, 1)} s`);
  }
  await db.execute(sql`vacuum analyze tasks`);
}

/** Rows of db.execute: an array with postgres.js, `{ rows }` with PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

function planText(result: unknown): string {
  const rows = rowsOf<Record<string, string>>(result);
  return rows.map((r) => r['QUERY PLAN'] ?? Object.values(r)[0]).join('\n');
}

/** The route's two statements (api/routes/tasks.ts, view=department, first page of 20), written out in SQL. */
export async function explainInbox(db: Db, departmentId: string) {
  const page = planText(
    await db.execute(sql`explain (analyze, buffers)
      select * from tasks where assignee_department_id = ${departmentId} and status = 'open'
      order by due_at asc, id asc limit 20 offset 0`),
  );
  const count = planText(
    await db.execute(
      sql`explain (analyze, buffers) select count(*) from tasks where assignee_department_id = ${departmentId} and \
status = 'open'`,
    ),
  );
  const usesIndex = (plan: string) =>
    /Index (Only )?Scan|Bitmap Index Scan/.test(plan) && !/Seq Scan on tasks/.test(plan);
  return { page, count, pageUsesIndex: usesIndex(page), countUsesIndex: usesIndex(count) };
}

export async function latencyOf(sys: BenchSystem, requests: number, path: string, token?: string) {
  const run = await runPool(requests, 1, async () => {
    const res = await sys.http('GET', path, { token });
    if (res.status !== 200) throw new Error(`GET ${path} ${res.status}`);
  });
  return summarise(run.latencies, run.errors);
}

export async function measureInbox(sys: BenchSystem, cfg: BenchConfig, log: (s: string) => void) {
  const db = sys.database.db;
  const userRows = rowsOf<{ id: string; departmentId: string }>(
    await db.execute(
      sql`select id, department_id as "departmentId" from users where department_id not like 'bench%' order by id`,
    ),
  );
  const t0 = now();
  await fillTasks(db, cfg.taskRows, userRows, log);
  const fillSeconds = (now() - t0) / 1000;
  const [{ total, open, mine } = { total: 0, open: 0, mine: 0 }] = rowsOf<{
    total: number;
    open: number;
    mine: number;
  }>(
    await db.execute(
      sql`select count(*)::int as total, count(*) filter (where status = 'open')::int as open,
                 count(*) filter (where status = 'open' and assignee_department_id = ${department})::int as mine from \
tasks`,
    ),
  );

  const token = await sys.login(head);
  const first = await sys.http('GET', '/api/tasks?view=department', { token });
  if (first.status !== 200)
    throw new Error(`GET /api/tasks ${first.status}: ${JSON.stringify(first.body).slice(0, 200)}`);
  if (first.body.total !== mine) log(`inbox: WARNING the route reports total ${first.body.total}, SQL counts ${mine}`);
  await latencyOf(sys, 20, '/api/tasks?view=department', token); // warm-up
  await latencyOf(sys, 20, '/health');
  const inbox = await latencyOf(sys, cfg.inboxRequests, '/api/tasks?view=department', token);
  const health = await latencyOf(sys, cfg.inboxRequests, '/health');
  const plan = await explainInbox(db, department);
  log(
    `inbox: query plan of the page (department ${department}):\n${plan.page}\ninbox: query plan of the \
count:\n${plan.count}`,
  );
  if (!plan.pageUsesIndex || !plan.countUsesIndex)
    log('inbox: WARNING a sequential scan on tasks — an index is missing');

  const rows: Row[] = [
    {
      measurement: '3 inbox',
      metric: `GET /api/tasks?view=department p50 (${total} rows, ${open} open, ${mine} for ${department})`,
      value: ms(inbox.p50),
      baseline: ms(health.p50),
      ratio: ratio(inbox.p50, health.p50),
    },
    {
      measurement: '3 inbox',
      metric: `p99 (${cfg.inboxRequests} sequential requests; baseline GET /health)`,
      value: ms(inbox.p99),
      baseline: ms(health.p99),
      ratio: ratio(inbox.p99, health.p99),
      target: '<= 20 ms',
    },
    {
      measurement: '3 inbox',
      metric: 'query plan uses an index (page / count)',
      value: `${plan.pageUsesIndex ? 'yes' : 'NO'} / ${plan.countUsesIndex ? 'yes' : 'NO'}`,
      baseline: '',
      ratio: '',
    },
  ];
  return { rows, json: { rows: total, open, openForDepartment: mine, fillSeconds, inbox, health, plan } };
}
