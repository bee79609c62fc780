// 5. Calendar: statutory deadlines computed per second (computeDeadline, mixed units, 2016–2026)
// against a weekend-only day counter written inline (no holidays, no adjusted working days).
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { computeDeadline, type PeriodUnit } from '../../domain/periods';
import type { BenchConfig } from './config';
import type { BenchSystem } from './system';
import { fmt, now, ratio, type Row } from './stats';

interface Case {
  start: string;
  amount: number;
  unit: PeriodUnit;
}

/** Deterministic inputs: start days over 2016-01-01 … 2026-10-31, every unit, realistic amounts. */
function cases(count: number): Case[] {
  let seed = 20161;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const first = Date.UTC(2016, 0, 1);
  const span = (Date.UTC(2026, 9, 31) - first) / 86_400_000;
  const units: Array<[PeriodUnit, number]> = [
    ['working-days', 30],
    ['calendar-days', 90],
    ['months', 6],
    ['hours', 72],
  ];
  return Array.from({ length: count }, () => {
    const date = new Date(first + rand(span + 1) * 86_400_000).toISOString().slice(0, 10);
    const [unit, max] = units[rand(units.length)]!;
    return { start: unit === 'hours' ? `${date}T09:30:00+08:00` : date, amount: 1 + rand(max), unit };
  });
}

/** The baseline: Monday–Friday counting on UTC day numbers, roll a weekend end forward; hours by the clock. */
function weekendOnlyDue(c: Case): number {
  const day0 = Math.floor(Date.parse(c.start.slice(0, 10)) / 86_400_000);
  const isWeekend = (d: number) => {
    const w = (d + 4) % 7; // 1970-01-01 was a Thursday
    return w === 0 || w === 6;
  };
  const roll = (d: number) => {
    while (isWeekend(d)) d++;
    return d;
  };
  switch (c.unit) {
    case 'hours':
      return Date.parse(c.start) + c.amount * 3_600_000;
    case 'calendar-days':
      return roll(day0 + c.amount);
    case 'months': {
      const s = new Date(day0 * 86_400_000);
      const y = s.getUTCFullYear();
      const m = s.getUTCMonth() + c.amount;
      const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
      return roll(Math.floor(Date.UTC(y, m, Math.min(s.getUTCDate(), last)) / 86_400_000));
    }
    default: {
      let d = day0;
      for (let left = c.amount; left > 0;) if (!isWeekend(++d)) left--;
      return d;
    }
  }
}

function timeLoop(iterations: number, inputs: Case[], fn: (c: Case) => unknown): { perSecond: number; sink: number } {
  let sink = 0;
  const t0 = now();
  for (let i = 0; i < iterations; i++) {
    const r = fn(inputs[i % inputs.length]!);
    sink += typeof r === 'number' ? r : 1;
  }
  return { perSecond: (iterations / (now() - t0)) * 1000, sink };
}

export async function measureCalendar(sys: BenchSystem, cfg: BenchConfig, log: (s: string) => void) {
  const snapshot = await currentCalendarSnapshot(sys.database.db);
  const inputs = cases(10_000);
  const statutory = (c: Case) => computeDeadline(snapshot, c.start, c.amount, c.unit);
  // Warm both paths up so the JIT compares compiled code with compiled code.
  timeLoop(Math.ceil(cfg.calendarIterations / 10), inputs, statutory);
  timeLoop(Math.ceil(cfg.calendarIterations / 10), inputs, weekendOnlyDue);
  const subject = timeLoop(cfg.calendarIterations, inputs, statutory);
  const base = timeLoop(cfg.calendarIterations, inputs, weekendOnlyDue);
  log(
    `calendar: ${fmt(subject.perSecond, 0)}/s statutory, ${fmt(base.perSecond, 0)}/s weekend-only ` +
      `(years ${snapshot.loadedYears.join(',')})`,
  );
  const rows: Row[] = [
    {
      measurement: '5 calendar',
      metric: `deadlines/s, computeDeadline (mixed units, ${cfg.calendarIterations} calls)`,
      value: fmt(subject.perSecond, 0),
      baseline: `${fmt(base.perSecond, 0)} weekend-only`,
      ratio: ratio(base.perSecond, subject.perSecond),
    },
  ];
  return {
    rows,
    json: {
      iterations: cfg.calendarIterations,
      computeDeadlinePerSecond: subject.perSecond,
      weekendOnlyPerSecond: base.perSecond,
      ratio: base.perSecond / subject.perSecond,
      calendarVersion: snapshot.version,
    },
  };
}
