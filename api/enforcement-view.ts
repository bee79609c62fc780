// Reading enforcement cases for the API: one case with live balance, deadlines and audit; the court tracker;
// and officer actions as Updates whose rejections become 403/409/422 problem+json with an audit entry.
import type { Client } from '@temporalio/client';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../db/audit-trail';
import type { Db } from '../db/client';
import { auditLog, caseDeadlines, cases } from '../db/schema';
import { workingDaysBetween, type CalendarSnapshot } from '../domain/calendar';
import { todayInShanghai } from '../domain/dates';
import { enforcementBalance, type EnforcementMoney } from '../domain/enforcement-balance';
import { approvalStateQuery, type ApprovalView } from '../workflows/approval/messages';
import { enforcementViewQuery } from '../workflows/enforcement/messages';
import type { CourtTrack, EnforcementView } from '../workflows/enforcement/types';
import type { AuthUser } from './context';
import { HttpProblem } from './problem';
import { updateRefusalOf } from './update-refusal';

const overseeingRoles = ['safety-office', 'district-leader', 'admin'];
export const courtOwers = ['法院', '上一级法院'];

export function seesAllDepartments(user: AuthUser): boolean {
  return user.roles.some((r) => overseeingRoles.includes(r));
}

/** The case, or 404; outside the department (and not a supervisor) → 403, audited. */
export async function findEnforcementCase(db: Db, user: AuthUser, caseNumber: string, purpose: 'read' | 'act') {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.kind, 'enforcement'), eq(cases.caseNumber, caseNumber)))
    .limit(1);
  if (!row) throw HttpProblem.notFound(`执行案件 ${caseNumber} 不存在`);
  const own = user.departmentId === row.departmentId;
  const allowed =
    purpose === 'read'
      ? own || seesAllDepartments(user)
      : own && user.roles.some((r) => r === 'officer' || r === 'department-head');
  if (!allowed) {
    await appendAudit(db, {
      actor: user.id,
      action: `enforcement.${purpose}`,
      outcome: 'denied',
      comment: purpose === 'read' ? '不属于本单位的案件' : '只有本单位执法人员或负责人可以办理',
      workflowId: row.workflowId,
      caseId: caseNumber,
    });
    throw HttpProblem.forbidden(
      purpose === 'read' ? '该案件不属于您所在的单位' : '只有作出决定的单位的执法人员或负责人可以办理该案件',
    );
  }
  return row;
}

/** What the party owes today, from the money facts in the case summary (never stale). */
export function liveBalance(summary: Record<string, unknown>, today = todayInShanghai(Date.now())) {
  const money = summary.money as EnforcementMoney | undefined;
  if (!money) return null;
  const lastPaid = money.payments
    .map((p) => p.date)
    .sort()
    .at(-1);
  return enforcementBalance(money, lastPaid && lastPaid > today ? lastPaid : today);
}

type DeadlineRow = typeof caseDeadlines.$inferSelect;

export function deadlineOut(d: DeadlineRow, calendar: CalendarSnapshot, today: string) {
  const pending = d.status === 'pending';
  return {
    key: d.key,
    label: d.label,
    basisId: d.basisId,
    citation: d.citation,
    owedBy: d.owedBy,
    dueDate: d.dueDate,
    provisional: d.provisional,
    status: d.status,
    met: d.status === 'met' ? true : d.status === 'missed' ? false : null,
    metAt: d.metAt,
    overdue: pending && today > d.dueDate,
    workingDaysLeft: pending ? workingDaysBetween(calendar, today, d.dueDate) : null,
  };
}

export async function enforcementDetail(
  db: Db,
  temporal: Client,
  row: typeof cases.$inferSelect,
  calendar: CalendarSnapshot,
) {
  const today = todayInShanghai(Date.now());
  const [deadlines, audit] = await Promise.all([
    db
      .select()
      .from(caseDeadlines)
      .where(eq(caseDeadlines.workflowId, row.workflowId))
      .orderBy(asc(caseDeadlines.dueDate)),
    db.select().from(auditLog).where(eq(auditLog.workflowId, row.workflowId)).orderBy(asc(auditLog.seq)),
  ]);
  let live: EnforcementView | null = null;
  let approval: ApprovalView | null = null;
  if (row.status === 'open') {
    const handle = temporal.workflow.getHandle(row.workflowId);
    [live, approval] = await Promise.all([
      handle.query(enforcementViewQuery).catch(() => null),
      handle.query(approvalStateQuery).catch(() => null),
    ]);
  }
  const summary = (live ?? row.summary) as unknown as Record<string, unknown>;
  return {
    caseNumber: row.caseNumber,
    workflowId: row.workflowId,
    title: row.title,
    departmentId: row.departmentId,
    stage: row.stage,
    stageLabel: row.stageLabel,
    status: row.status,
    outcome: row.outcome,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    balance: liveBalance(summary, today),
    case: summary as unknown as EnforcementView,
    approval,
    deadlines: deadlines.map((d) => deadlineOut(d, calendar, today)),
    timeline: audit.map((a) => ({
      seq: a.seq,
      at: a.at,
      actor: a.actor,
      actingFor: a.actingFor,
      action: a.action,
      outcome: a.outcome,
      comment: a.comment,
      legalBasis: a.legalBasis,
      step: a.step,
      detail: a.detail,
    })),
  };
}

const courtStages = [
  'court-filing',
  'court-acceptance',
  'acceptance-refused',
  'acceptance-review',
  'court-ruling',
  'refusal-ruled',
  'refusal-review',
  'court-execution',
];

/** Every court application: stage, what the court owes and by when (working days left), overdue replies first. */
export async function courtTracker(db: Db, calendar: CalendarSnapshot, departmentId?: string) {
  const today = todayInShanghai(Date.now());
  const rows = (
    await db
      .select()
      .from(cases)
      .where(and(eq(cases.kind, 'enforcement'), ...(departmentId ? [eq(cases.departmentId, departmentId)] : [])))
  ).filter(
    (r) => courtStages.includes(r.stage) || Boolean((r.summary as { court?: { receiptNo?: string } }).court?.receiptNo),
  );
  if (rows.length === 0) return [];
  const deadlines = await db
    .select()
    .from(caseDeadlines)
    .where(
      inArray(
        caseDeadlines.workflowId,
        rows.map((r) => r.workflowId),
      ),
    );
  const items = rows.map((r) => {
    const mine = deadlines.filter((d) => d.workflowId === r.workflowId).map((d) => deadlineOut(d, calendar, today));
    const courtDeadlines = mine
      .filter((d) => courtOwers.includes(d.owedBy))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const owed = courtDeadlines.find((d) => d.status === 'pending');
    const agencyOwes = mine.find((d) => d.status === 'pending' && d.owedBy === '本机关');
    const court: CourtTrack = (r.summary as { court?: CourtTrack }).court ?? {};
    return {
      caseNumber: r.caseNumber,
      title: r.title,
      departmentId: r.departmentId,
      stage: r.stage,
      stageLabel: r.stageLabel,
      status: r.status,
      outcome: r.outcome,
      court,
      courtOwes: owed
        ? {
            what: owed.label,
            owedBy: owed.owedBy,
            dueDate: owed.dueDate,
            citation: owed.citation,
            workingDaysLeft: owed.workingDaysLeft,
            overdue: owed.overdue,
          }
        : null,
      agencyOwes: agencyOwes
        ? {
            what: agencyOwes.label,
            dueDate: agencyOwes.dueDate,
            workingDaysLeft: agencyOwes.workingDaysLeft,
            overdue: agencyOwes.overdue,
          }
        : null,
      overdueCourtReply: Boolean(owed?.overdue),
      courtDeadlines,
    };
  });
  return items.sort(
    (a, b) =>
      Number(b.overdueCourtReply) - Number(a.overdueCourtReply) ||
      (a.courtOwes?.dueDate ?? '9999').localeCompare(b.courtOwes?.dueDate ?? '9999'),
  );
}

/** Runs an officer's Update; a validator rejection or a closed case becomes problem+json, audited. */
export async function runEnforcementUpdate<T>(
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
    let [status, rule, reason] = [409, 'CASE_CLOSED', '案件已办结，不能再办理'];
    if (refusal.kind === 'rejected') {
      rule = refusal.code ?? 'INVALID_ACTION';
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
      detail: { rule },
    });
    if (status === 409)
      throw new HttpProblem(409, '状态冲突', reason, [{ field: 'body.action', rule, message: reason }]);
    if (status === 403) throw HttpProblem.forbidden(reason);
    throw HttpProblem.unprocessable(
      rule === 'INVALID_DATE' || rule === 'INVALID_AMOUNT' ? 'body' : 'body.action',
      rule,
      reason,
    );
  }
}
