// One case of the criminal-transfer and blacklist workflows (api/criminal-transfer-view.ts): projection, deadlines,
// timeline, the workflow's live snapshot and its approval view.
import { z } from '@hono/zod-openapi';
import { ApprovalView } from './approval';
import { CaseRow, JsonObject } from './cases';

const caseKinds = CaseRow.shape.kind;
const deadlineStatus = z.enum(['pending', 'met', 'missed', 'cancelled']);

/** A case as its workflow reports it right now (the `case.state` query). */
export const CaseSnapshot = z
  .object({
    workflowId: z.string(),
    kind: caseKinds,
    caseNumber: z.string(),
    title: z.string(),
    departmentId: z.string(),
    stage: z.string(),
    stageLabel: z.string(),
    status: z.enum(['open', 'closed']),
    outcome: z.string().optional(),
    summary: JsonObject,
    openedAt: z.string(),
    closedAt: z.string().optional(),
    deadlines: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        basisId: z.string().optional(),
        citation: z.string().optional(),
        owedBy: z.string(),
        dueDate: z.string(),
        dueAt: z.string().optional(),
        provisional: z.boolean(),
        status: deadlineStatus,
        metAt: z.string().optional(),
      }),
    ),
    version: z.number().int(),
  })
  .openapi('CaseSnapshot');

/** A row of `case_deadlines` as the case routes answer it. */
export const CaseDeadlineRow = z
  .object({
    key: z.string(),
    label: z.string(),
    basisId: z.string().nullable(),
    citation: z.string().nullable(),
    owedBy: z.string(),
    dueDate: z.string(),
    dueAt: z.string().nullable(),
    provisional: z.boolean(),
    status: deadlineStatus,
    metAt: z.string().nullable(),
  })
  .openapi('CaseDeadlineRow');

export const CaseView = z
  .object({
    case: CaseRow,
    deadlines: z.array(CaseDeadlineRow),
    timeline: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        actor: z.string(),
        action: z.string(),
        outcome: z.enum(['ok', 'denied', 'rejected']),
        comment: z.string().nullable(),
        legalBasis: z.string().nullable(),
        step: z.string().nullable(),
      }),
    ),
    live: CaseSnapshot.nullable().openapi({ description: '办理中案件的实时状态；已办结或暂不可查询时为 null' }),
    approval: ApprovalView.nullable(),
  })
  .openapi('CaseView');
export type CaseView = z.infer<typeof CaseView>;

export const BlacklistEntry = z
  .object({
    workflowId: z.string(),
    caseNumber: z.string(),
    departmentId: z.string(),
    enterpriseName: z.string(),
    creditCode: z.string(),
    reason: z.string(),
    decisionNo: z.string(),
    restrictions: z.array(z.string()),
    startsOn: z.string(),
    endsOn: z.string(),
    status: z.enum(['pending-approval', 'rejected', 'awaiting-start', 'listed', 'removed']),
    entryNo: z.string().nullable(),
    listedOn: z.string().nullable(),
    removedOn: z.string().nullable(),
    removalReason: z.string().nullable(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('BlacklistEntry');

export const BlacklistCaseView = CaseView.extend({ entry: BlacklistEntry.nullable() }).openapi('BlacklistCaseView');
export type BlacklistCaseView = z.infer<typeof BlacklistCaseView>;

export const CaseRowList = z.object({ items: z.array(CaseRow), total: z.number().int() }).openapi('CaseRowList');

export const ActionAccepted = z
  .object({ accepted: z.literal(true), stage: z.string() })
  .openapi('ActionAccepted', { description: '已受理；案件现处阶段' });
