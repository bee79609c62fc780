// Loading the next notice: the validator must name the rule and the line of each bad entry.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateCalendarFile, type CalendarFileError } from '../../../domain/calendar-file';

const text2026 = readFileSync(new URL('../../../domain/calendar-data/2026.json', import.meta.url), 'utf8');

/** Replaces exactly one occurrence in the 2026 file text. */
function edit2026(from: string, to: string): string {
  expect(text2026.split(from)).toHaveLength(2);
  return text2026.replace(from, to);
}

function errorsOf(input: unknown): CalendarFileError[] {
  const result = validateCalendarFile(input);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

describe('calendar file validation', () => {
  it('accepts the real 2026 file as text and as a parsed object', () => {
    expect(validateCalendarFile(text2026)).toMatchObject({ ok: true, year: 2026 });
    expect(validateCalendarFile(JSON.parse(text2026))).toMatchObject({ ok: true, year: 2026 });
    expect(validateCalendarFile('\uFEFF' + text2026)).toMatchObject({ ok: true, year: 2026 });
  });

  it.each([
    [
      'impossible date',
      '"2026-02-20", "kind": "holiday"',
      '"2026-02-30", "kind": "holiday"',
      'date-invalid',
      15,
      'days[10].date',
    ],
    ['date in another year', '"2026-06-20"', '"2025-06-20"', 'date-outside-year', 30, 'days[25].date'],
    ['duplicate date', '"2026-06-21"', '"2026-06-20"', 'duplicate-date', 31, 'days[26].date'],
    [
      'unknown kind',
      '"2026-06-21", "kind": "holiday"',
      '"2026-06-21", "kind": "rest"',
      'kind-invalid',
      31,
      'days[26].kind',
    ],
    ['adjusted working day on a weekday', '"2026-05-09"', '"2026-05-08"', 'workday-not-weekend', 28, 'days[23].kind'],
    [
      'missing name',
      '"2026-06-20", "kind": "holiday", "name": "端午节"',
      '"2026-06-20", "kind": "holiday", "name": ""',
      'name-required',
      30,
      'days[25].name',
    ],
    [
      'unknown field',
      '"2026-06-20", "kind": "holiday"',
      '"2026-06-20", "knd": "x", "kind": "holiday"',
      'unknown-field',
      30,
      'days[25].knd',
    ],
    [
      'statutory day made a working day',
      '"2026-10-02", "kind": "holiday"',
      '"2026-10-02", "kind": "workday"',
      'statutory-day-missing',
      4,
      'days',
    ],
    [
      'empty notice title',
      '"title": "国务院办公厅关于2026年部分节假日安排的通知"',
      '"title": " "',
      'notice-title-required',
      3,
      'notice.title',
    ],
    [
      'bad notice date',
      '"published": "2025-11-04"',
      '"published": "2025-11-31"',
      'notice-published-invalid',
      3,
      'notice.published',
    ],
  ])('rejects a %s, naming the line', (_name, from, to, rule, line, path) => {
    const errors = errorsOf(edit2026(from, to));
    expect(errors).toContainEqual(expect.objectContaining({ rule, line, path }));
    expect(errors.every((error) => error.message.length > 0)).toBe(true);
  });

  it('reports a statutory Labour Day gap for 2025 and later only', () => {
    const calendar = JSON.parse(text2026);
    calendar.days = calendar.days.filter((d: { date: string }) => d.date !== '2026-05-02');
    expect(errorsOf(calendar)).toEqual([
      expect.objectContaining({
        rule: 'statutory-day-missing',
        path: 'days',
        message: expect.stringContaining('2026-05-02'),
      }),
    ]);
  });

  it('rejects a file that lost the Spring Festival week', () => {
    const calendar = JSON.parse(text2026);
    calendar.days = calendar.days.filter((d: { date: string }) => !d.date.startsWith('2026-02'));
    const errors = errorsOf(calendar);
    expect(errors).toEqual([expect.objectContaining({ rule: 'long-break-missing', path: 'days' })]);
    expect(errors[0]!.line).toBeUndefined(); // parsed objects have no lines
  });

  it('rejects implausible counts', () => {
    const calendar = JSON.parse(text2026);
    for (let day = 1; day <= 10; day += 1) {
      calendar.days.push({ date: `2026-07-${String(day).padStart(2, '0')}`, kind: 'holiday', name: '误录' });
    }
    expect(errorsOf(calendar)).toEqual([expect.objectContaining({ rule: 'holiday-count', path: 'days' })]);
    const sparse = JSON.parse(text2026);
    sparse.days = sparse.days.filter(
      (d: { date: string; kind: string }) => d.date <= '2026-02-28' || d.date >= '2026-10-01',
    );
    expect(errorsOf(sparse)).toEqual([
      expect.objectContaining({ rule: 'statutory-day-missing' }),
      expect.objectContaining({ rule: 'statutory-day-missing' }),
      expect.objectContaining({ rule: 'holiday-count' }),
    ]);
  });

  it('allows the last week of the previous December (New Year reach-back) but not earlier', () => {
    const calendar = JSON.parse(text2026);
    calendar.days.unshift({ date: '2025-12-27', kind: 'workday', name: '元旦调休' });
    expect(validateCalendarFile(calendar)).toMatchObject({ ok: true });
    calendar.days[0].date = '2025-12-20';
    expect(errorsOf(calendar)).toContainEqual(
      expect.objectContaining({ rule: 'date-outside-year', path: 'days[0].date' }),
    );
  });

  it('reports broken JSON with its line', () => {
    const broken = edit2026(
      '"name": "端午节"},\n    {"date": "2026-06-21"',
      '"name": "端午节"}\n    {"date": "2026-06-21"',
    );
    const [error] = errorsOf(broken);
    expect(error).toMatchObject({ rule: 'json-syntax', line: 31 });
  });

  it('rejects structural problems', () => {
    expect(errorsOf([])).toEqual([expect.objectContaining({ rule: 'not-object' })]);
    expect(errorsOf({ year: 2026, notice: { title: 't', number: null, published: '2025-11-04' } })).toContainEqual(
      expect.objectContaining({ rule: 'days-not-array', path: 'days' }),
    );
    expect(errorsOf({ year: '2026', days: [] })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'year-invalid' }),
        expect.objectContaining({ rule: 'notice-missing' }),
      ]),
    );
    expect(errorsOf({ year: 2026, notice: { title: 't', number: 12, published: '2025-11-04' }, days: [7] })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'notice-number-invalid', path: 'notice.number' }),
        expect.objectContaining({ rule: 'entry-not-object', path: 'days[0]' }),
      ]),
    );
  });

  it('lists every error, not just the first', () => {
    const text = edit2026('"2026-06-20", "kind": "holiday"', '"2026-06-31", "kind": "rest"');
    expect(errorsOf(text).map((e) => [e.rule, e.line])).toEqual(
      expect.arrayContaining([
        ['date-invalid', 30],
        ['kind-invalid', 30],
      ]),
    );
  });
});
