// Annual supervision plans (db/schema/annual-plan.ts, workflows/annual-plan/types.ts) as the API answers them.
import { z } from '@hono/zod-openapi';
import { inspectionKinds } from '../../domain/annual-plan';
import { JsonObject } from './cases';

// As stored (domain/annual-plan.ts); the request schema in api/annual-plan-support.ts adds the input limits.
const PlanItemSchema = z
  .object({
    itemId: z.string(),
    enterpriseId: z.string().optional(),
    category: z.string().optional(),
    kind: z.enum(inspectionKinds),
    quarter: z.number().int(),
    legalBasis: z.string(),
    plannedDays: z.number(),
  })
  .openapi('AnnualPlanItem');
const PlanContentSchema = z
  .object({
    items: z.array(PlanItemSchema),
    enforcementStaff: z.number().int(),
    otherDutyDays: z.number(),
    note: z.string().optional(),
  })
  .openapi('AnnualPlanContentView');

const planStatus = z.enum([
  'awaiting-draft',
  'drafting',
  'in-approval',
  'returned',
  'approved',
  'filed',
  'amending',
  'closed',
]);
const receipts = z
  .record(z.string(), z.string())
  .openapi({ description: '备案回执：safetyOffice 安委办、upperAuthority 上级机关、publication 公开' });

export const PlanCycleOpened = z.object({ year: z.number().int(), workflowId: z.string() }).openapi('PlanCycleOpened');

export const PlanCycleOverview = z
  .object({
    year: z.number().int(),
    dueDate: z.string(),
    status: z.enum(['open', 'closed']),
    units: z.array(
      z.object({
        departmentId: z.string(),
        name: z.string(),
        status: planStatus,
        planVersion: z.number().int(),
        drafted: z.boolean(),
        submitted: z.boolean(),
        approved: z.boolean(),
        filed: z.boolean(),
        escalated: z.boolean(),
        submittedAt: z.string().nullable(),
        approvedAt: z.string().nullable(),
        filedAt: z.string().nullable(),
        receipts,
      }),
    ),
  })
  .openapi('PlanCycleOverview');
export type PlanCycleOverview = z.infer<typeof PlanCycleOverview>;

export const QuarterProgress = z
  .object({
    quarter: z.number().int(),
    planned: z.number().int(),
    onSitePlans: z.number().int(),
    completed: z.number().int(),
    dueSoFar: z.number().int().openapi({ description: '截至本季度末应完成的检查数（累计）' }),
    doneSoFar: z.number().int(),
    behind: z.boolean(),
  })
  .openapi('QuarterProgress');

export const PlanCompletion = z
  .object({
    year: z.number().int(),
    departments: z.array(
      z.object({ departmentId: z.string(), status: planStatus, quarters: z.array(QuarterProgress) }),
    ),
  })
  .openapi('PlanCompletion');
export type PlanCompletion = z.infer<typeof PlanCompletion>;

/** A plan as stored (the projection of its workflow). */
export const AnnualPlanRecord = z
  .object({
    id: z.string(),
    year: z.number().int(),
    departmentId: z.string(),
    workflowId: z.string(),
    status: planStatus,
    approver: z.string(),
    content: PlanContentSchema.nullable(),
    planVersion: z.number().int(),
    drafterId: z.string().nullable(),
    dueDate: z.string(),
    draftedAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    filedAt: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    receipts,
    version: z.number().int(),
  })
  .openapi('AnnualPlanRecord');
export type AnnualPlanRecord = z.infer<typeof AnnualPlanRecord>;

const change = z.object({ from: z.unknown(), to: z.unknown() });

export const AnnualPlanDetail = AnnualPlanRecord.extend({
  amendments: z.array(
    z.object({
      planId: z.string(),
      seq: z.number().int(),
      reason: z.string(),
      requestedBy: z.string(),
      diff: z.object({
        added: z.array(PlanItemSchema),
        removed: z.array(PlanItemSchema),
        changed: z.array(z.object({ itemId: z.string(), changes: z.record(z.string(), change) })),
        budget: z.record(z.string(), change),
      }),
      status: z.enum(['in-approval', 'approved', 'rejected', 'withdrawn']),
      requestedAt: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
  executions: z.array(
    z.object({
      planId: z.string(),
      itemId: z.string(),
      departmentId: z.string(),
      year: z.number().int(),
      quarter: z.number().int(),
      onSitePlan: JsonObject.nullable().openapi({ description: '现场检查方案' }),
      onSitePlanOn: z.string().nullable(),
      completedOn: z.string().nullable(),
      findings: z.string().nullable(),
    }),
  ),
}).openapi('AnnualPlanDetail');
export type AnnualPlanDetail = z.infer<typeof AnnualPlanDetail>;

/** What the plan workflow reports after an action (the `plan.state` view). */
export const PlanView = z
  .object({
    planId: z.string(),
    year: z.number().int(),
    departmentId: z.string(),
    stage: z.enum(['awaiting-draft', 'drafting', 'in-approval', 'approved', 'filed', 'amending', 'closed']),
    stageLabel: z.string(),
    content: PlanContentSchema.optional(),
    planVersion: z.number().int(),
    drafterId: z.string().optional(),
    dueDate: z.string(),
    receipts: z.object({
      safetyOffice: z.string().optional(),
      upperAuthority: z.string().optional(),
      publication: z.string().optional(),
      publicationUrl: z.string().optional(),
    }),
    executions: z.array(
      z.object({
        itemId: z.string(),
        onSitePlan: z
          .object({
            plannedDate: z.string(),
            inspectorIds: z.array(z.string()),
            content: z.string(),
            preparedBy: z.string(),
            preparedOn: z.string(),
          })
          .optional(),
        completedOn: z.string().optional(),
        findings: z.string().optional(),
      }),
    ),
    amendments: z.array(
      z.object({
        seq: z.number().int(),
        reason: z.string(),
        requestedBy: z.string(),
        status: z.enum(['in-approval', 'approved', 'rejected', 'withdrawn']),
      }),
    ),
  })
  .openapi('AnnualPlanView');
export type PlanView = z.infer<typeof PlanView>;
