import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Every case of every workflow kind, as its workflow last reported it: lists, overviews, the console. */
export const cases = pgTable(
  'cases',
  {
    workflowId: text('workflow_id').primaryKey(),
    kind: text('kind', {
      enum: [
        'enforcement',
        'criminal-transfer',
        'accident',
        'blacklist',
        'annual-plan',
        'plan-cycle',
        'entrustment',
        'approval-request',
      ],
    }).notNull(),
    caseNumber: text('case_number').notNull().unique(),
    title: text('title').notNull(),
    departmentId: text('department_id').notNull(),
    stage: text('stage').notNull(),
    stageLabel: text('stage_label').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    outcome: text('outcome'),
    nextDeadline: date('next_deadline'),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'string' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    index('cases_kind_stage_idx').on(t.kind, t.status, t.stage),
    index('cases_department_idx').on(t.departmentId, t.status),
    index('cases_deadline_idx').on(t.status, t.nextDeadline),
  ],
);

/** Each statutory deadline of a case: due date, legal basis, and whether it was met. */
export const caseDeadlines = pgTable(
  'case_deadlines',
  {
    workflowId: text('workflow_id').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    basisId: text('basis_id'),
    citation: text('citation'),
    /** Who owes it: our department, the party, the court, the police… */
    owedBy: text('owed_by').notNull(),
    dueDate: date('due_date').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'string' }),
    provisional: boolean('provisional').notNull().default(false),
    status: text('status', { enum: ['pending', 'met', 'missed', 'cancelled'] }).notNull(),
    metAt: timestamp('met_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.key] }), index('case_deadlines_pending_idx').on(t.status, t.dueDate)],
);
