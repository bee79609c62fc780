import { date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The blacklist (黑名单, §十三) as each blacklist case last reported it; read by the public violations query. */
export const blacklistEntries = pgTable(
  'blacklist_entries',
  {
    workflowId: text('workflow_id').primaryKey(),
    caseNumber: text('case_number').notNull().unique(),
    departmentId: text('department_id').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    creditCode: text('credit_code').notNull(),
    reason: text('reason').notNull(),
    decisionNo: text('decision_no').notNull(),
    restrictions: jsonb('restrictions').$type<string[]>().notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: text('status', { enum: ['pending-approval', 'rejected', 'awaiting-start', 'listed', 'removed'] }).notNull(),
    /** Number given by the credit publicity system. */
    entryNo: text('entry_no'),
    listedOn: date('listed_on'),
    removedOn: date('removed_on'),
    removalReason: text('removal_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    index('blacklist_entries_credit_code_idx').on(t.creditCode),
    index('blacklist_entries_status_idx').on(t.status),
  ],
);
