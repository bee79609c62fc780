// The inbox (待办, db/schema/tasks.ts) as the API answers it.
import { z } from '@hono/zod-openapi';
import { ApprovalActionResult, ApprovalView } from './approval';
import { AuditEntry, JsonObject } from './cases';
import { page } from './http';

const taskKinds = ['approval', 'revision', 'needs-attention', 'action'] as const;
const taskStatuses = ['open', 'waiting', 'done', 'cancelled'] as const;

/** An inbox line: what to do, on which case, by when. */
export const Task = z
  .object({
    id: z.string(),
    kind: z.enum(taskKinds),
    workflowId: z.string(),
    workflowKind: z.string(),
    caseId: z.string(),
    caseTitle: z.string(),
    stepName: z.string(),
    assigneeId: z.string(),
    actingForId: z.string().nullable(),
    status: z.enum(taskStatuses),
    dueDate: z.string().nullable(),
    provisional: z.boolean(),
    overdue: z.boolean(),
    workingDaysLeft: z.number().int().nullable().openapi({ description: '距期限届满的工作日数（负数为已逾期）' }),
    legalBasis: z.string().nullable(),
    returnComment: z.string().nullable().openapi({ description: '退回修改的待办：退回意见' }),
  })
  .openapi('Task');
export type Task = z.infer<typeof Task>;

export const TaskList = page(Task).openapi('TaskList');
export type TaskList = z.infer<typeof TaskList>;

/** A task as stored: every column of the projection. */
export const TaskRecord = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    workflowKind: z.string(),
    caseId: z.string(),
    caseTitle: z.string(),
    caseDepartmentId: z.string(),
    kind: z.enum(taskKinds),
    stepId: z.string(),
    stepInstance: z.string(),
    stepName: z.string(),
    mode: z.string().nullable(),
    assigneeId: z.string(),
    assigneeDepartmentId: z.string(),
    actingForId: z.string().nullable(),
    status: z.enum(taskStatuses),
    outcome: z.string().nullable(),
    legalBasis: z.string().nullable(),
    dueDate: z.string().nullable(),
    dueAt: z.string().nullable(),
    provisional: z.boolean(),
    overdue: z.boolean(),
    detail: JsonObject.nullable(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('TaskRecord');

export const TaskDetail = z
  .object({
    task: TaskRecord,
    approval: ApprovalView.nullable().openapi({ description: '审批状态；案件无审批环节或已超过保留期时为 null' }),
    steps: z.array(TaskRecord).openapi({ description: '同一案件的审批、退回修改与需处理待办' }),
    history: z.array(AuditEntry),
  })
  .openapi('TaskDetail');
export type TaskDetail = z.infer<typeof TaskDetail>;

/** Acting on a task: the decision recorded, or `resolved` for a needs-attention task that was retried/abandoned. */
export const TaskActionResult = z
  .union([ApprovalActionResult, z.object({ resolved: z.literal(true) })])
  .openapi('TaskActionResult');
export type TaskActionResult = z.infer<typeof TaskActionResult>;

export const BulkApprovalResult = z
  .object({
    results: z.array(
      z.object({ taskId: z.string(), status: z.number().int(), detail: z.string().optional() }).openapi({
        description: '每条待办的结果：200 已同意，否则为拒绝的状态码与原因',
      }),
    ),
  })
  .openapi('BulkApprovalResult');
