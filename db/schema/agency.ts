import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Which workflow an agency's callbacks about a business key (case number, plan number…) belong to. */
export const agencyRefs = pgTable('agency_refs', {
  caseRef: text('case_ref').primaryKey(),
  workflowId: text('workflow_id').notNull(),
  workflowKind: text('workflow_kind').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Every inbound callback as received: deduplicated by the agency's event id, kept whatever its fate. */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    agency: text('agency').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type'),
    caseRef: text('case_ref'),
    status: text('status', { enum: ['delivered', 'unknown-case', 'rejected', 'invalid', 'bad-signature'] }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agency, t.eventId] }), index('inbound_case_idx').on(t.caseRef)],
);
