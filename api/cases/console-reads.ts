// What the console reads besides the API: the case registers, filtered by the access policy here, so the console
// never reaches db/ itself and never decides who sees what.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { findCase, listCases, type CaseFilter, type CaseRow } from '../../db/queries/cases';
import { cases as casesTable, departments, tasks, users } from '../../db/schema';
import type { AuthUser } from '../context';
import { caseAccess } from './policy';

export { currentCalendarSnapshot } from '../../db/calendar-store';
export {
  auditOf,
  casePageSize,
  casesByKindAndStage,
  deadlineTally,
  deadlinesOf,
  overdueDeadlines,
  userNames,
  type AuditRow,
  type CaseRow,
  type DeadlineRow,
} from '../../db/queries/cases';
export type { Db };

/** A page of the cases the user may read. */
export const casesFor = (db: Db, user: AuthUser, f: CaseFilter) => listCases(db, caseAccess(user, 'read'), f);

/** One case the user may read, by workflow id; undefined when unknown or not theirs to see. */
export const caseFor = (db: Db, user: AuthUser, workflowId: string): Promise<CaseRow | undefined> =>
  findCase(db, caseAccess(user, 'read'), workflowId);

/** The names of a case's approval steps, by step instance. */
export async function stepNamesOf(db: Db, workflowId: string): Promise<Map<string, string>> {
  const steps = await db
    .select({ instance: tasks.stepInstance, name: tasks.stepName })
    .from(tasks)
    .where(eq(tasks.workflowId, workflowId));
  return new Map(steps.map((s) => [s.instance, s.name]));
}

/** The case number a task belongs to ('' when unknown). */
export async function caseNumberOfTask(db: Db, taskId: string): Promise<string> {
  const [row] = await db.select({ caseId: tasks.caseId }).from(tasks).where(eq(tasks.id, taskId)).limit(1);
  return row?.caseId ?? '';
}

/** The active users and the units, for the development login page. */
export async function loginRoster(db: Db) {
  return Promise.all([
    db.select().from(users).where(eq(users.active, true)).orderBy(asc(users.departmentId), asc(users.id)),
    db.select().from(departments),
  ]);
}

/** A case's documents, newest version first per kind (the console's 文书 section). */
export { caseDocumentsOf } from '../../db/document-store';

/** The case number of a workflow, for forms that post by workflow id. */
export async function caseNumberOfWorkflow(db: Db, workflowId: string): Promise<string | null> {
  const [row] = await db
    .select({ caseNumber: casesTable.caseNumber })
    .from(casesTable)
    .where(eq(casesTable.workflowId, workflowId))
    .limit(1);
  return row?.caseNumber ?? null;
}
