// One year's holiday calendar file (国务院办公厅关于XXXX年部分节假日安排的通知) and its validation,
// run when an administrator loads the next notice. Working days cannot be computed; they are
// fixed by this notice each year (全国年节及纪念日放假办法, 国务院令第795号, Arts. 2, 6, 7).
import { jsonValueLines, lineOfOffset } from './json-lines';
import {
  dayNumberFromParts,
  formatIsoDate,
  fromDayNumber,
  isWeekend,
  parseIsoDate,
  weekdayOf,
  type IsoDate,
} from './dates';

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarNotice {
  title: string;
  /** e.g. '国办发明电〔2024〕12号'; null where the number is not known for certain. */
  number: string | null;
  /** The date the notice bears (落款日期). */
  published: IsoDate;
}

export interface CalendarDayEntry {
  date: IsoDate;
  /** holiday = rest day of a holiday block (放假); workday = adjusted working day (调休上班). */
  kind: CalendarDayKind;
  name: string;
  note?: string;
}

export interface CalendarYear {
  year: number;
  notice: CalendarNotice;
  /** Later notices that changed this year's arrangement (e.g. 2020 Spring Festival extension). */
  amendments?: CalendarNotice[];
  days: CalendarDayEntry[];
}

export interface CalendarFileError {
  /** 1-based line in the raw text, when the input was text. */
  line?: number;
  /** JSON path, e.g. 'days[3].date'. */
  path: string;
  rule: CalendarFileRule;
  message: string;
}

export type CalendarFileRule =
  | 'json-syntax'
  | 'not-object'
  | 'unknown-field'
  | 'year-invalid'
  | 'notice-missing'
  | 'notice-title-required'
  | 'notice-number-invalid'
  | 'notice-published-invalid'
  | 'days-not-array'
  | 'entry-not-object'
  | 'date-invalid'
  | 'date-outside-year'
  | 'duplicate-date'
  | 'kind-invalid'
  | 'name-required'
  | 'note-invalid'
  | 'workday-not-weekend'
  | 'statutory-day-missing'
  | 'holiday-count'
  | 'workday-count'
  | 'long-break-missing';

export type CalendarFileResult =
  { ok: true; year: number; calendar: CalendarYear } | { ok: false; errors: CalendarFileError[] };

/**
 * Plausibility bounds on entry counts. Every real year 2016–2026 has 27–33 holiday entries
 * (each rest block listed in full, weekends included) and 5–8 adjusted working days.
 * 20 is about the fewest the rules allow (two 7-day weeks, Labour Day, and the other festivals
 * falling mid-week so only the day itself is off, as in the first 2019 notice); 40 leaves room
 * above the 2020 extension (30). Zero adjusted working days is legally possible, so allowed.
 * Counts alone cannot see a lost block, hence also the long-break rule below.
 */
export const HOLIDAY_COUNT_BOUNDS = { min: 20, max: 40 } as const;
export const WORKDAY_COUNT_BOUNDS = { min: 0, max: 12 } as const;

/**
 * Every year since 2000 has two runs of at least 7 rest days in a row: the Spring Festival and
 * National Day weeks. A file without both has almost certainly lost a block.
 */
export const LONG_BREAK = { minDays: 7, perYear: 2 } as const;

/**
 * A notice may reach back into the previous year's last week: 国办发明电〔2018〕15号 made
 * 2018-12-29 a working day and 2018-12-30/31 rest days for the 2019 New Year holiday.
 */
export const NEW_YEAR_REACH_BACK_FROM_DAY = 25; // December 25th of the previous year

const TOP_LEVEL_FIELDS = new Set(['year', 'notice', 'amendments', 'days']);
const NOTICE_FIELDS = new Set(['title', 'number', 'published']);
const ENTRY_FIELDS = new Set(['date', 'kind', 'name', 'note']);

/** Fixed-date statutory holidays every notice must keep (放假办法 Art. 2; 5月2日 added from 2025). */
function statutoryFixedDates(year: number): IsoDate[] {
  const monthDays = ['01-01', '05-01', '10-01', '10-02', '10-03'];
  if (year >= 2025) monthDays.push('05-02');
  return monthDays.map((md) => `${year}-${md}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a parsed calendar object or the raw JSON text of a calendar file. */
export function validateCalendarFile(input: unknown): CalendarFileResult {
  if (typeof input === 'string') return validateCalendarText(input);
  const errors = checkCalendar(input);
  return errors.length === 0
    ? { ok: true, year: (input as CalendarYear).year, calendar: input as CalendarYear }
    : { ok: false, errors };
}

function validateCalendarText(rawText: string): CalendarFileResult {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail);
    const lineMatch = /line (\d+)/.exec(detail);
    const line = lineMatch ? Number(lineMatch[1]) : position ? lineOfOffset(text, Number(position[1])) : undefined;
    return {
      ok: false,
      errors: [
        { ...(line === undefined ? {} : { line }), path: '', rule: 'json-syntax', message: `JSON 格式错误：${detail}` },
      ],
    };
  }
  const lines = jsonValueLines(text);
  const errors = checkCalendar(parsed).map((error) => {
    const line = lineForPath(lines, error.path);
    return line === undefined ? error : { line, ...error };
  });
  return errors.length === 0
    ? { ok: true, year: (parsed as CalendarYear).year, calendar: parsed as CalendarYear }
    : { ok: false, errors };
}

/** The line of the path, or of its nearest enclosing value (e.g. the entry when a field is missing). */
function lineForPath(lines: Map<string, number>, path: string): number | undefined {
  let current = path;
  for (;;) {
    const line = lines.get(current);
    if (line !== undefined) return line;
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    if (cut <= 0) return lines.get('');
    current = current.slice(0, cut);
  }
}

function checkCalendar(input: unknown): CalendarFileError[] {
  const errors: CalendarFileError[] = [];
  const fail = (path: string, rule: CalendarFileRule, message: string) => errors.push({ path, rule, message });

  if (!isRecord(input)) {
    fail('', 'not-object', '日历文件必须是一个 JSON 对象');
    return errors;
  }
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_FIELDS.has(key)) fail(key, 'unknown-field', `未知字段“${key}”`);
  }

  const year = input.year;
  const yearValid = typeof year === 'number' && Number.isInteger(year) && year >= 2000 && year <= 2100;
  if (!yearValid) fail('year', 'year-invalid', '年份必须是 2000–2100 之间的整数');

  checkNotice(input.notice, 'notice', yearValid ? year : null, fail, true);
  if (input.amendments !== undefined) {
    if (!Array.isArray(input.amendments)) {
      fail('amendments', 'notice-missing', '“amendments”必须是通知数组');
    } else {
      input.amendments.forEach((amendment, i) => checkNotice(amendment, `amendments[${i}]`, null, fail, false));
    }
  }

  if (!Array.isArray(input.days)) {
    fail('days', 'days-not-array', '“days”必须是数组');
    return errors;
  }

  const seen = new Map<string, number>();
  const kinds = new Map<string, CalendarDayKind>();
  let holidays = 0;
  let workdays = 0;
  input.days.forEach((entry, i) => {
    const path = `days[${i}]`;
    if (!isRecord(entry)) {
      fail(path, 'entry-not-object', `第 ${i + 1} 条记录必须是对象`);
      return;
    }
    for (const key of Object.keys(entry)) {
      if (!ENTRY_FIELDS.has(key)) fail(`${path}.${key}`, 'unknown-field', `第 ${i + 1} 条记录有未知字段“${key}”`);
    }
    const parts = parseIsoDate(entry.date);
    if (!parts) {
      fail(`${path}.date`, 'date-invalid', `第 ${i + 1} 条记录的日期“${String(entry.date)}”不是有效日期（YYYY-MM-DD）`);
    } else if (yearValid && !dateBelongsToYear(entry.date as IsoDate, year)) {
      fail(
        `${path}.date`,
        'date-outside-year',
        `第 ${i + 1} 条记录的日期 ${String(entry.date)} 不在 ${year} 年内（仅允许上一年 12 月 ${NEW_YEAR_REACH_BACK_FROM_DAY} 日起的元旦安排）`,
      );
    } else {
      const date = entry.date as IsoDate;
      const first = seen.get(date);
      if (first !== undefined) {
        fail(`${path}.date`, 'duplicate-date', `第 ${i + 1} 条记录的日期 ${date} 与第 ${first + 1} 条重复`);
      } else {
        seen.set(date, i);
      }
    }
    if (entry.kind !== 'holiday' && entry.kind !== 'workday') {
      fail(`${path}.kind`, 'kind-invalid', `第 ${i + 1} 条记录的类型必须是 holiday（放假）或 workday（调休上班）`);
    } else {
      if (entry.kind === 'holiday') holidays += 1;
      else workdays += 1;
      if (parts && !kinds.has(entry.date as string)) kinds.set(entry.date as string, entry.kind);
      // An adjusted working day only makes sense on a weekend; a weekday is already a working day.
      if (entry.kind === 'workday' && parts) {
        const weekday = weekdayOf(entry.date as IsoDate);
        if (weekday !== 0 && weekday !== 6) {
          fail(
            `${path}.kind`,
            'workday-not-weekend',
            `第 ${i + 1} 条记录 ${String(entry.date)} 是工作日（周一至周五），不能标为调休上班`,
          );
        }
      }
    }
    if (typeof entry.name !== 'string' || entry.name.trim() === '') {
      fail(`${path}.name`, 'name-required', `第 ${i + 1} 条记录缺少节日名称`);
    }
    if (entry.note !== undefined && typeof entry.note !== 'string') {
      fail(`${path}.note`, 'note-invalid', `第 ${i + 1} 条记录的备注必须是文字`);
    }
  });

  if (yearValid) {
    for (const date of statutoryFixedDates(year)) {
      if (kinds.get(date) !== 'holiday') {
        fail(
          'days',
          'statutory-day-missing',
          `${date} 是法定节假日（《全国年节及纪念日放假办法》第二条），必须列为放假`,
        );
      }
    }
  }
  if (yearValid) {
    const longBreaks = countLongBreaks(year, kinds);
    if (longBreaks < LONG_BREAK.perYear) {
      fail(
        'days',
        'long-break-missing',
        `只找到 ${longBreaks} 个连续 ${LONG_BREAK.minDays} 天以上的假期，春节和国庆节假期应各有一个，请核对是否遗漏`,
      );
    }
  }
  if (holidays < HOLIDAY_COUNT_BOUNDS.min || holidays > HOLIDAY_COUNT_BOUNDS.max) {
    fail(
      'days',
      'holiday-count',
      `放假日共 ${holidays} 天，超出合理范围 ${HOLIDAY_COUNT_BOUNDS.min}–${HOLIDAY_COUNT_BOUNDS.max} 天，请核对是否遗漏或重复`,
    );
  }
  if (workdays < WORKDAY_COUNT_BOUNDS.min || workdays > WORKDAY_COUNT_BOUNDS.max) {
    fail(
      'days',
      'workday-count',
      `调休上班日共 ${workdays} 天，超出合理范围 ${WORKDAY_COUNT_BOUNDS.min}–${WORKDAY_COUNT_BOUNDS.max} 天`,
    );
  }
  return errors;
}

/** Runs of at least LONG_BREAK.minDays consecutive rest days within the year. */
function countLongBreaks(year: number, kinds: Map<string, CalendarDayKind>): number {
  let runs = 0;
  let run = 0;
  const first = dayNumberFromParts({ year, month: 1, day: 1 });
  const last = dayNumberFromParts({ year, month: 12, day: 31 });
  for (let day = first; day <= last + 1; day += 1) {
    const date = fromDayNumber(day);
    const kind = kinds.get(date);
    const rest = day <= last && (kind === 'holiday' || (kind !== 'workday' && isWeekend(date)));
    if (rest) {
      run += 1;
    } else {
      if (run >= LONG_BREAK.minDays) runs += 1;
      run = 0;
    }
  }
  return runs;
}

function checkNotice(
  notice: unknown,
  path: string,
  year: number | null,
  fail: (path: string, rule: CalendarFileRule, message: string) => void,
  isMain: boolean,
): void {
  if (!isRecord(notice)) {
    fail(path, 'notice-missing', isMain ? '缺少通知信息“notice”' : '修订通知必须是对象');
    return;
  }
  for (const key of Object.keys(notice)) {
    if (!NOTICE_FIELDS.has(key)) fail(`${path}.${key}`, 'unknown-field', `通知信息有未知字段“${key}”`);
  }
  if (typeof notice.title !== 'string' || notice.title.trim() === '') {
    fail(`${path}.title`, 'notice-title-required', '必须填写通知标题，如“国务院办公厅关于2026年部分节假日安排的通知”');
  }
  if (notice.number !== null && (typeof notice.number !== 'string' || notice.number.trim() === '')) {
    fail(`${path}.number`, 'notice-number-invalid', '文号必须是文字（如“国办发明电〔2024〕12号”），不确定时填 null');
  }
  const published = parseIsoDate(notice.published);
  if (!published) {
    fail(`${path}.published`, 'notice-published-invalid', '通知日期必须是有效日期（YYYY-MM-DD）');
  } else if (year !== null && published.year > year) {
    // The notice for a year is issued before that year ends (in practice the previous autumn).
    fail(`${path}.published`, 'notice-published-invalid', `通知日期 ${formatIsoDate(published)} 晚于 ${year} 年`);
  }
}

/** Inside the year, or in the New Year reach-back window at the end of the previous December. */
export function dateBelongsToYear(date: IsoDate, year: number): boolean {
  const parts = parseIsoDate(date);
  if (!parts) return false;
  if (parts.year === year) return true;
  return parts.year === year - 1 && parts.month === 12 && parts.day >= NEW_YEAR_REACH_BACK_FROM_DAY;
}

/** True for dates in a year's last week, which next year's notice may still change. */
export function inNewYearReachBack(date: IsoDate): boolean {
  const parts = parseIsoDate(date);
  return parts !== null && parts.month === 12 && parts.day >= NEW_YEAR_REACH_BACK_FROM_DAY;
}
