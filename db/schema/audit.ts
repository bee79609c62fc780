import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit trail: hash = HMAC-SM3(AUDIT_HMAC_KEY, canonical JSON of the record with prevHash)
 * (older rows: SHA-256 of the same).
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
    /** sha256 for rows written before migration 0011; hmac-sm3 (keyed by AUDIT_HMAC_KEY) from then on. */
    hashAlg: text('hash_alg', { enum: ['sha256', 'hmac-sm3'] })
      .notNull()
      .default('sha256'),
  },
  (t) => [index('audit_case_idx').on(t.caseId, t.seq)],
);

/** Rows written by the deep-health workflow's activity: proof that a worker reached the database. */
export const healthProbes = pgTable('health_probes', {
  probeId: text('probe_id').primaryKey(),
  workerIdentity: text('worker_identity').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
