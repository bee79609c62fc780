// Annual supervision-inspection plan (年度监督检查计划, §十四): content, working-day budget, amendment diff
// and quarterly completion. Pure rules shared by the workflow, the activities and the API.
import { workingDaysBetween, isProvisionalDate, type CalendarSnapshot } from './calendar';
import { daysInMonth } from './dates';

export const inspectionKinds = ['routine', 'key', 'random'] as const;
export type InspectionKind = (typeof inspectionKinds)[number];
export interface PlanItem {
  itemId: string;
  /** A named enterprise, or a category of units (e.g. 全区加油站) when the item covers many. */
  enterpriseId?: string;
  category?: string;
  kind: InspectionKind;
  quarter: 1 | 2 | 3 | 4;
  /** The provision the inspection enforces, e.g. 《安全生产法》第六十二条. */
  legalBasis: string;
  /** Enforcement working days (人·日) the inspection takes. */
  plannedDays: number;
}

export interface PlanContent {
  items: PlanItem[];
  /** Enforcement staff with credentials available to the plan (安监总政法〔2017〕150号 inputs). */
  enforcementStaff: number;
  /** Person-days taken by other duties (training, accident response, meetings). */
  otherDutyDays: number;
  note?: string;
}

export interface PlanProblem {
  field: string;
  rule: string;
  message: string;
}

export interface WorkingDayBudget {
  year: number;
  workingDaysInYear: number;
  /** True when the year's holiday notice is not loaded yet (weekends only). */
  provisional: boolean;
  budgetDays: number;
  plannedDays: number;
}

/** Statutory working days of the year on the calendar (weekdays − holidays + adjusted working days). */
export function workingDaysInYear(calendar: CalendarSnapshot, year: number): { days: number; provisional: boolean } {
  return {
    days: workingDaysBetween(calendar, `${year - 1}-12-31`, `${year}-12-31`),
    provisional: isProvisionalDate(calendar, `${year}-06-30`),
  };
}

/** Budget = staff × working days of the year − other duties; planned = Σ planned days of the items. */
export function workingDayBudget(
  calendar: CalendarSnapshot,
  year: number,
  content: Pick<PlanContent, 'items' | 'enforcementStaff' | 'otherDutyDays'>,
): WorkingDayBudget {
  const wd = workingDaysInYear(calendar, year);
  const plannedDays = content.items.reduce((sum, i) => sum + i.plannedDays, 0);
  return {
    year,
    workingDaysInYear: wd.days,
    provisional: wd.provisional,
    budgetDays: content.enforcementStaff * wd.days - content.otherDutyDays,
    plannedDays,
  };
}

/** Every problem with a plan, each naming the field and the rule; empty when the plan may be submitted. */
export function checkPlan(
  calendar: CalendarSnapshot,
  year: number,
  content: PlanContent,
  knownEnterpriseIds?: ReadonlySet<string>,
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (content.items.length === 0)
    problems.push({ field: 'items', rule: 'required', message: '计划至少应包含一项检查' });
  const seen = new Set<string>();
  content.items.forEach((item, i) => {
    const at = `items.${i}`;
    if (seen.has(item.itemId))
      problems.push({ field: `${at}.itemId`, rule: 'duplicate', message: `检查项编号 ${item.itemId} 重复` });
    seen.add(item.itemId);
    if (!item.enterpriseId && !item.category)
      problems.push({ field: `${at}.enterpriseId`, rule: 'required', message: '须指定检查企业或检查类别' });
    if (item.enterpriseId && knownEnterpriseIds && !knownEnterpriseIds.has(item.enterpriseId))
      problems.push({
        field: `${at}.enterpriseId`,
        rule: 'unknown_enterprise',
        message: `企业 ${item.enterpriseId} 不在监管企业名录中`,
      });
    if (!(Number.isFinite(item.plannedDays) && item.plannedDays > 0))
      problems.push({ field: `${at}.plannedDays`, rule: 'positive', message: '计划检查天数必须为正数' });
  });
  const budget = workingDayBudget(calendar, year, content);
  if (budget.plannedDays > budget.budgetDays) {
    problems.push({
      field: 'items',
      rule: 'over_budget',
      message:
        `计划检查 ${budget.plannedDays} 个工作日，超出执法工作日预算 ${budget.budgetDays} ` +
        `个工作日（${year}年法定工作日 ${budget.workingDaysInYear} 天 × ${content.enforcementStaff} 人 − ` +
        `其他工作 ${content.otherDutyDays} 天）`,
    });
  }
  return problems;
}

export interface PlanDiff {
  added: PlanItem[];
  removed: PlanItem[];
  changed: Array<{ itemId: string; changes: Record<string, { from: unknown; to: unknown }> }>;
  budget: Record<string, { from: unknown; to: unknown }>;
}

/** What an amendment changes (recorded with the amendment and shown to the approvers). */
export function diffPlans(before: PlanContent, after: PlanContent): PlanDiff {
  const beforeById = new Map(before.items.map((i) => [i.itemId, i]));
  const afterById = new Map(after.items.map((i) => [i.itemId, i]));
  const changed: PlanDiff['changed'] = [];
  for (const item of after.items) {
    const old = beforeById.get(item.itemId);
    if (!old) continue;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['enterpriseId', 'category', 'kind', 'quarter', 'legalBasis', 'plannedDays'] as const) {
      if (old[key] !== item[key]) changes[key] = { from: old[key] ?? null, to: item[key] ?? null };
    }
    if (Object.keys(changes).length > 0) changed.push({ itemId: item.itemId, changes });
  }
  const budget: PlanDiff['budget'] = {};
  for (const key of ['enforcementStaff', 'otherDutyDays'] as const)
    if (before[key] !== after[key]) budget[key] = { from: before[key], to: after[key] };
  return {
    added: after.items.filter((i) => !beforeById.has(i.itemId)),
    removed: before.items.filter((i) => !afterById.has(i.itemId)),
    changed,
    budget,
  };
}

export function isEmptyDiff(d: PlanDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0 && Object.keys(d.budget).length === 0;
}

export function quarterEnd(year: number, quarter: number): string {
  const month = quarter * 3;
  return `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

export interface ItemExecution {
  itemId: string;
  onSitePlanOn?: string | null;
  completedOn?: string | null;
}

export interface QuarterProgress {
  quarter: number;
  planned: number;
  onSitePlans: number;
  completed: number;
  /** Cumulative to the end of the quarter: inspections due so far and done so far. */
  dueSoFar: number;
  doneSoFar: number;
  behind: boolean;
}

/** Completion per quarter; a department is behind when fewer inspections are done than were due so far. */
export function quarterlyProgress(items: readonly PlanItem[], executions: readonly ItemExecution[]): QuarterProgress[] {
  const done = new Map(executions.map((e) => [e.itemId, e]));
  let dueSoFar = 0;
  let doneSoFar = 0;
  return [1, 2, 3, 4].map((quarter) => {
    const inQuarter = items.filter((i) => i.quarter === quarter);
    const completed = inQuarter.filter((i) => done.get(i.itemId)?.completedOn).length;
    dueSoFar += inQuarter.length;
    doneSoFar += completed;
    return {
      quarter,
      planned: inQuarter.length,
      onSitePlans: inQuarter.filter((i) => done.get(i.itemId)?.onSitePlanOn).length,
      completed,
      dueSoFar,
      doneSoFar,
      behind: doneSoFar < dueSoFar,
    };
  });
}
