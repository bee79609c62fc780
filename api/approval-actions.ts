// Carries a person's decision to the workflow as an Update and turns the workflow's answer into HTTP.
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit } from '../db/audit-trail';
import { tasks, users } from '../db/schema';
import { resolveAttentionUpdate } from '../workflows/agency/messages';
import { actionUpdates, type ActionResult } from '../workflows/approval/messages';
import { type ActionKind, type Actor, type RejectionCode } from '../workflows/approval/types';
import type { AuthUser } from './context';
import { HttpProblem } from './problem';
import { updateRefusalOf, type UpdateRefusal } from './update-refusal';

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
const fieldOf: Partial<Record<RejectionCode, string>> = {
  COMMENT_REQUIRED: 'body.comment',
  NOT_ELIGIBLE: 'body.targetUserId',
  UNKNOWN_STEP: 'body.returnTo',
  INVALID_ACTION: 'body.action',
};

async function deny(
  db: Db,
  user: AuthUser,
  status: number,
  title: string,
  reason: string,
  context: { workflowId?: string; caseId?: string; step?: string; action: string },
  code?: RejectionCode,
): Promise<never> {
  await appendAudit(db, {
    actor: user.id,
    action: `approval.${context.action}`,
    outcome: status === 403 ? 'denied' : 'rejected',
    comment: reason,
    workflowId: context.workflowId,
    caseId: context.caseId,
    step: context.step,
  });
  const field = code ? fieldOf[code] : undefined;
  throw new HttpProblem(
    status,
    title,
    reason,
    field ? [{ field, rule: code!.toLowerCase(), message: reason }] : undefined,
    code ? { code } : {},
  );
}

/** The workflow's refusal of a decision: its status by code, audited. */
function denyRejected(
  db: Db,
  user: AuthUser,
  refusal: Extract<UpdateRefusal, { kind: 'rejected' }>,
  context: Parameters<typeof deny>[5],
): Promise<never> {
  const code = (refusal.code ?? 'INVALID_ACTION') as RejectionCode;
  const status = refusal.status;
  return deny(
    db,
    user,
    status,
    status === 403 ? '无权执行此操作' : status === 409 ? '状态冲突' : '请求无法处理',
    refusal.reason ?? '操作被拒绝',
    context,
    code,
  );
}

async function toActor(db: Db, userId: string, field: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!u || !u.active) throw HttpProblem.unprocessable(field, 'exists', `用户 ${userId} 不存在或已停用`);
  return { id: u.id, name: u.name, departmentId: u.departmentId, roles: u.roles };
}

/** Acts on one task. Denials and rejections change nothing but leave an audit entry. */
export async function actOnTask(
  deps: { db: Db; temporal: Client },
  user: AuthUser,
  taskId: string,
  req: ActionRequest,
): Promise<ActionResult | { resolved: true }> {
  const { db, temporal } = deps;
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId)).limit(1);
  if (!task) throw HttpProblem.notFound(`待办 ${taskId} 不存在`);
  const context = { workflowId: task.workflowId, caseId: task.caseId, step: task.stepInstance, action: req.action };
  if (!(allowedByKind[task.kind] ?? []).includes(req.action)) {
    throw HttpProblem.unprocessable('body.action', 'not_allowed', `此类待办不支持操作 ${req.action}`);
  }
  if (assigneeOnly.includes(req.action) && task.assigneeId !== user.id) {
    await deny(db, user, 403, '无权执行此操作', `该待办由 ${task.assigneeId} 办理，不是您的待办`, context);
  }
  if (task.status === 'done' || task.status === 'cancelled') {
    await deny(db, user, 409, '状态冲突', `该待办已${task.status === 'done' ? '办结' : '取消'}`, context);
  }
  const handle = temporal.workflow.getHandle(task.workflowId);
  try {
    if (req.action === 'retry' || req.action === 'abandon') {
      const attentionKey = String(task.detail?.attentionKey ?? '');
      return await handle.executeUpdate(resolveAttentionUpdate, {
        args: [
          {
            requestId: req.requestId,
            taskId: attentionKey,
            resolution: req.action,
            actorId: user.id,
            comment: req.comment,
            corrections: req.corrections,
          },
        ],
        updateId: req.requestId,
      });
    }
    const actor = await toActor(db, user.id, 'token');
    const target = req.targetUserId ? await toActor(db, req.targetUserId, 'body.targetUserId') : undefined;
    return await handle.executeUpdate(actionUpdates[req.action], {
      args: [
        {
          requestId: req.requestId,
          actor,
          comment: req.comment,
          returnTo: req.returnTo,
          target,
          position: req.position,
          revision: req.revision,
        },
      ],
      updateId: req.requestId,
    });
  } catch (err) {
    const refusal = updateRefusalOf(err);
    if (!refusal) throw err;
    if (refusal.kind === 'rejected') await denyRejected(db, user, refusal, context);
    return deny(db, user, 409, '状态冲突', '案件已办结', context);
  }
}

/** 撤回 / 催办 / 意见 on a case by its initiator or a supervisor, who holds no task in the current step. */
export async function actOnApproval(
  deps: { db: Db; temporal: Client },
  user: AuthUser,
  workflowId: string,
  req: ActionRequest & { action: 'withdraw' | 'urge' | 'comment' },
): Promise<ActionResult> {
  const context = { workflowId, action: req.action };
  try {
    const actor = await toActor(deps.db, user.id, 'token');
    return await deps.temporal.workflow
      .getHandle(workflowId)
      .executeUpdate(actionUpdates[req.action], {
        args: [{ requestId: req.requestId, actor, comment: req.comment }],
        updateId: req.requestId,
      });
  } catch (err) {
    const refusal = updateRefusalOf(err);
    if (!refusal) throw err;
    if (refusal.kind === 'rejected') await denyRejected(deps.db, user, refusal, context);
    if (refusal.kind === 'missing') throw HttpProblem.notFound(`案件 ${workflowId} 不存在`);
    return deny(deps.db, user, 409, '状态冲突', '案件已办结', context);
  }
}
