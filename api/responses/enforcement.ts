// Enforcement cases (api/enforcement-view.ts, workflows/enforcement/types.ts) as the API answers them.
import { z } from '@hono/zod-openapi';
import { ApprovalView } from './approval';
import { DeadlineView, TimelineEntry } from './cases';

export const EnforcementBalance = z
  .object({
    asOf: z.string(),
    fineFen: z.number().int(),
    paidFen: z.number().int(),
    surchargeFen: z.number().int().openapi({ description: '应缴加处罚款（分）：已加处数额减去执行协议减免' }),
    surchargeAccruedFen: z.number().int().openapi({ description: '已加处罚款（分），不超过罚款数额' }),
    surchargeReducedFen: z.number().int().openapi({ description: '执行协议减免的加处罚款（分）' }),
    overdueDays: z.number().int(),
    capped: z.boolean(),
    outstandingFineFen: z.number().int(),
    outstandingSurchargeFen: z.number().int(),
    totalDueFen: z.number().int().openapi({ description: '今日应缴合计（分）' }),
    settled: z.boolean(),
  })
  .openapi('EnforcementBalance');
export type EnforcementBalance = z.infer<typeof EnforcementBalance>;

const serviceMethod = z.enum(['direct', 'left-at-premises', 'post', 'electronic', 'public-notice']);
const instalment = z.object({ dueDate: z.string(), amountFen: z.number().int() });
const SurchargeReduction = z
  .object({
    agreementNo: z.string(),
    decidedOn: z.string(),
    amountFen: z.number().int(),
    remedialMeasures: z.string(),
    basis: z.string(),
    decidedBy: z.string(),
  })
  .openapi('SurchargeReduction');
const challengeOutcome = z.enum(['upheld', 'revoked', 'varied']);

/** What the court has done with an application (receipt, acceptance, ruling, review, execution). */
export const CourtTrack = z
  .object({
    receiptNo: z.string().optional(),
    courtCaseNo: z.string().optional(),
    filedOn: z.string().optional(),
    receivedAt: z.string().optional(),
    acceptedOn: z.string().optional(),
    refusedOn: z.string().optional(),
    refusalReason: z.string().optional(),
    ruling: z.enum(['enforce', 'refuse']).optional(),
    ruledOn: z.string().optional(),
    reviewFiledOn: z.string().optional(),
    reviewDecidedOn: z.string().optional(),
    reviewOutcome: z.enum(['accepted', 'enforce', 'refused']).optional(),
    executionCaseNo: z.string().optional(),
    executedOn: z.string().optional(),
    executedAmountFen: z.number().int().optional(),
  })
  .openapi('CourtTrack');

/** The enforcement workflow's view of its case (workflows/enforcement/types.ts EnforcementView). */
export const EnforcementView = z
  .object({
    decisionNumber: z.string(),
    stage: z.string(),
    party: z.object({
      name: z.string(),
      unifiedSocialCreditCode: z.string().optional(),
      address: z.string().optional(),
      phone: z.string().optional(),
    }),
    servedOn: z.string(),
    serviceMethod,
    rectification: z.array(z.string()),
    money: z.object({
      fineFen: z.number().int(),
      paymentDeadline: z.string(),
      pauses: z.array(z.object({ from: z.string(), to: z.string().optional() })),
      deferredTo: z.string().optional(),
      instalments: z.array(instalment).optional(),
      scheduleApprovedOn: z.string().optional(),
      reductions: z.array(SurchargeReduction).optional(),
      payments: z.array(z.object({ date: z.string(), amountFen: z.number().int() })),
    }),
    balance: EnforcementBalance,
    challenges: z.array(
      z.object({
        kind: z.enum(['reconsideration', 'litigation']),
        filedOn: z.string(),
        decidedOn: z.string().optional(),
        outcome: challengeOutcome.optional(),
        newFineFen: z.number().int().optional(),
        acceptedOn: z.string().optional(),
        simpleProcedure: z.boolean().optional(),
        extendedDays: z.number().int().optional(),
        decisionDue: z.string().optional(),
        lapsedOn: z.string().optional(),
        instance: z.enum(['first', 'second']).optional(),
        firstInstance: z
          .object({
            decidedOn: z.string(),
            servedOn: z.string(),
            outcome: challengeOutcome,
            newFineFen: z.number().int().optional(),
            appealEnds: z.string(),
          })
          .optional(),
        appealedOn: z.string().optional(),
      }),
    ),
    deemedServedOn: z.string(),
    noticePublishedOn: z.string().optional(),
    onTheSpot: z.boolean(),
    remediesStated: z.boolean(),
    windows: z.object({
      reconsiderationEnds: z.string(),
      litigationEnds: z.string().optional(),
      reconsiderationFirst: z.boolean(),
      courtPathOpensAfter: z.string(),
      courtApplicationFrom: z.string(),
      courtApplicationDue: z.string().optional(),
    }),
    surchargeReductions: z.array(SurchargeReduction),
    publication: z.object({
      due: z.string(),
      publishedOn: z.string().optional(),
      withdrawalDue: z.string().optional(),
    }),
    deferral: z
      .object({
        kind: z.enum(['deferral', 'instalments']),
        status: z.enum(['pending', 'approved', 'rejected']),
        deferredTo: z.string().optional(),
        instalments: z.array(instalment).optional(),
      })
      .optional(),
    demand: z
      .object({
        documentNo: z.string(),
        title: z.string(),
        issuedOn: z.string(),
        addressee: z.string(),
        amounts: z.object({
          outstandingFineFen: z.number().int(),
          surchargeFen: z.number().int(),
          totalFen: z.number().int(),
          asOf: z.string(),
        }),
        sections: z.array(z.object({ heading: z.string(), body: z.string() })),
        citation: z.string(),
        text: z.string(),
        servedOn: z.string().optional(),
        serviceMethod: serviceMethod.optional(),
        noticePublishedOn: z.string().optional(),
        waitEnds: z.string().optional(),
      })
      .optional()
      .openapi({ description: '催告书（行政强制法第三十五条）及其送达' }),
    statement: z
      .object({ receivedOn: z.string(), summary: z.string(), reviewed: z.boolean(), upheld: z.boolean().optional() })
      .optional(),
    materials: z
      .array(z.object({ key: z.string(), label: z.string(), present: z.boolean(), missing: z.string().optional() }))
      .optional()
      .openapi({ description: '强制执行申请材料（行政强制法第五十五条）' }),
    court: CourtTrack.optional(),
    actingOrgId: z.string().optional(),
    outcome: z.string().optional(),
  })
  .openapi('EnforcementView');
export type EnforcementView = z.infer<typeof EnforcementView>;

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
    case: EnforcementView,
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
    court: CourtTrack,
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
