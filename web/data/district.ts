// Reads of the workflow-specific registers (plans, inspections, entrustments, published reports, blacklist) for
// the overview and the public pages. Those tables are owned by other features and may not exist yet in a given
// database, so each read is raw SQL that answers `null` ("not available") instead of failing the page.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';

type Row = Record<string, unknown>;

async function rows(db: Db, query: SQL): Promise<Row[] | null> {
  try {
    const result = (await db.execute(query)) as unknown;
    return Array.isArray(result) ? (result as Row[]) : (((result as { rows?: Row[] }).rows ?? []) as Row[]);
  } catch {
    return null;
  }
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v));
const num = (v: unknown): number => Number(v ?? 0);

/** Annual plans of a year by department and status (drafted, submitted, approved, filed…). */
export async function plansByDepartment(db: Db, year: number): Promise<Array<{ departmentId: string; departmentName: string; status: string; dueDate: string }> | null> {
  const r = await rows(db, sql`select p.department_id, coalesce(d.name, p.department_id) as department_name, p.status, p.due_date from annual_plans p left join departments d on d.id = p.department_id where p.year = ${year} order by p.department_id`);
  return r?.map((x) => ({ departmentId: str(x.department_id), departmentName: str(x.department_name), status: str(x.status), dueDate: str(x.due_date).slice(0, 10) })) ?? null;
}

/** Inspections completed per quarter of a year (planned_inspections.completed_on). */
export async function inspectionsPerQuarter(db: Db, year: number): Promise<Array<{ quarter: number; planned: number; completed: number }> | null> {
  const r = await rows(db, sql`select quarter, count(*) as planned, count(completed_on) as completed from planned_inspections where year = ${year} group by quarter order by quarter`);
  return r?.map((x) => ({ quarter: num(x.quarter), planned: num(x.planned), completed: num(x.completed) })) ?? null;
}

/** Entrustments in force whose term ends on or before `until`. */
export async function entrustmentsExpiring(db: Db, until: string): Promise<Array<{ workflowId: string; number: string; orgName: string; agencyName: string; termEnd: string; status: string }> | null> {
  const r = await rows(db, sql`select workflow_id, coalesce(letter_number, draft_number) as number, org_name, agency_name, term_end, status from entrustments where status in ('active', 'expiring') and term_end <= ${until} order by term_end limit 50`);
  return r?.map((x) => ({ workflowId: str(x.workflow_id), number: str(x.number), orgName: str(x.org_name), agencyName: str(x.agency_name), termEnd: str(x.term_end).slice(0, 10), status: str(x.status) })) ?? null;
}

/** The entrustment register. */
export async function entrustmentRegister(db: Db): Promise<Array<{ workflowId: string; number: string; orgName: string; agencyName: string; termStart: string; termEnd: string; status: string }> | null> {
  const r = await rows(db, sql`select workflow_id, coalesce(letter_number, draft_number) as number, org_name, agency_name, term_start, term_end, status from entrustments order by term_end desc limit 200`);
  return r?.map((x) => ({ workflowId: str(x.workflow_id), number: str(x.number), orgName: str(x.org_name), agencyName: str(x.agency_name), termStart: str(x.term_start).slice(0, 10), termEnd: str(x.term_end).slice(0, 10), status: str(x.status) })) ?? null;
}

/** Random-inspection draws with their committed seed hash and revealed seed. */
export async function randomDrawList(db: Db): Promise<Array<{ id: string; departmentId: string; itemId: string; seedHash: string; seed: string; status: string; targetCount: number; drawnAt: string }> | null> {
  const r = await rows(db, sql`select id, department_id, item_id, seed_hash, seed, status, target_count, drawn_at from random_draws order by committed_at desc limit 100`);
  return r?.map((x) => ({ id: str(x.id), departmentId: str(x.department_id), itemId: str(x.item_id), seedHash: str(x.seed_hash), seed: str(x.seed), status: str(x.status), targetCount: num(x.target_count), drawnAt: str(x.drawn_at) })) ?? null;
}

/** Accident investigation reports disclosed to the public (published_reports). */
export async function publishedAccidentReports(db: Db): Promise<Array<{ caseNumber: string; title: string; levelName: string; enterpriseName: string; occurredOn: string; approvedOn: string; publishedAt: string; documentUrl: string; evaluationUrl: string }> | null> {
  const r = await rows(db, sql`select case_number, title, level_name, enterprise_name, occurred_on, approved_on, published_at, document_url, evaluation_url from published_reports order by published_at desc limit 200`);
  return r?.map((x) => ({ caseNumber: str(x.case_number), title: str(x.title), levelName: str(x.level_name), enterpriseName: str(x.enterprise_name), occurredOn: str(x.occurred_on).slice(0, 10), approvedOn: str(x.approved_on).slice(0, 10), publishedAt: str(x.published_at), documentUrl: str(x.document_url), evaluationUrl: str(x.evaluation_url) })) ?? null;
}

/** Publicly listed blacklist entries matching a name or unified social credit code. */
export async function blacklistQuery(db: Db, q: string): Promise<Array<{ enterpriseName: string; creditCode: string; reason: string; decisionNo: string; startsOn: string; endsOn: string; status: string; entryNo: string }> | null> {
  const like = `%${q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  const r = await rows(db, sql`select enterprise_name, credit_code, reason, decision_no, starts_on, ends_on, status, entry_no from blacklist_entries where status in ('listed', 'removed') and (enterprise_name ilike ${like} or credit_code = ${q.toUpperCase()}) order by listed_on desc nulls last limit 50`);
  return r?.map((x) => ({ enterpriseName: str(x.enterprise_name), creditCode: str(x.credit_code), reason: str(x.reason), decisionNo: str(x.decision_no), startsOn: str(x.starts_on).slice(0, 10), endsOn: str(x.ends_on).slice(0, 10), status: str(x.status), entryNo: str(x.entry_no) })) ?? null;
}
