import { boolean, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The inbox (待办): a projection of the workflows' open steps, kept in step by idempotent activities.
 * One row per assignee per step opening; `version` stops an older state overwriting a newer one.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').notNull(),
    workflowKind: text('workflow_kind').notNull(),
    caseId: text('case_id').notNull(),
    caseTitle: text('case_title').notNull(),
    caseDepartmentId: text('case_department_id').notNull(),
    kind: text('kind', { enum: ['approval', 'revision', 'needs-attention', 'action'] }).notNull(),
    stepId: text('step_id').notNull(),
    stepInstance: text('step_instance').notNull(),
    stepName: text('step_name').notNull(),
    mode: text('mode'),
    assigneeId: text('assignee_id').notNull(),
    assigneeDepartmentId: text('assignee_department_id').notNull(),
    actingForId: text('acting_for_id'),
    status: text('status', { enum: ['open', 'waiting', 'done', 'cancelled'] }).notNull(),
    outcome: text('outcome'),
    legalBasis: text('legal_basis'),
    dueDate: date('due_date'),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'string' }),
    provisional: boolean('provisional').notNull().default(false),
    overdue: boolean('overdue').notNull().default(false),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'string' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    version: integer('version').notNull(),
  },
  (t) => [
    index('tasks_assignee_open_idx').on(t.assigneeId, t.status, t.dueAt),
    index('tasks_department_open_idx').on(t.assigneeDepartmentId, t.status, t.dueAt),
    index('tasks_case_department_idx').on(t.caseDepartmentId, t.status, t.dueAt),
    index('tasks_workflow_idx').on(t.workflowId),
  ],
);

/** Notifications waiting for the notification channel; the key makes each reminder unique per step and moment. */
export const outbox = pgTable(
  'outbox',
  {
    key: text('key').primaryKey(),
    recipientId: text('recipient_id').notNull(),
    channel: text('channel', { enum: ['inbox', 'sms', 'wecom'] })
      .notNull()
      .default('inbox'),
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('outbox_pending_idx').on(t.status, t.createdAt),
    index('outbox_recipient_idx').on(t.recipientId, t.createdAt),
  ],
);
