// Reading enforcement cases for the API: one case with live balance, deadlines and audit; the court tracker.
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { caseDeadlines, cases } from '../db/schema';
import { workingDaysBetween, type CalendarSnapshot } from '../domain/calendar';
import { todayInShanghai } from '../domain/dates';
import { enforcementBalance, type EnforcementMoney } from '../domain/enforcement-balance';
import type { CourtTrack, EnforcementView } from '../workflows/enforcement/types';
import { timelineView, type CaseDetail } from './cases/desk';

export const courtOwers = ['法院', '上一级法院'];

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

/** The case with its live balance, each deadline with working days left, and its timeline. */
export function enforcementDetail(d: CaseDetail<EnforcementView>, calendar: CalendarSnapshot) {
  const today = todayInShanghai(Date.now());
  const row = d.case;
  const summary = (d.live ?? row.summary) as unknown as Record<string, unknown>;
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
    approval: d.approval,
    deadlines: d.deadlines.map((x) => deadlineOut(x, calendar, today)),
    timeline: d.audit.map(timelineView),
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
export async function courtTracker(db: Db, calendar: CalendarSnapshot, visible: SQL | undefined) {
  const today = todayInShanghai(Date.now());
  const rows = (
    await db
      .select()
      .from(cases)
      .where(and(eq(cases.kind, 'enforcement'), visible))
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
