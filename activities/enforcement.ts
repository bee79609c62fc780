import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { taskRowId } from '../db/task-ids';
import { agencyRefs, tasks } from '../db/schema';
import { versionedUpsert } from '../db/versioned-upsert';

export interface EnforcementActionTask {
  workflowId: string;
  caseId: string;
  caseTitle: string;
  departmentId: string;
  assigneeId: string;
  /** Unique per action within the case, e.g. 'demand-service'. */
  key: string;
  name: string;
  legalBasis?: string;
  dueDate?: string;
  open: boolean;
  version: number;
}

export function createEnforcementActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Payment callbacks name the decision number: route them to this case (idempotent). */
    async registerEnforcementRef(input: { caseRef: string; workflowId: string }): Promise<void> {
      await db
        .insert(agencyRefs)
        .values({ caseRef: input.caseRef, workflowId: input.workflowId, workflowKind: 'enforcement' })
        .onConflictDoNothing();
    },

    /** An officer's to-do in the inbox (serve the demand, supplement the materials…); version-guarded upsert. */
    async syncEnforcementActionTask(t: EnforcementActionTask): Promise<void> {
      const now = new Date().toISOString();
      await db
        .insert(tasks)
        .values({
          // Hashed: a case number holds '/' and '〔〕', which would break the task's URL.
          id: taskRowId(`${t.workflowId}/action/${t.key}`),
          workflowId: t.workflowId,
          workflowKind: 'enforcement',
          caseId: t.caseId,
          caseTitle: t.caseTitle,
          caseDepartmentId: t.departmentId,
          kind: 'action',
          stepId: t.key,
          stepInstance: t.key,
          stepName: t.name,
          assigneeId: t.assigneeId,
          assigneeDepartmentId: t.departmentId,
          status: t.open ? 'open' : 'done',
          legalBasis: t.legalBasis ?? null,
          dueDate: t.dueDate ?? null,
          openedAt: now,
          closedAt: t.open ? null : now,
          version: t.version,
        })
        .onConflictDoUpdate(versionedUpsert(tasks, tasks.id, ['status', 'dueDate', 'closedAt']));
    },

    /** The case ended (paid, revoked): whatever is still open in the inbox for it is cancelled. */
    async cancelOpenEnforcementTasks(input: { workflowId: string }): Promise<number> {
      const rows = await db
        .update(tasks)
        .set({ status: 'cancelled', closedAt: new Date().toISOString(), version: sql`${tasks.version} + 1` })
        .where(and(eq(tasks.workflowId, input.workflowId), inArray(tasks.status, ['open', 'waiting'])))
        .returning({ id: tasks.id });
      return rows.length;
    },
  };
}

export type EnforcementActivities = ReturnType<typeof createEnforcementActivities>;
