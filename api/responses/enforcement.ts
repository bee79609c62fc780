// Enforcement cases (api/enforcement-view.ts, workflows/enforcement/types.ts) as the API answers them.
import { z } from '@hono/zod-openapi';
import { ApprovalView } from './approval';
import { DeadlineView, JsonObject, TimelineEntry } from './cases';

export const EnforcementBalance = z
  .object({
    asOf: z.string(),
    fineFen: z.number().int(),
    paidFen: z.number().int(),
    surchargeFen: z.number().int().openapi({ description: '加处罚款（分），不超过罚款数额' }),
    overdueDays: z.number().int(),
    capped: z.boolean(),
    outstandingFineFen: z.number().int(),
    outstandingSurchargeFen: z.number().int(),
    totalDueFen: z.number().int().openapi({ description: '今日应缴合计（分）' }),
    settled: z.boolean(),
  })
  .openapi('EnforcementBalance');
export type EnforcementBalance = z.infer<typeof EnforcementBalance>;

const caseHead = {
  caseNumber: z.string(),
  title: z.string(),
  departmentId: z.string(),
  stage: z.string(),
  stageLabel: z.string(),
  status: z.enum(['open', 'closed']),
  outcome: z.string().nullable(),
};

export const EnforcementCaseDetail = z
  .object({
    ...caseHead,
    workflowId: z.string(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    balance: EnforcementBalance.nullable().openapi({ description: '按今日计算的应缴金额（含加处罚款）' }),
    case: JsonObject.openapi({ description: '工作流的案件视图（EnforcementView：当事人、金额、复议诉讼、催告、法院）' }),
    approval: ApprovalView.nullable(),
    deadlines: z.array(DeadlineView),
    timeline: z.array(TimelineEntry),
  })
  .openapi('EnforcementCaseDetail');
export type EnforcementCaseDetail = z.infer<typeof EnforcementCaseDetail>;

export const EnforcementCaseSummary = z
  .object({
    ...caseHead,
    workflowId: z.string(),
    nextDeadline: z.string().nullable(),
    openedAt: z.string(),
    balance: EnforcementBalance.nullable(),
  })
  .openapi('EnforcementCaseSummary');

export const EnforcementCaseList = z
  .object({ items: z.array(EnforcementCaseSummary), total: z.number().int() })
  .openapi('EnforcementCaseList');
export type EnforcementCaseList = z.infer<typeof EnforcementCaseList>;

/** One court application in the tracker: what the court owes and by when, what the agency owes. */
export const CourtTrackerEntry = z
  .object({
    ...caseHead,
    court: JsonObject.openapi({ description: '法院办理进度（受理、裁定、执行的日期与文号）' }),
    courtOwes: z
      .object({
        what: z.string(),
        owedBy: z.string(),
        dueDate: z.string(),
        citation: z.string().nullable(),
        workingDaysLeft: z.number().int().nullable(),
        overdue: z.boolean(),
      })
      .nullable(),
    agencyOwes: z
      .object({
        what: z.string(),
        dueDate: z.string(),
        workingDaysLeft: z.number().int().nullable(),
        overdue: z.boolean(),
      })
      .nullable(),
    overdueCourtReply: z.boolean(),
    courtDeadlines: z.array(DeadlineView),
  })
  .openapi('CourtTrackerEntry');
export type CourtTrackerEntry = z.infer<typeof CourtTrackerEntry>;
