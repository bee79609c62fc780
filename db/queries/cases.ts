// Read-only queries over the case projections (cases, case_deadlines, audit_log) for the console's lists,
// timelines and trackers. Who may see which case is the API's access policy; it hands these queries the SQL
// condition (`visible`) a row must meet.
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog, caseDeadlines, cases, users } from '../schema';

export type CaseRow = typeof cases.$inferSelect;
export type DeadlineRow = typeof caseDeadlines.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

export interface CaseFilter {
  kind?: string;
  status?: 'open' | 'closed';
  q?: string;
  page?: number;
  pageSize?: number;
}

export const casePageSize = 30;

/** A page of the cases meeting `visible` (the access policy's condition) and the filter. */
export async function listCases(
  db: Db,
  visible: SQL | undefined,
  f: CaseFilter,
): Promise<{ rows: CaseRow[]; total: number }> {
  const filters: (SQL | undefined)[] = [visible];
  if (f.kind) filters.push(eq(cases.kind, f.kind as CaseRow['kind']));
  if (f.status) filters.push(eq(cases.status, f.status));
  if (f.q) filters.push(or(ilike(cases.caseNumber, `%${f.q}%`), ilike(cases.title, `%${f.q}%`)));
  const where = and(...filters);
  const page = Math.max(1, f.page ?? 1);
  const size = f.pageSize ?? casePageSize;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select()
      .from(cases)
      .where(where)
      .orderBy(desc(cases.updatedAt))
      .limit(size)
      .offset((page - 1) * size),
    db.select({ total: count() }).from(cases).where(where),
  ]);
  return { rows, total: Number(total) };
}

/** One case meeting `visible`, by workflow id; undefined when it does not exist or is not theirs to see. */
export async function findCase(db: Db, visible: SQL | undefined, workflowId: string): Promise<CaseRow | undefined> {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.workflowId, workflowId), visible))
    .limit(1);
  return row;
}

export async function deadlinesOf(db: Db, workflowIds: string[]): Promise<DeadlineRow[]> {
  if (workflowIds.length === 0) return [];
  return db
    .select()
    .from(caseDeadlines)
    .where(inArray(caseDeadlines.workflowId, workflowIds))
    .orderBy(asc(caseDeadlines.dueDate), asc(caseDeadlines.key));
}

/** Every recorded step of a case: the audit records by case number or workflow id, oldest first. */
export async function auditOf(db: Db, c: CaseRow): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(or(eq(auditLog.caseId, c.caseNumber), eq(auditLog.workflowId, c.workflowId)))
    .orderBy(asc(auditLog.seq));
}

export async function userNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: users.id, name: users.name }).from(users);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Open cases per kind and stage: the 安委办's district picture. */
export async function casesByKindAndStage(
  db: Db,
): Promise<Array<{ kind: string; stage: string; stageLabel: string; n: number }>> {
  const rows = await db
    .select({ kind: cases.kind, stage: cases.stage, stageLabel: cases.stageLabel, n: count() })
    .from(cases)
    .where(eq(cases.status, 'open'))
    .groupBy(cases.kind, cases.stage, cases.stageLabel)
    .orderBy(asc(cases.kind), asc(cases.stage));
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Deadlines by kind and status (met / missed / pending) across every case. */
export async function deadlineTally(db: Db): Promise<Array<{ kind: string; status: string; n: number }>> {
  const rows = await db
    .select({ kind: cases.kind, status: caseDeadlines.status, n: count() })
    .from(caseDeadlines)
    .innerJoin(cases, eq(cases.workflowId, caseDeadlines.workflowId))
    .groupBy(cases.kind, caseDeadlines.status);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Deadlines past their due day and not met: missed, or still pending after the due day. */
export async function overdueDeadlines(
  db: Db,
  today: string,
  limit = 50,
): Promise<Array<{ c: CaseRow; d: DeadlineRow }>> {
  const rows = await db
    .select()
    .from(caseDeadlines)
    .innerJoin(cases, eq(cases.workflowId, caseDeadlines.workflowId))
    .where(
      or(
        eq(caseDeadlines.status, 'missed'),
        and(eq(caseDeadlines.status, 'pending'), sql`${caseDeadlines.dueDate} < ${today}`),
      ),
    )
    .orderBy(asc(caseDeadlines.dueDate))
    .limit(limit);
  return rows.map((r) => ({ c: r.cases, d: r.case_deadlines }));
}
