import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { PlanContent, PlanDiff } from '../../domain/annual-plan';
import type { DrawAssignment, DrawEnterprise, DrawInspector, InspectorEnterprisePair } from '../../domain/random-draw';
import type { DrawPublication } from '../../workflows/random-inspection/types';

/** Enterprises under supervision (监管企业名录): targets of plan items and random draws. */
export const enterprises = pgTable(
  'enterprises',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** 统一社会信用代码 (GB 32100-2015), 18 characters. */
    creditCode: text('credit_code').notNull().unique(),
    sector: text('sector').notNull(),
    /** The department that supervises it (行业主管部门 or 属地). */
    departmentId: text('department_id').notNull(),
    town: text('town'),
    active: boolean('active').notNull().default(true),
    address: text('address'),
    /** 行业 (broad) beside the sector (行业领域) used by the draws. */
    industry: text('industry'),
    /** A–D, for the yearly inspection cap and key-sector coverage. */
    riskClass: text('risk_class'),
    status: text('status', { enum: ['operating', 'suspended', 'closed'] })
      .notNull()
      .default('operating'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('enterprises_department_idx').on(t.departmentId), index('enterprises_name_idx').on(t.name)],
);

/** Every change to an enterprise's record (企业台账变更记录): who, when, before and after. */
export const enterpriseHistory = pgTable(
  'enterprise_history',
  {
    id: serial('id').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    change: text('change', { enum: ['create', 'update', 'import'] }).notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('enterprise_history_enterprise_idx').on(t.enterpriseId, t.id)],
);

/** Recusal (回避): an inspector related to an enterprise (relative employed, former employee, shareholding). */
export const enterpriseInspectorLinks = pgTable(
  'enterprise_inspector_links',
  {
    enterpriseId: text('enterprise_id').notNull(),
    userId: text('user_id').notNull(),
    relation: text('relation').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.userId] })],
);

/** One cycle per plan year, opened by the schedule in December; closed when the year ends. */
export const planCycles = pgTable('plan_cycles', {
  year: integer('year').primaryKey(),
  dueDate: date('due_date').notNull(),
  status: text('status', { enum: ['open', 'closed'] }).notNull(),
  workflowId: text('workflow_id').notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true, mode: 'string' }).notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
});

/** Each department's plan for a year, as its workflow last reported it (overview, lists). */
export const annualPlans = pgTable(
  'annual_plans',
  {
    id: text('id').primaryKey(),
    year: integer('year').notNull(),
    departmentId: text('department_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    status: text('status', {
      enum: ['awaiting-draft', 'drafting', 'in-approval', 'returned', 'approved', 'filed', 'amending', 'closed'],
    }).notNull(),
    approver: text('approver').notNull(),
    content: jsonb('content').$type<PlanContent | null>(),
    planVersion: integer('plan_version').notNull().default(0),
    drafterId: text('drafter_id'),
    dueDate: date('due_date').notNull(),
    draftedAt: timestamp('drafted_at', { withTimezone: true, mode: 'string' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'string' }),
    filedAt: timestamp('filed_at', { withTimezone: true, mode: 'string' }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'string' }),
    /** 安委办 filing receipt, upper-level authority receipt, publication receipt. */
    receipts: jsonb('receipts').$type<Record<string, string>>().notNull().default({}),
    version: integer('version').notNull(),
  },
  (t) => [uniqueIndex('annual_plans_year_department_idx').on(t.year, t.departmentId)],
);

/** Amendments during the year: the difference, and whether the approval chain accepted it. */
export const annualPlanAmendments = pgTable(
  'annual_plan_amendments',
  {
    planId: text('plan_id').notNull(),
    seq: integer('seq').notNull(),
    reason: text('reason').notNull(),
    requestedBy: text('requested_by').notNull(),
    diff: jsonb('diff').$type<PlanDiff>().notNull(),
    status: text('status', { enum: ['in-approval', 'approved', 'rejected', 'withdrawn'] }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'string' }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.planId, t.seq] })],
);

/** Execution of each plan item: its on-site inspection plan (现场检查方案) and completion. */
export const plannedInspections = pgTable(
  'planned_inspections',
  {
    planId: text('plan_id').notNull(),
    itemId: text('item_id').notNull(),
    departmentId: text('department_id').notNull(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    onSitePlan: jsonb('on_site_plan').$type<Record<string, unknown> | null>(),
    onSitePlanOn: date('on_site_plan_on'),
    completedOn: date('completed_on'),
    findings: text('findings'),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.itemId] }),
    index('planned_inspections_year_idx').on(t.year, t.departmentId),
  ],
);

/** The published list of random inspection items (随机抽查事项清单). */
export const randomInspectionItems = pgTable('random_inspection_items', {
  id: text('id').primaryKey(),
  departmentId: text('department_id').notNull(),
  name: text('name').notNull(),
  sector: text('sector').notNull(),
  legalBasis: text('legal_basis').notNull(),
  publishedOn: date('published_on').notNull(),
});

/** A draw: the seed hash committed first, then the seed revealed with the lists and the result. */
export const randomDraws = pgTable(
  'random_draws',
  {
    id: text('id').primaryKey(),
    departmentId: text('department_id').notNull(),
    itemId: text('item_id').notNull(),
    seedHash: text('seed_hash').notNull(),
    seed: text('seed'),
    targetCount: integer('target_count').notNull(),
    inspectorsPerTarget: integer('inspectors_per_target').notNull(),
    keySectors: text('key_sectors').array().notNull(),
    status: text('status', { enum: ['committed', 'drawn'] }).notNull(),
    enterprises: jsonb('enterprises').$type<DrawEnterprise[] | null>(),
    inspectors: jsonb('inspectors').$type<DrawInspector[] | null>(),
    links: jsonb('links').$type<InspectorEnterprisePair[] | null>(),
    previous: jsonb('previous').$type<InspectorEnterprisePair[] | null>(),
    assignments: jsonb('assignments').$type<DrawAssignment[] | null>(),
    algorithm: text('algorithm').notNull(),
    createdBy: text('created_by').notNull(),
    committedAt: timestamp('committed_at', { withTimezone: true, mode: 'string' }).notNull(),
    drawnAt: timestamp('drawn_at', { withTimezone: true, mode: 'string' }),
    /** Results published within 20 working days (国办发〔2018〕118号). */
    publishDue: date('publish_due'),
    publication: jsonb('publication').$type<DrawPublication | null>(),
  },
  (t) => [index('random_draws_department_idx').on(t.departmentId, t.drawnAt)],
);
