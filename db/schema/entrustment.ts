import { boolean, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { PowerType, OrganisationKind } from '../../domain/powers';
import type { EntrustmentStatus, Suspension } from '../../domain/entrustment';

/** 权力清单: each power a department holds by law, typed, with its legal basis (policy §十七). */
export const powerCatalogue = pgTable(
  'power_catalogue',
  {
    id: text('id').primaryKey(),
    departmentId: text('department_id').notNull(),
    name: text('name').notNull(),
    type: text('type').$type<PowerType>().notNull(),
    legalBasis: text('legal_basis').notNull(),
  },
  (t) => [index('power_catalogue_department_idx').on(t.departmentId)],
);

/**
 * Organisations that may receive an entrustment: towns/streets and the park (same id as their row in
 * `departments`) and specialised teams; with the attributes 行政处罚法 Art. 21 asks about.
 */
export const entrustedOrganisations = pgTable('entrusted_organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').$type<OrganisationKind>().notNull(),
  legalStatus: text('legal_status').notNull(),
  establishedByLaw: boolean('established_by_law').notNull(),
  credentialedStaffCount: integer('credentialed_staff_count').notNull(),
  hasTechnicalCapacity: boolean('has_technical_capacity').notNull(),
  technicalCapacity: text('technical_capacity').notNull(),
  /** Where its head sits (reminders): the town/park itself, or the parent department of a team. */
  contactDepartmentId: text('contact_department_id').notNull(),
});

/** The register of entrustments as their workflows last reported them. */
export const entrustments = pgTable(
  'entrustments',
  {
    workflowId: text('workflow_id').primaryKey(),
    draftNumber: text('draft_number').notNull().unique(),
    letterNumber: text('letter_number'),
    agencyId: text('agency_id').notNull(),
    agencyName: text('agency_name').notNull(),
    orgId: text('org_id').notNull(),
    orgName: text('org_name').notNull(),
    powerIds: text('power_ids').array().notNull(),
    powers: jsonb('powers').$type<Array<{ id: string; name: string; type: PowerType; legalBasis: string }>>().notNull(),
    territory: text('territory').notNull(),
    termStart: date('term_start').notNull(),
    termEnd: date('term_end').notNull(),
    status: text('status').$type<EntrustmentStatus>().notNull(),
    revokedOn: date('revoked_on'),
    suspensions: jsonb('suspensions').$type<Suspension[]>().notNull(),
    publications: jsonb('publications')
      .$type<Array<{ side: string; receiptNo: string; documentUrl: string; publishedAt: string; subject: string }>>()
      .notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    index('entrustments_org_idx').on(t.orgId, t.status),
    index('entrustments_agency_idx').on(t.agencyId, t.status),
    index('entrustments_term_end_idx').on(t.status, t.termEnd),
  ],
);
