// Reading and acting on one case of the criminal-transfer and blacklist workflows: projection, deadlines,
// audit, live state; Update rejections mapped to 403/409/422 and audited.
import type { Client } from '@temporalio/client';
import { and, asc, eq } from 'drizzle-orm';
import { appendAudit } from '../db/audit-trail';
import type { Db } from '../db/client';
import { auditLog, caseDeadlines, cases } from '../db/schema';
import { approvalStateQuery, type ApprovalView } from '../workflows/approval/messages';
import type { RejectionCode } from '../workflows/approval/types';
import { caseStateQuery } from '../workflows/case/case-record';
import type { CaseKind, CaseSnapshot } from '../workflows/case/types';
import type { AuthUser } from './context';
import { HttpProblem } from './problem';
import { updateRefusalOf } from './update-refusal';

/** Supervisors who may read every department's cases. */
const overseeingRoles = ['safety-office', 'district-leader', 'admin'] as const;

export function oversees(user: AuthUser): boolean {
  return user.roles.some((r) => (overseeingRoles as readonly string[]).includes(r));
}

export function canSeeDepartment(user: AuthUser, departmentId: string): boolean {
  return user.departmentId === departmentId || oversees(user);
}

/** The case row, or 404; a user outside the department gets 403, audited. */
export async function findCase(db: Db, user: AuthUser, kind: CaseKind, caseNumber: string) {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.kind, kind), eq(cases.caseNumber, caseNumber)))
    .limit(1);
  if (!row) throw HttpProblem.notFound(`案件 ${caseNumber} 不存在`);
  if (!canSeeDepartment(user, row.departmentId)) {
    await appendAudit(db, {
      actor: user.id,
      action: `${kind}.read`,
      outcome: 'denied',
      comment: '不属于本单位的案件',
      workflowId: row.workflowId,
      caseId: caseNumber,
    });
    throw HttpProblem.forbidden('该案件不属于您所在的单位');
  }
  return row;
}

/** Projection + every deadline with its basis and whether it was met + audit trail + the live approval view. */
export async function caseDetail(db: Db, temporal: Client, row: typeof cases.$inferSelect) {
  const [deadlines, audit] = await Promise.all([
    db
      .select()
      .from(caseDeadlines)
      .where(eq(caseDeadlines.workflowId, row.workflowId))
      .orderBy(asc(caseDeadlines.dueDate)),
    db.select().from(auditLog).where(eq(auditLog.workflowId, row.workflowId)).orderBy(asc(auditLog.seq)),
  ]);
  let live: CaseSnapshot | null = null;
  let approval: ApprovalView | null = null;
  if (row.status === 'open') {
    const handle = temporal.workflow.getHandle(row.workflowId);
    [live, approval] = await Promise.all([
      handle.query(caseStateQuery).catch(() => null),
      handle.query(approvalStateQuery).catch(() => null),
    ]);
  }
  return {
    case: row,
    deadlines: deadlines.map((d) => ({
      key: d.key,
      label: d.label,
      basisId: d.basisId,
      citation: d.citation,
      owedBy: d.owedBy,
      dueDate: d.dueDate,
      dueAt: d.dueAt,
      provisional: d.provisional,
      status: d.status,
      metAt: d.metAt,
    })),
    timeline: audit.map((a) => ({
      seq: a.seq,
      at: a.at,
      actor: a.actor,
      action: a.action,
      outcome: a.outcome,
      comment: a.comment,
      legalBasis: a.legalBasis,
      step: a.step,
    })),
    live,
    approval,
  };
}

// The request field a validator rejection is about, so a 422 names it.
const fieldOf: Partial<Record<RejectionCode, string>> = { COMMENT_REQUIRED: 'body.reasons', INVALID_ACTION: 'body' };

/** Runs an Update; a rejection by the workflow's validator becomes problem+json and an audit entry. */
export async function runCaseUpdate<T>(
  db: Db,
  user: AuthUser,
  context: { workflowId: string; caseId: string; action: string },
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const refusal = updateRefusalOf(err);
    if (!refusal) throw err;
    let status = 409;
    let reason = '案件已办结';
    let code: RejectionCode | undefined;
    if (refusal.kind === 'rejected') {
      code = (refusal.code ?? 'INVALID_ACTION') as RejectionCode;
      status = refusal.status;
      reason = refusal.reason ?? '操作被拒绝';
    }
    await appendAudit(db, {
      actor: user.id,
      action: context.action,
      outcome: status === 403 ? 'denied' : 'rejected',
      comment: reason,
      workflowId: context.workflowId,
      caseId: context.caseId,
    });
    const field = code ? fieldOf[code] : undefined;
    throw new HttpProblem(
      status,
      status === 403 ? '无权执行此操作' : status === 409 ? '状态冲突' : '请求无法处理',
      reason,
      field ? [{ field, rule: code!.toLowerCase(), message: reason }] : undefined,
      code ? { code } : {},
    );
  }
}
