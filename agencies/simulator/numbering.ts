// Document and receipt numbers in the formats these offices print, counted per series and year.
// 渝0109 is the court code of the Beibei district court; 北公/北检 the usual abbreviations of the district organs.
const formats = {
  'court-receipt': (y: number, n: number) => `渝0109法收〔${y}〕${n}号`,
  'court-review': (y: number, n: number) => `（${y}）渝0109行审${n}号`,
  'court-execution': (y: number, n: number) => `（${y}）渝0109执${n}号`,
  'police-receipt': (y: number, n: number) => `北公移受〔${y}〕${n}号`,
  'police-filing': (y: number, n: number) => `北公立字〔${y}〕${n}号`,
  'police-refusal': (y: number, n: number) => `北公不立字〔${y}〕${n}号`,
  'police-reconsideration-receipt': (y: number, n: number) => `北公复受〔${y}〕${n}号`,
  'police-reconsideration-decision': (y: number, n: number) => `北公复决字〔${y}〕${n}号`,
  'procuratorate-receipt': (y: number, n: number) => `北检收〔${y}〕${n}号`,
  'procuratorate-supervision': (y: number, n: number) => `北检立监〔${y}〕${n}号`,
  'upper-authority-receipt': (y: number, n: number) => `渝应急备〔${y}〕${n}号`,
  'disclosure-receipt': (y: number, n: number) => `北碚公开〔${y}〕${n}号`,
  'blacklist-entry': (y: number, n: number) => `渝信黑〔${y}〕${n}号`,
  message: (y: number, n: number) => `MSG${y}${String(n).padStart(8, '0')}`,
} as const;
export type NumberSeries = keyof typeof formats;

export interface IssuedNumber {
  text: string;
  year: number;
  seq: number;
}

/** Year as printed on Chinese documents: the calendar year in Beijing time. */
export function beijingYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/** YYYYMMDD in Beijing time, as used in government web page paths. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

export class Numbering {
  private readonly counters = new Map<string, number>();

  next(series: NumberSeries, at: Date): IssuedNumber {
    const year = beijingYear(at);
    const key = `${series}:${year}`;
    const seq = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, seq);
    return { text: formats[series](year, seq), year, seq };
  }

  reset(): void {
    this.counters.clear();
  }
}
