import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit trail: hash = SHA-256(prevHash + canonical JSON of the record).
 * A trigger (migration) forbids UPDATE and DELETE for every role.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
    actingFor: text('acting_for'),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['ok', 'denied', 'rejected'] })
      .notNull()
      .default('ok'),
    comment: text('comment'),
    workflowId: text('workflow_id'),
    caseId: text('case_id'),
    step: text('step'),
    legalBasis: text('legal_basis'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    /** Activities retry: the same event (workflow + request id) is recorded once. */
    dedupeKey: text('dedupe_key').unique(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [index('audit_case_idx').on(t.caseId, t.seq)],
);

/** Rows written by the deep-health workflow's activity: proof that a worker reached the database. */
export const healthProbes = pgTable('health_probes', {
  probeId: text('probe_id').primaryKey(),
  workerIdentity: text('worker_identity').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
