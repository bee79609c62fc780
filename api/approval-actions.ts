// Carries a person's decision on a task or an approval to the workflow, through the case desk.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { tasks, users } from '../db/schema';
import { resolveAttentionUpdate } from '../workflows/agency/messages';
import { actionUpdates, type ActionResult } from '../workflows/approval/messages';
import { type ActionKind, type Actor, type RejectionCode } from '../workflows/approval/types';
import type { Desk } from './cases/desk';
import type { CaseKind } from './cases/policy';
import type { AuthUser } from './context';
import { HttpProblem } from './problem';

const titles = { 403: '无权执行此操作', 409: '状态冲突' } as const;

export type TaskAction = ActionKind | 'retry' | 'abandon';

export interface ActionRequest {
  action: TaskAction;
  requestId: string;
  comment?: string;
  returnTo?: string;
  targetUserId?: string;
  position?: 'before' | 'after';
  revision?: Record<string, unknown>;
  corrections?: Record<string, unknown>;
}

// Actions only the task's assignee may take; the others are checked by the workflow's validator.
const assigneeOnly: TaskAction[] = [
  'approve',
  'reject',
  'return',
  'transfer',
  'add-signer',
  'resubmit',
  'retry',
  'abandon',
];

const allowedByKind: Record<string, TaskAction[]> = {
  approval: ['approve', 'reject', 'return', 'transfer', 'add-signer', 'comment', 'urge', 'withdraw'],
  revision: ['resubmit', 'withdraw'],
  'needs-attention': ['retry', 'abandon'],
};

// The request field a validator rejection is about, so a 422 names it.
const fields: Partial<Record<RejectionCode, string>> = {
  COMMENT_REQUIRED: 'body.comment',
  NOT_ELIGIBLE: 'body.targetUserId',
  UNKNOWN_STEP: 'body.returnTo',
  INVALID_ACTION: 'body.action',
};

async function toActor(db: Db, userId: string, field: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!u || !u.active) throw HttpProblem.unprocessable(field, 'exists', `用户 ${userId} 不存在或已停用`);
  return { id: u.id, name: u.name, departmentId: u.departmentId, roles: u.roles };
}

/** Acts on one task through the case desk. Denials and rejections change nothing but leave an audit entry. */
export async function actOnTask(
  desk: Desk,
  db: Db,
  user: AuthUser,
  taskId: string,
  req: ActionRequest,
): Promise<ActionResult | { resolved: true }> {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId)).limit(1);
  if (!task) throw HttpProblem.notFound(`待办 ${taskId} 不存在`);
  if (!(allowedByKind[task.kind] ?? []).includes(req.action)) {
    throw HttpProblem.unprocessable('body.action', 'not_allowed', `此类待办不支持操作 ${req.action}`);
  }
  const ref = { workflowId: task.workflowId, caseNumber: task.caseId, kind: task.workflowKind as CaseKind };
  const options = { action: `approval.${req.action}`, step: task.stepInstance, fields };
  const refuse = (status: 403 | 409, reason: string) =>
    desk.refuse(user, ref, options.action, new HttpProblem(status, titles[status], reason), {
      step: task.stepInstance,
    });
  if (assigneeOnly.includes(req.action) && task.assigneeId !== user.id)
    await refuse(403, `该待办由 ${task.assigneeId} 办理，不是您的待办`);
  if (task.status === 'done' || task.status === 'cancelled')
    await refuse(409, `该待办已${task.status === 'done' ? '办结' : '取消'}`);
  if (req.action === 'retry' || req.action === 'abandon') {
    const attention = {
      requestId: req.requestId,
      taskId: String(task.detail?.attentionKey ?? ''),
      resolution: req.action,
      actorId: user.id,
      comment: req.comment,
      corrections: req.corrections,
    };
    return desk.act(user, ref, resolveAttentionUpdate, attention, { ...options, withActor: false });
  }
  const target = req.targetUserId ? await toActor(db, req.targetUserId, 'body.targetUserId') : undefined;
  const { requestId, comment, returnTo, position, revision } = req;
  const input = { requestId, comment, returnTo, target, position, revision };
  return desk.act(user, ref, actionUpdates[req.action], input, options);
}

/**
 * 撤回 / 催办 / 意见 on a case by its initiator or a supervisor, who holds no task in the current step. Whoever may
 * read the case may ask; the workflow decides; a refusal is audited with the case (its number and workflow).
 */
export async function actOnApproval(
  desk: Desk,
  user: AuthUser,
  workflowId: string,
  req: ActionRequest & { action: 'withdraw' | 'urge' | 'comment' },
): Promise<ActionResult> {
  const row = await desk.lookup(user, { workflowId }, 'read');
  const input = { requestId: req.requestId, comment: req.comment };
  return desk.act(user, row, actionUpdates[req.action], input, { action: `approval.${req.action}`, fields });
}
