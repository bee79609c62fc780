// The approval engine as the API shows it (workflows/approval/types.ts, messages.ts).
import { z } from '@hono/zod-openapi';

const roleIds = ['officer', 'department-head', 'legal-reviewer', 'district-leader', 'safety-office', 'admin'] as const;
const actionKinds = [
  'approve',
  'reject',
  'return',
  'withdraw',
  'transfer',
  'add-signer',
  'urge',
  'comment',
  'resubmit',
] as const;

export const RoleIdSchema = z.enum(roleIds).openapi('RoleId');

export const ApprovalSlot = z
  .object({
    slotId: z.string(),
    assigneeId: z.string(),
    assigneeName: z.string(),
    assigneeDepartmentId: z.string(),
    actingForId: z.string().optional().openapi({ description: '代理：被代理的外出人员' }),
    actingForName: z.string().optional(),
    status: z.enum(['pending', 'approved', 'rejected', 'transferred', 'cancelled']),
    blockedBy: z.string().optional(),
    addedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    comment: z.string().optional(),
  })
  .openapi('ApprovalSlot');

export const ApprovalDecision = z
  .object({
    requestId: z.string(),
    action: z.enum(actionKinds),
    actorId: z.string(),
    actorName: z.string(),
    actingForId: z.string().optional(),
    at: z.string(),
    comment: z.string().optional(),
    targetId: z.string().optional(),
    returnTo: z.string().optional(),
  })
  .openapi('ApprovalDecision');

export const StepOutcome = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('approved') }),
    z.object({ kind: z.literal('rejected'), by: z.string(), comment: z.string() }),
    z.object({ kind: z.literal('returned'), to: z.string(), by: z.string(), comment: z.string() }),
    z.object({ kind: z.literal('withdrawn'), by: z.string() }),
  ])
  .openapi('ApprovalStepOutcome');

export const ApprovalStep = z
  .object({
    stepId: z.string(),
    instanceId: z.string().openapi({ description: '每次开启唯一：stepId#n' }),
    name: z.string(),
    mode: z.enum(['all-of', 'any-of', 'sequential']),
    legalBasis: z.string().optional(),
    openedAt: z.string(),
    dueDate: z.string(),
    dueAt: z.string(),
    provisional: z.boolean(),
    calendarVersion: z.number().int(),
    slots: z.array(ApprovalSlot),
    decisions: z.array(ApprovalDecision),
    lastUrgedDate: z.string().optional(),
    overdue: z.boolean(),
    outcome: StepOutcome.optional(),
    version: z.number().int(),
  })
  .openapi('ApprovalStep');

/** The approval state query of a running case; null when the case has no approval engine or is past retention. */
export const ApprovalView = z
  .object({
    current: ApprovalStep.optional(),
    awaitingRevision: z.object({ returnedBy: z.string(), comment: z.string(), since: z.string() }).optional(),
    completed: z.array(ApprovalStep),
  })
  .openapi('ApprovalView');
export type ApprovalView = z.infer<typeof ApprovalView>;

/** What an approval action did: the decision recorded and the step's outcome if it closed. */
export const ApprovalActionResult = z
  .object({
    stepId: z.string(),
    instanceId: z.string(),
    decision: ApprovalDecision,
    outcome: StepOutcome.optional(),
  })
  .openapi('ApprovalActionResult');
export type ApprovalActionResult = z.infer<typeof ApprovalActionResult>;
