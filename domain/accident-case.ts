// Rules of the accident case (生产安全事故报告和调查处理条例, 国务院令第493号): the reporting chain,
// the investigation due date with extension and appraisal pauses, and input checks. No I/O, no clock.
import type { AccidentLevel } from './accident-level';
import type { CalendarSnapshot } from './calendar';
import { daysBetween, parseIsoDateTime, shanghaiDateOf, type IsoDate, type IsoDateTime } from './dates';
import { getLegalBasis, type LegalBasisId } from './legal-basis';
import { computeDeadline } from './periods';

export interface ReportingLink {
  key: string;
  from: string;
  to: string;
  hours: number;
  /** Asia/Shanghai datetime by which this link must report. */
  dueAt: IsoDateTime;
  basisId: LegalBasisId;
  citation: string;
}

const amountOf = (id: LegalBasisId): number => getLegalBasis(id).amount as number;

/**
 * Art. 9: the unit reports to the district within 1 hour; Art. 11: each level reports up within 2 hours.
 * Art. 10: 一般/较大 go up to the municipality (重庆市 is province-level); 重大/特别重大 on to the State Council.
 */
export function reportingChain(
  level: AccidentLevel,
  occurredAt: IsoDateTime,
  calendar: CalendarSnapshot,
): ReportingLink[] {
  const links: Array<{ key: string; from: string; to: string; basisId: LegalBasisId }> = [
    {
      key: 'unit-report',
      from: '事故发生单位',
      to: '北碚区应急管理局及负有监管职责的部门',
      basisId: 'accident.unit-report',
    },
    { key: 'district-report', from: '北碚区', to: '重庆市应急管理局及市政府', basisId: 'accident.upward-report' },
  ];
  if (level === 'serious' || level === 'particularly-serious') {
    links.push({
      key: 'city-report',
      from: '重庆市',
      to: '国务院应急管理部门及国务院',
      basisId: 'accident.upward-report',
    });
  }
  let from: IsoDateTime = occurredAt;
  return links.map((l) => {
    const hours = amountOf(l.basisId);
    const dueAt = computeDeadline(calendar, from, hours, 'hours').due;
    from = dueAt;
    return { ...l, hours, dueAt, citation: getLegalBasis(l.basisId).citation };
  });
}

export interface InvestigationClock {
  /** Days of extension approved (Art. 29: once, at most 60). */
  extensionDays: number;
  /** Calendar days spent on technical appraisal, which are not counted (Art. 29). */
  pausedDays: number;
}

export const MAX_INVESTIGATION_EXTENSION_DAYS = amountOf('accident.investigation-extension');

/**
 * The report is due 60 days after the accident, plus the extension, plus the paused days, rolled onto a working day.
 */
export function investigationDue(
  calendar: CalendarSnapshot,
  occurredAt: IsoDate | IsoDateTime,
  clock: InvestigationClock,
): { dueDate: IsoDate; provisional: boolean } {
  if (clock.extensionDays < 0 || clock.extensionDays > MAX_INVESTIGATION_EXTENSION_DAYS)
    throw new RangeError(`extension must be 0–${MAX_INVESTIGATION_EXTENSION_DAYS} days`);
  const days =
    (getLegalBasis('accident.investigation-report').amount as number) + clock.extensionDays + clock.pausedDays;
  const d = computeDeadline(calendar, shanghaiDateOf(occurredAt), days, 'calendar-days');
  return { dueDate: d.due, provisional: d.provisional };
}

/** Days between the start of a pause and its end, both Shanghai dates (the day resumed is counted again). */
export function pausedDaysBetween(from: IsoDate, to: IsoDate): number {
  return Math.max(0, daysBetween(from, to));
}

/** §九 warning talks: for 较大 and above, or a unit with another accident in the year before. */
export function needsWarningTalk(level: AccidentLevel, priorAccidentsInYear: number): boolean {
  return level !== 'general' || priorAccidentsInYear > 0;
}

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/** Checks the casualty figures: whole numbers, never negative (Art. 3 counts people and fen). */
export function checkAccidentFigures(
  figures: { deaths: number; seriousInjuries: number; directLossFen: number },
  prefix = 'body',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const names = { deaths: '死亡人数', seriousInjuries: '重伤人数', directLossFen: '直接经济损失（分）' } as const;
  for (const key of Object.keys(names) as Array<keyof typeof names>) {
    const v = figures[key];
    if (!Number.isSafeInteger(v))
      problems.push({ field: `${prefix}.${key}`, rule: 'integer', message: `${names[key]}必须为整数` });
    else if (v < 0)
      problems.push({ field: `${prefix}.${key}`, rule: 'non_negative', message: `${names[key]}不能为负数` });
  }
  return problems;
}

/** The accident cannot have happened after the moment it is registered. */
export function checkOccurredAt(occurredAt: string, nowMs: number, field = 'body.occurredAt'): FieldProblem[] {
  const at = parseIsoDateTime(occurredAt);
  if (at === null) return [{ field, rule: 'datetime', message: '事故发生时间格式应为带时区的 ISO 时间' }];
  if (at > nowMs) return [{ field, rule: 'not_in_future', message: '事故发生时间不能晚于当前时间' }];
  return [];
}
