import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Security events (failed authentication, bad callback signatures, lockouts), kept apart from the audit trail:
 * aggregated per kind, source and minute, so a flood of anonymous noise adds one row a minute, not one per request.
 * Kept at least 6 months (网络安全法 第二十一条); see scripts/archive-security-records.ts.
 */
export const securityEvents = pgTable(
  'security_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    /** The client (address) the events came from. */
    source: text('source').notNull(),
    /** The start of the minute the events fall in. */
    bucket: timestamp('bucket', { withTimezone: true, mode: 'string' }).notNull(),
    firstAt: timestamp('first_at', { withTimezone: true, mode: 'string' }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true, mode: 'string' }).notNull(),
    count: integer('count').notNull(),
    /** The first few events of the bucket: method, path, claimed user, reason. */
    samples: jsonb('samples').$type<Array<Record<string, unknown>>>().notNull(),
  },
  (t) => [
    uniqueIndex('security_events_bucket_idx').on(t.kind, t.source, t.bucket),
    index('security_events_last_at_idx').on(t.lastAt),
  ],
);

/**
 * Signed checkpoints of the audit chain's head (SM2 over SM3, GB/T 35276): exported for anchoring outside the
 * database, so a rewrite of audit_log cannot be hidden by recomputing the chain.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  headSeq: bigint('head_seq', { mode: 'number' }).notNull(),
  headHash: text('head_hash').notNull(),
  records: bigint('records', { mode: 'number' }).notNull(),
  publicKey: text('public_key').notNull(),
  signature: text('signature').notNull(),
});
