// Cases of every kind (db/schema/cases.ts, audit.ts) as the API answers them.
import { z } from '@hono/zod-openapi';
import { page } from './http';

const caseKinds = [
  'enforcement',
  'criminal-transfer',
  'accident',
  'blacklist',
  'annual-plan',
  'plan-cycle',
  'entrustment',
  'approval-request',
] as const;

/** Free-form JSON the record keeps as it was given (jsonb), e.g. an audit entry's detail. */
export const JsonObject = z
  .record(z.string(), z.unknown())
  .openapi('JsonObject', { description: '原样保存的 JSON 对象（因操作或案件类型而异）' });

export const CaseRow = z
  .object({
    workflowId: z.string(),
    kind: z.enum(caseKinds),
    caseNumber: z.string(),
    title: z.string(),
    departmentId: z.string(),
    stage: z.string(),
    stageLabel: z.string(),
    status: z.enum(['open', 'closed']),
    outcome: z.string().nullable(),
    nextDeadline: z.string().nullable(),
    summary: JsonObject.openapi({ description: '工作流最近一次报告的案件摘要' }),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('CaseRow');
export type CaseRow = z.infer<typeof CaseRow>;

export const CaseDeadlineRow = z
  .object({
    workflowId: z.string(),
    key: z.string(),
    label: z.string(),
    basisId: z.string().nullable(),
    citation: z.string().nullable(),
    owedBy: z.string().openapi({ description: '履行义务方：本机关、当事人、法院、公安机关…' }),
    dueDate: z.string(),
    dueAt: z.string().nullable(),
    provisional: z.boolean(),
    status: z.enum(['pending', 'met', 'missed', 'cancelled']),
    metAt: z.string().nullable(),
  })
  .openapi('CaseDeadlineRow');

/** One audit record without its chain link (the CSV export carries the hashes). */
export const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    actingFor: z.string().nullable(),
    action: z.string(),
    outcome: z.enum(['ok', 'denied', 'rejected']),
    comment: z.string().nullable(),
    workflowId: z.string().nullable(),
    caseId: z.string().nullable(),
    step: z.string().nullable(),
    legalBasis: z.string().nullable(),
    detail: JsonObject.nullable(),
    dedupeKey: z.string().nullable(),
    hash: z.string(),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A timeline line of a case view: what was done, by whom, on what basis. */
export const TimelineEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    actingFor: z.string().nullable(),
    action: z.string(),
    outcome: z.enum(['ok', 'denied', 'rejected']),
    comment: z.string().nullable(),
    legalBasis: z.string().nullable(),
    step: z.string().nullable(),
    detail: JsonObject.nullable(),
  })
  .openapi('TimelineEntry');

/** A statutory deadline as a case view shows it: met or not, working days left. */
export const DeadlineView = z
  .object({
    key: z.string(),
    label: z.string(),
    basisId: z.string().nullable(),
    citation: z.string().nullable(),
    owedBy: z.string(),
    dueDate: z.string(),
    provisional: z.boolean(),
    status: z.enum(['pending', 'met', 'missed', 'cancelled']),
    met: z.boolean().nullable(),
    metAt: z.string().nullable(),
    overdue: z.boolean(),
    workingDaysLeft: z.number().int().nullable(),
  })
  .openapi('DeadlineView');
export type DeadlineView = z.infer<typeof DeadlineView>;

export const CaseList = page(CaseRow).openapi('CaseList');
export type CaseList = z.infer<typeof CaseList>;

export const CaseDetail = z
  .object({ case: CaseRow, deadlines: z.array(CaseDeadlineRow), history: z.array(AuditEntry) })
  .openapi('CaseDetail');
export type CaseDetail = z.infer<typeof CaseDetail>;

/** A case just started: its workflow and number. */
export const CaseStarted = z.object({ workflowId: z.string(), caseNumber: z.string() }).openapi('CaseStarted');
export type CaseStarted = z.infer<typeof CaseStarted>;
