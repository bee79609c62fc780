// Writing a notification: the outbox row (the durable record), the recipient's row in the notification centre,
// an escalation task for whoever a late step is escalated to, and the delivery workflow that sends it.
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { taskRowId } from '../../db/task-ids';
import { notifications, outbox, tasks, users } from '../../db/schema';
import { notificationKind, renderNotification } from '../../domain/notification-policy';

export interface QueuedNotification {
  key: string;
  recipientId: string;
  template: string;
  params: Record<string, string>;
}

/** URL-safe id of a notification in the centre. */
export const notificationId = (key: string) => `n_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

/** The delivery workflow's id: one run per outbox key, ever. */
export const deliveryWorkflowId = (key: string) => `notify:${key}`;
export const workflowOfKey = (key: string) => key.split(':')[0] ?? key;

/** Queues messages; safe to repeat (every write is keyed), so a retried activity never notifies twice. */
export async function queueNotifications(
  db: Db,
  items: QueuedNotification[],
  options: { deliver: boolean } = { deliver: true },
): Promise<void> {
  if (items.length === 0) return;
  await db
    .insert(outbox)
    .values(items.map((i) => ({ key: i.key, recipientId: i.recipientId, template: i.template, params: i.params })))
    .onConflictDoNothing();
  await recordInCentre(db, items);
  if (options.deliver)
    await startDeliveries(
      activityClient(),
      items.map((i) => i.key),
    );
}

async function recordInCentre(db: Db, items: QueuedNotification[]): Promise<void> {
  const recipientIds = [...new Set(items.map((i) => i.recipientId))];
  const known = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, recipientIds));
  const isUser = new Set(known.map((u) => u.id));
  for (const item of items.filter((i) => isUser.has(i.recipientId))) {
    const workflowId = workflowOfKey(item.key);
    const kind = notificationKind(item.template, item.key);
    const { title, body } = renderNotification(item.template, item.params);
    const escalationTask = kind === 'escalation' ? await escalate(db, item, workflowId) : undefined;
    const taskId = escalationTask ?? (await openTaskOf(db, workflowId, item.recipientId));
    await db
      .insert(notifications)
      .values({
        id: notificationId(item.key),
        key: item.key,
        userId: item.recipientId,
        kind,
        template: item.template,
        title,
        body,
        link: kind === 'digest' ? '/inbox' : taskId ? `/tasks/${taskId}` : `/cases/${encodeURIComponent(workflowId)}`,
        caseId: item.params.caseId ?? null,
        workflowId,
      })
      .onConflictDoNothing();
  }
}

async function openTaskOf(db: Db, workflowId: string, userId: string): Promise<string | undefined> {
  const [task] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.workflowId, workflowId), eq(tasks.assigneeId, userId), inArray(tasks.status, ['open'])))
    .limit(1);
  return task?.id;
}

/**
 * An overdue step escalated to someone who is not working on it (the 安委办, the next level) becomes a task
 * in that person's inbox, naming the original assignees and how many working days late it is.
 */
async function escalate(db: Db, item: QueuedNotification, workflowId: string): Promise<string | undefined> {
  const stepInstance = item.key.split(':')[1] ?? '';
  const open = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.workflowId, workflowId), inArray(tasks.status, ['open', 'waiting'])));
  if (open.some((t) => t.assigneeId === item.recipientId)) return undefined;
  const late = open.filter((t) => t.stepInstance === stepInstance && t.kind !== 'action');
  const first = late[0] ?? open[0];
  const [recipient] = await db.select().from(users).where(eq(users.id, item.recipientId));
  if (!recipient) return undefined;
  const dueDate = item.params.dueDate ?? first?.dueDate ?? null;
  const id = taskRowId(`escalation/${item.key}`);
  const assignees = late.length ? late : open;
  await db
    .insert(tasks)
    .values({
      id,
      workflowId,
      workflowKind: first?.workflowKind ?? workflowId.split('-')[0] ?? 'case',
      caseId: item.params.caseId ?? first?.caseId ?? workflowId,
      caseTitle: item.params.caseTitle ?? first?.caseTitle ?? workflowId,
      caseDepartmentId: first?.caseDepartmentId ?? recipient.departmentId,
      kind: 'action',
      stepId: 'escalation',
      stepInstance: first?.stepInstance ?? stepInstance,
      stepName: `逾期督办：${item.params.step ?? first?.stepName ?? '办理环节'}`,
      assigneeId: recipient.id,
      assigneeDepartmentId: recipient.departmentId,
      status: 'open',
      dueDate,
      overdue: true,
      detail: {
        escalation: true,
        originalAssignees: [...new Set(assignees.map((t) => t.assigneeId))],
        // How late: the inbox counts working days from the due date at every reading (negative "days left").
        originalDueDate: dueDate,
        escalatedFrom: item.key,
      },
      openedAt: new Date().toISOString(),
      version: 1,
    })
    .onConflictDoNothing();
  return id;
}

/** The Temporal client of the worker running this activity, or none outside an activity (the sweep catches up). */
function activityClient(): { client: Client; taskQueue: string } | undefined {
  try {
    const ctx = Context.current();
    return { client: ctx.client, taskQueue: ctx.info.taskQueue };
  } catch {
    return undefined;
  }
}

/** Starts one delivery workflow per key; a key already started (or finished) is left alone. */
export async function startDeliveries(
  target: { client: Client; taskQueue: string } | undefined,
  keys: string[],
): Promise<number> {
  if (!target) return 0;
  let started = 0;
  for (const key of keys) {
    try {
      await target.client.workflow.start('notificationDeliveryWorkflow', {
        workflowId: deliveryWorkflowId(key),
        taskQueue: target.taskQueue,
        args: [{ key }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      started++;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
  return started;
}

/** Closes the escalation tasks of a step once it is decided. */
export async function closeEscalationTasks(db: Db, workflowId: string, stepInstance: string): Promise<void> {
  await db
    .update(tasks)
    .set({ status: 'done', outcome: 'step-decided', closedAt: new Date().toISOString(), version: 2 })
    .where(
      and(
        eq(tasks.workflowId, workflowId),
        eq(tasks.stepInstance, stepInstance),
        eq(tasks.stepId, 'escalation'),
        eq(tasks.status, 'open'),
      ),
    );
}
