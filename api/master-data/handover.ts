// Disabling a user (人员停用): their open tasks go to the unit head or a chosen colleague. An approval step is
// transferred by the running workflow's own 转办 Update (the departing user as the slot's holder, the handover as
// the reason), so workflow and inbox agree; other open tasks (revision, action, needs attention) are moved in the
// inbox projection. A transfer the workflow refuses (e.g. the colleague lacks the step's role) is reported, not forced.
import type { Client } from '@temporalio/client';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appendAudit } from '../../db/audit-trail';
import { tasks, users } from '../../db/schema';
import { transferUpdate } from '../../workflows/approval/messages';
import type { Actor } from '../../workflows/approval/types';
import { updateRefusalOf } from '../update-refusal';

export interface HandoverResult {
  taskId: string;
  workflowId: string;
  how: 'transferred' | 'reassigned' | 'refused';
  reason?: string;
}

const actorOfRow = (u: typeof users.$inferSelect): Actor => ({
  id: u.id,
  name: u.name,
  departmentId: u.departmentId,
  roles: u.roles,
});

export async function handOverOpenTasks(
  deps: { db: Db; temporal: Client },
  by: Actor,
  from: typeof users.$inferSelect,
  to: typeof users.$inferSelect,
  reason: string,
): Promise<HandoverResult[]> {
  const { db, temporal } = deps;
  const open = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.assigneeId, from.id), inArray(tasks.status, ['open', 'waiting'])));
  const results: HandoverResult[] = [];
  const comment = `人员停用（${reason}），由 ${by.name} 转交 ${to.name}`;
  for (const task of open) {
    if (task.kind === 'approval') {
      try {
        await temporal.workflow.getHandle(task.workflowId).executeUpdate(transferUpdate, {
          args: [{ requestId: `handover-${task.id}`, actor: actorOfRow(from), comment, target: actorOfRow(to) }],
          updateId: `handover-${task.id}`,
        });
        results.push({ taskId: task.id, workflowId: task.workflowId, how: 'transferred' });
      } catch (err) {
        const refusal = updateRefusalOf(err);
        if (!refusal) throw err;
        const why = refusal.kind === 'rejected' ? (refusal.reason ?? '流程拒绝转办') : '案件已办结或不存在';
        results.push({ taskId: task.id, workflowId: task.workflowId, how: 'refused', reason: why });
      }
    } else {
      await db
        .update(tasks)
        .set({
          assigneeId: to.id,
          assigneeDepartmentId: to.departmentId,
          detail: { ...(task.detail ?? {}), handedOverFrom: from.id, handoverReason: reason },
        })
        .where(and(eq(tasks.id, task.id), eq(tasks.assigneeId, from.id)));
      results.push({ taskId: task.id, workflowId: task.workflowId, how: 'reassigned' });
    }
    await appendAudit(db, {
      actor: by.id,
      action: 'register.person.handover',
      outcome: results.at(-1)!.how === 'refused' ? 'rejected' : 'ok',
      comment,
      workflowId: task.workflowId,
      caseId: task.caseId,
      step: task.stepInstance,
      detail: { taskId: task.id, before: { assigneeId: from.id }, after: { assigneeId: to.id }, ...results.at(-1) },
    });
  }
  return results;
}
