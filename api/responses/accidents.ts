// Accident cases (api/routes/accidents.ts, workflows/accident/types.ts) as the API answers them.
import { z } from '@hono/zod-openapi';
import { ApprovalView } from './approval';
import { CaseDeadlineRow } from './case-view';
import { CaseRow, JsonObject } from './cases';

const figures = z.object({
  deaths: z.number().int(),
  seriousInjuries: z.number().int(),
  directLossFen: z.number().int().openapi({ description: '直接经济损失（分）' }),
});
const reportDocument = { documentNo: z.string(), title: z.string(), url: z.string().optional() };
const crew = z.array(z.object({ departmentId: z.string(), name: z.string() }));

export const AccidentRegistered = z
  .object({
    workflowId: z.string(),
    caseNumber: z.string(),
    level: z.string(),
    levelName: z.string(),
    investigatedBy: z.string(),
  })
  .openapi('AccidentRegistered');
export type AccidentRegistered = z.infer<typeof AccidentRegistered>;

export const AccidentSummary = z
  .object({
    caseNumber: z.string(),
    title: z.string(),
    stage: z.string(),
    stageLabel: z.string(),
    status: z.enum(['open', 'closed']),
    level: z
      .string()
      .optional()
      .openapi({ description: '事故等级（general / major / serious / particularly-serious）' }),
    levelName: z.string().optional(),
    nextDeadline: z.string().nullable(),
    openedAt: z.string(),
  })
  .openapi('AccidentSummary');

export const AccidentList = z
  .object({ total: z.number().int(), items: z.array(AccidentSummary) })
  .openapi('AccidentList');
export type AccidentList = z.infer<typeof AccidentList>;

/** What the accident workflow reports while it runs (the `accident.state` query). */
export const AccidentState = z
  .object({
    stage: z.enum([
      'investigation',
      'reported-upward',
      'in-approval',
      'publication-review',
      'awaiting-publication',
      'follow-up',
      'closed',
    ]),
    figures,
    classification: z.object({
      level: z.enum(['particularly-serious', 'serious', 'major', 'general']),
      nameZh: z.string(),
      decidedBy: z.array(z.enum(['deaths', 'serious-injuries', 'direct-economic-loss'])),
      investigatedBy: z.enum(['state-council', 'province', 'city', 'district']),
      investigatedByZh: z.string(),
      mayDelegateToUnit: z.boolean(),
      approvalDays: z.number().int(),
      approvalExtensionDays: z.number().int(),
      approvalBasisId: z.string(),
    }),
    gradings: z.array(z.object({ at: z.string(), level: z.string(), figures, by: z.string() })),
    reportingChain: z.array(
      z.object({
        key: z.string(),
        from: z.string(),
        to: z.string(),
        hours: z.number(),
        dueAt: z.string(),
        basisId: z.string(),
        citation: z.string(),
      }),
    ),
    team: z.object({ leader: z.string(), members: crew, formedAt: z.string() }).optional(),
    extension: z
      .object({ days: z.number().int(), reason: z.string(), status: z.enum(['pending', 'approved', 'rejected']) })
      .optional(),
    pausedSince: z.string().optional(),
    pausedDays: z.number().int(),
    pauses: z.array(z.object({ from: z.string(), to: z.string().optional(), reason: z.string() })),
    report: z.object({ ...reportDocument, submittedAt: z.string() }).optional(),
    handling: z.object({
      penalties: z.array(
        z.object({
          party: z.string(),
          creditCode: z.string().optional(),
          measure: z.string(),
          fineFen: z.number().int().optional(),
        }),
      ),
      responsibleUnits: z.array(z.object({ name: z.string(), creditCode: z.string().optional() })),
      suspectedCrimes: z.array(z.object({ suspect: z.string(), offence: z.string() })),
    }),
    approvedOn: z.string().optional(),
    redactions: z.string().optional(),
    publishRequested: z.boolean(),
    publication: z.object({ receiptNo: z.string(), documentUrl: z.string(), publishedAt: z.string() }).optional(),
    copies: z.record(
      z.string(),
      z.object({ name: z.string(), receivedAt: z.string().optional(), by: z.string().optional() }),
    ),
    evaluation: z
      .object({
        ...reportDocument,
        conclusion: z.string(),
        submittedAt: z.string(),
        publishedAt: z.string().optional(),
        documentUrl: z.string().optional(),
      })
      .optional(),
    upwardConclusion: z.object({ ...reportDocument, at: z.string() }).optional(),
    enforcementCases: z
      .record(z.string(), z.object({ decisionNumber: z.string(), workflowId: z.string() }))
      .openapi({ description: '按处理意见中罚款的序号：已启动的执行案件' }),
  })
  .openapi('AccidentState');

export const AccidentDetail = z
  .object({
    case: CaseRow,
    deadlines: z.array(CaseDeadlineRow),
    audit: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        actor: z.string(),
        action: z.string(),
        outcome: z.enum(['ok', 'denied', 'rejected']),
        comment: z.string().nullable(),
        legalBasis: z.string().nullable(),
        detail: JsonObject.nullable(),
      }),
    ),
    live: AccidentState.nullable().openapi({ description: '办理中案件的实时状态；已结案或暂不可查询时为 null' }),
    approval: ApprovalView.nullable(),
  })
  .openapi('AccidentDetail');
export type AccidentDetail = z.infer<typeof AccidentDetail>;

export const AccidentActResult = z
  .object({
    requestId: z.string(),
    stage: z.string(),
    level: z.string().optional().openapi({ description: '本次办理改变了事故等级时：新的等级' }),
    investigationDue: z.string().optional().openapi({ description: '本次办理改变了调查期限时：新的期限' }),
  })
  .openapi('AccidentActResult');
export type AccidentActResult = z.infer<typeof AccidentActResult>;

export const PublishedAccidentReport = z
  .object({
    caseNumber: z.string(),
    title: z.string(),
    levelName: z.string(),
    enterpriseName: z.string(),
    occurredOn: z.string(),
    approvedOn: z.string(),
    publishedAt: z.string(),
    documentUrl: z.string(),
    legalBasis: z.string(),
    evaluationPublishedAt: z.string().nullable(),
    evaluationUrl: z.string().nullable(),
  })
  .openapi('PublishedAccidentReport');
