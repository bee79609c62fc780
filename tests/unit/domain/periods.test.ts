// Deadlines across Spring Festival and National Day, the rolling rule, and period properties.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeDeadline, unitForStatute, type PeriodUnit } from '../../../domain/periods';
import { isWorkingDay, workingDaysBetween } from '../../../domain/calendar';
import { addDays, addMonthsClamped, daysBetween } from '../../../domain/dates';
import { loadedDate, snapshot } from './support';

type Vector = [story: string, start: string, amount: number, unit: PeriodUnit, due: string];

const vectors: Vector[] = [
  // 2019: Spring Festival rest 02-04..10, adjusted 02-02 (Sat) and 02-03 (Sun); National Day 10-01..07, adjusted 09-29,
  // 10-12.
  ['2019 payment ends in Spring Festival, rolls to Monday', '2019-01-20', 15, 'calendar-days', '2019-02-11'],
  ['2019 period ends on adjusted Saturday, no roll', '2019-01-18', 15, 'calendar-days', '2019-02-02'],
  ['2019 five working days span both adjusted days', '2019-01-30', 5, 'working-days', '2019-02-11'],
  ['2019 payment ends on National Day, rolls to 10-08', '2019-09-16', 15, 'calendar-days', '2019-10-08'],
  ['2019 sixty days end on adjusted 10-12', '2019-08-13', 60, 'calendar-days', '2019-10-12'],
  ['2019 seven working days over National Day', '2019-09-26', 7, 'working-days', '2019-10-11'],
  // 2020: Spring Festival rest 01-24..02-02 after the extension (02-01 no longer a working day); adjusted 01-19.
  ['2020 period ends on cancelled adjusted day 02-01, rolls to 02-03', '2020-01-17', 15, 'calendar-days', '2020-02-03'],
  ['2020 three working days across the extended break', '2020-01-22', 3, 'working-days', '2020-02-04'],
  ['2020 period ends on adjusted Sunday 01-19', '2020-01-04', 15, 'calendar-days', '2020-01-19'],
  ['2020 ends inside National Day, rolls to 10-09', '2020-09-20', 15, 'calendar-days', '2020-10-09'],
  ['2020 ends on adjusted 10-10', '2020-09-25', 15, 'calendar-days', '2020-10-10'],
  ['2020 two months end on National Day, roll', '2020-08-03', 2, 'months', '2020-10-09'],
  // 2024: Spring Festival rest 02-10..17, adjusted 02-04 (Sun) and 02-18 (Sun).
  ['2024 roll out of Spring Festival lands on adjusted Sunday 02-18', '2024-01-27', 15, 'calendar-days', '2024-02-18'],
  ['2024 demand wait of 10 working days', '2024-02-01', 10, 'working-days', '2024-02-20'],
  ['2024 three months end in Spring Festival', '2023-11-12', 3, 'months', '2024-02-18'],
  ['2024 sixty days end on 10-01, roll to 10-08', '2024-08-02', 60, 'calendar-days', '2024-10-08'],
  ['2024 ends on adjusted Sunday 09-29', '2024-09-14', 15, 'calendar-days', '2024-09-29'],
  // 2025: Spring Festival rest 01-28..02-04, adjusted 01-26 (Sun), 02-08 (Sat); National Day 10-01..08, adjusted 09-28,
  // 10-11.
  ['2025 ends in Spring Festival, rolls to 02-05', '2025-01-15', 15, 'calendar-days', '2025-02-05'],
  ['2025 ends on adjusted 02-08', '2025-01-24', 15, 'calendar-days', '2025-02-08'],
  ['2025 five working days from Friday before the break', '2025-01-24', 5, 'working-days', '2025-02-07'],
  ['2025 sixty days end in National Day, roll to 10-09', '2025-08-05', 60, 'calendar-days', '2025-10-09'],
  ['2025 ends on adjusted 10-11', '2025-09-26', 15, 'calendar-days', '2025-10-11'],
  ['2025 seven working days end on adjusted 10-11', '2025-09-25', 7, 'working-days', '2025-10-11'],
  // 2026: Spring Festival rest 02-15..23, adjusted 02-14, 02-28; National Day 10-01..07, adjusted 09-20, 10-10.
  ['2026 ends in Spring Festival, rolls to 02-24', '2026-02-01', 15, 'calendar-days', '2026-02-24'],
  ['2026 ends on adjusted 02-14', '2026-01-30', 15, 'calendar-days', '2026-02-14'],
  ['2026 one month clamps to 02-28, an adjusted Saturday', '2026-01-31', 1, 'months', '2026-02-28'],
  ['2026 two months from 2025-12-31 clamp to 02-28', '2025-12-31', 2, 'months', '2026-02-28'],
  ['2026 three months end in Spring Festival', '2025-11-16', 3, 'months', '2026-02-24'],
  ['2026 ends inside National Day, rolls to 10-08', '2026-09-20', 15, 'calendar-days', '2026-10-08'],
  ['2026 ends on adjusted 10-10', '2026-09-25', 15, 'calendar-days', '2026-10-10'],
  ['2026 ten working days over Mid-Autumn and National Day', '2026-09-24', 10, 'working-days', '2026-10-15'],
  ['2026 ordinary weekend roll', '2026-03-06', 15, 'calendar-days', '2026-03-23'],
];

describe('period vectors', () => {
  it.each(vectors)('%s', (_story, start, amount, unit, due) => {
    expect(computeDeadline(snapshot, start, amount, unit)).toEqual({
      due,
      unit,
      amount,
      provisional: false,
      calendarVersion: 7,
    });
  });

  it('takes the Shanghai date of a datetime start for day periods', () => {
    // 2026-02-01 in Shanghai
    expect(computeDeadline(snapshot, '2026-01-31T16:30:00Z', 15, 'calendar-days').due).toBe('2026-02-24');
  });
});

describe('hour periods', () => {
  it('adds hours by the clock, without rolling over holidays', () => {
    expect(computeDeadline(snapshot, '2026-03-02T10:00:00+08:00', 24, 'hours')).toEqual({
      due: '2026-03-03T10:00:00+08:00',
      unit: 'hours',
      amount: 24,
      provisional: false,
      calendarVersion: 7,
    });
    expect(computeDeadline(snapshot, '2026-02-16T23:30:00+08:00', 1, 'hours').due).toBe('2026-02-17T00:30:00+08:00');
    expect(computeDeadline(snapshot, '2026-09-30T23:00:00Z', 2, 'hours').due).toBe('2026-10-01T09:00:00+08:00');
    expect(computeDeadline(snapshot, '2027-05-01T08:00:00+08:00', 24, 'hours').provisional).toBe(false);
  });

  it('needs a datetime with an offset', () => {
    expect(() => computeDeadline(snapshot, '2026-03-02', 24, 'hours')).toThrow(/datetime/);
  });
});

describe('provisional deadlines', () => {
  it('marks a deadline in a year without a loaded notice', () => {
    expect(computeDeadline(snapshot, '2026-12-20', 15, 'calendar-days')).toMatchObject({
      due: '2027-01-04',
      provisional: true,
    });
    expect(computeDeadline(snapshot, '2026-12-01', 15, 'calendar-days')).toMatchObject({
      due: '2026-12-16',
      provisional: false,
    });
    expect(computeDeadline(snapshot, '2026-11-01', 6, 'months')).toMatchObject({
      due: '2027-05-03',
      provisional: true,
    });
  });

  it("marks a deadline in the last week of December until next year's notice is loaded", () => {
    expect(computeDeadline(snapshot, '2026-12-10', 15, 'calendar-days')).toMatchObject({
      due: '2026-12-25',
      provisional: true,
    });
  });

  it('marks working-day periods that pass through an unloaded year', () => {
    // 2027-01-01 (元旦) is a rest day by law even before the 2027 notice is loaded.
    expect(computeDeadline(snapshot, '2026-12-21', 10, 'working-days')).toMatchObject({
      due: '2027-01-05',
      provisional: true,
    });
  });
});

describe('invalid periods', () => {
  it.each([0, -1, 1.5, Number.NaN])('rejects amount %s', (amount) => {
    expect(() => computeDeadline(snapshot, '2026-03-02', amount, 'calendar-days')).toThrow(RangeError);
  });
  it('rejects impossible start dates', () => {
    expect(() => computeDeadline(snapshot, '2026-02-30', 15, 'calendar-days')).toThrow(/not a valid ISO/);
  });
});

describe('period properties', () => {
  const amount = (max: number) => fc.integer({ min: 1, max });

  it('a working-day period always ends on a working day, exactly n working days later', () => {
    fc.assert(
      fc.property(loadedDate(), amount(40), (start, n) => {
        const { due } = computeDeadline(snapshot, start, n, 'working-days');
        expect(isWorkingDay(snapshot, due)).toBe(true);
        expect(workingDaysBetween(snapshot, start, due)).toBe(n);
      }),
    );
  });

  it('a calendar-day or month period never ends on a rest day, and rolls at most over one rest block', () => {
    fc.assert(
      fc.property(
        loadedDate('2016-01-01', '2026-06-30'),
        amount(90),
        fc.constantFrom('calendar-days', 'months'),
        (start, n, unit) => {
          const amountUsed = unit === 'months' ? Math.ceil(n / 15) : n;
          const { due } = computeDeadline(snapshot, start, amountUsed, unit);
          const nominal = unit === 'months' ? addMonthsClamped(start, amountUsed) : addDays(start, amountUsed);
          expect(isWorkingDay(snapshot, due)).toBe(true);
          const rolled = daysBetween(nominal, due);
          expect(rolled).toBeGreaterThanOrEqual(0);
          expect(rolled).toBeLessThanOrEqual(10); // longest rest run 2016–2026: 2020-01-24..02-02
          for (let d = nominal; d < due; d = addDays(d, 1)) expect(isWorkingDay(snapshot, d)).toBe(false);
        },
      ),
    );
  });

  it('working-day periods compose: a then b equals a + b', () => {
    fc.assert(
      fc.property(loadedDate(), amount(30), amount(30), (start, a, b) => {
        const first = computeDeadline(snapshot, start, a, 'working-days').due;
        expect(computeDeadline(snapshot, first, b, 'working-days').due).toBe(
          computeDeadline(snapshot, start, a + b, 'working-days').due,
        );
      }),
    );
  });

  it('a later start never gives an earlier deadline', () => {
    fc.assert(
      fc.property(
        loadedDate(),
        fc.integer({ min: 0, max: 30 }),
        amount(60),
        fc.constantFrom<PeriodUnit>('calendar-days', 'working-days'),
        (start, shift, n, unit) => {
          const early = computeDeadline(snapshot, start, n, unit).due;
          const late = computeDeadline(snapshot, addDays(start, shift), n, unit).due;
          expect(late >= early).toBe(true);
        },
      ),
    );
  });
});

describe('unitForStatute', () => {
  it.each([
    ['中华人民共和国行政处罚法', 2, 'working-days'],
    ['行政处罚法', 3, 'working-days'],
    ['《行政处罚法》', 5, 'working-days'],
    ['中华人民共和国行政处罚法', 7, 'working-days'],
    ['中华人民共和国行政处罚法', 10, 'calendar-days'],
    ['中华人民共和国行政处罚法', 15, 'calendar-days'],
    ['中华人民共和国行政处罚法', 60, 'calendar-days'],
    ['中华人民共和国行政强制法', 1, 'working-days'],
    ['中华人民共和国行政强制法', 10, 'working-days'],
    ['中华人民共和国行政强制法', 11, 'calendar-days'],
    ['中华人民共和国行政强制法', 15, 'calendar-days'],
    ['中华人民共和国行政强制法', 30, 'calendar-days'],
    ['中华人民共和国行政复议法', 3, 'working-days'],
    ['中华人民共和国行政复议法', 10, 'working-days'],
    ['中华人民共和国行政复议法', 2, 'calendar-days'],
    ['中华人民共和国行政复议法', 60, 'calendar-days'],
    ['中华人民共和国行政诉讼法', 5, 'calendar-days'],
    ['行政执法机关移送涉嫌犯罪案件的规定', 3, 'calendar-days'],
    ['生产安全事故报告和调查处理条例', 15, 'calendar-days'],
  ] as const)('%s, %i days → %s', (law, amount, unit) => {
    expect(unitForStatute(law, amount)).toBe(unit);
  });
});
