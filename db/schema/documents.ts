import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DraftDocument } from '../../domain/documents/types';
import type { Signature } from '../../domain/documents/rules';

/** Each department's number pattern (文号格式), e.g. 北碚应急{code}〔{year}〕{seq}号; absent → derived from its name. */
export const documentNumberFormats = pgTable('document_number_formats', {
  departmentId: text('department_id').primaryKey(),
  pattern: text('pattern').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** The last number given per department, kind and year: the row is locked while a number is allocated. */
export const documentNumberCounters = pgTable(
  'document_number_counters',
  {
    departmentId: text('department_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.kind, t.year] })],
);

/** The number register (文号登记): every number given, once, to one issued document; never deleted. */
export const documentNumbers = pgTable(
  'document_numbers',
  {
    departmentId: text('department_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull().unique(),
    documentId: uuid('document_id').notNull().unique(),
    issuedBy: text('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.kind, t.year, t.seq] })],
);

/** Documents kept in a case file (案卷文书): drafted, signed by every handling officer, sealed and issued. */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflowId: text('workflow_id').notNull(),
    caseNumber: text('case_number').notNull(),
    departmentId: text('department_id').notNull(),
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'signed', 'issued', 'superseded'] }).notNull(),
    /** The document as drafted (no number or date): fixed once the first officer signs. */
    content: jsonb('content').$type<DraftDocument>().notNull(),
    /** SHA-256 of the canonical JSON of content. */
    sha256: text('sha256').notNull(),
    /** The handling officers who must all sign before the seal. */
    officers: text('officers').array().notNull(),
    signatures: jsonb('signatures').$type<Signature[]>().notNull().default([]),
    sealedBy: text('sealed_by'),
    number: text('number').unique(),
    issuedOn: date('issued_on', { mode: 'string' }),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'string' }),
    replacesId: uuid('replaces_id'),
    correctionReason: text('correction_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('case_documents_case_idx').on(t.workflowId, t.kind, t.version),
    index('case_documents_replaces_idx').on(t.replacesId),
  ],
);
