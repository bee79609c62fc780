import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Units of the district: departments with supervisory duties, towns/streets (镇街), parks (园区), offices. */
export const departments = pgTable('departments', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['department', 'town', 'park', 'office', 'government'] }).notNull(),
  supervisoryDomain: text('supervisory_domain'),
  hasSupervisoryDuty: boolean('has_supervisory_duty').notNull().default(false),
  /** The unit's head and legal reviewer (法制审核人员) as kept in the register; null: by role. */
  headUserId: text('head_user_id'),
  legalReviewerId: text('legal_reviewer_id'),
});

export const roleIds = [
  'officer',
  'department-head',
  'legal-reviewer',
  'district-leader',
  'safety-office',
  'admin',
] as const;
export type RoleId = (typeof roleIds)[number];

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    roles: text('roles').array().notNull().$type<RoleId[]>(),
    title: text('title'),
    hasEnforcementCredential: boolean('has_enforcement_credential').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** 执法证: number, issuing authority, last valid day. An expired one is never drawn. */
    credentialNumber: text('credential_number'),
    credentialAuthority: text('credential_authority'),
    credentialValidUntil: date('credential_valid_until', { mode: 'string' }),
    mobile: text('mobile'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('users_department_idx').on(t.departmentId)],
);

/** Out-of-office substitutes (代理): tasks opened in [from, to] go to the substitute. */
export const substitutes = pgTable('substitutes', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  substituteId: text('substitute_id')
    .notNull()
    .references(() => users.id),
  fromDate: date('from_date').notNull(),
  toDate: date('to_date').notNull(),
  reason: text('reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Versions of the administrator-kept catalogues: the power catalogue (权力清单) and the random-inspection item list
 * (随机抽查事项清单). Version 1 is the record as first seen; each edit appends the next. A running case keeps the
 * copy it started with (an entrustment carries its powers in its workflow input).
 */
export const catalogueVersions = pgTable(
  'catalogue_versions',
  {
    kind: text('kind', { enum: ['power', 'inspection-item'] }).notNull(),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.recordId, t.version] })],
);
