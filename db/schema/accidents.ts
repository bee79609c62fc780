import { date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Public projection: accident investigation reports published to society (条例 Art. 34), read without login. */
export const publishedReports = pgTable('published_reports', {
  caseNumber: text('case_number').primaryKey(),
  workflowId: text('workflow_id').notNull(),
  title: text('title').notNull(),
  level: text('level').notNull(),
  levelName: text('level_name').notNull(),
  enterpriseName: text('enterprise_name').notNull(),
  occurredOn: date('occurred_on').notNull(),
  approvedOn: date('approved_on').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }).notNull(),
  documentUrl: text('document_url').notNull(),
  receiptNo: text('receipt_no').notNull(),
  legalBasis: text('legal_basis').notNull(),
  evaluationPublishedAt: timestamp('evaluation_published_at', { withTimezone: true, mode: 'string' }),
  evaluationUrl: text('evaluation_url'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/** §八 一票否决: a unit held responsible for an accident loses its annual safety rating for that year. */
export const accidentVetoFlags = pgTable(
  'accident_veto_flags',
  {
    year: integer('year').notNull(),
    unitName: text('unit_name').notNull(),
    caseNumber: text('case_number').notNull(),
    creditCode: text('credit_code'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.unitName, t.caseNumber] })],
);

/** §九 warning talks (约谈) with units that had larger or repeated accidents. */
export const accidentWarningTalks = pgTable(
  'accident_warning_talks',
  {
    caseNumber: text('case_number').notNull(),
    unitName: text('unit_name').notNull(),
    creditCode: text('credit_code'),
    reason: text('reason').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseNumber, t.unitName] })],
);
