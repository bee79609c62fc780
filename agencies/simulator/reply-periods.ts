// How long each simulated agency takes to answer.
export type ReplyStep =
  | 'court.acceptance'
  | 'court.ruling'
  | 'court.execution'
  | 'police.decision'
  | 'police.reconsideration'
  | 'procuratorate.supervision'
  | 'disclosure.confirmation';

/** Statutory reply periods in days; steps without one use the default delay even in statutory mode. */
const statutoryDays: Partial<Record<ReplyStep, number>> = {
  'court.acceptance': 5, // 行政强制法 Art. 56: decide on acceptance within 5 days of receipt
  'court.ruling': 7, // 行政强制法 Art. 57: rule within 7 days of acceptance
  'police.decision': 3, // 国务院令第310号 Art. 8: decide on filing within 3 days
  'police.reconsideration': 3, // 国务院令第310号 Art. 9: answer a reconsideration request within 3 days
};

export interface ReplyTiming {
  defaultDelayMs: number;
  /** Per-step overrides; they win over statutory mode. */
  delays?: Partial<Record<ReplyStep, number>>;
  /**
   * Answer on the last day of the statutory period. Days are counted as `dayMs` each, without the holiday
   * calendar: N such days never exceed N working days, so replies always fall inside the legal period.
   */
  statutoryMode?: boolean;
  dayMs?: number;
}

export const dayMs = 86_400_000;

export function replyDelay(step: ReplyStep, timing: ReplyTiming): number {
  const explicit = timing.delays?.[step];
  if (explicit !== undefined) return explicit;
  const days = statutoryDays[step];
  if (timing.statutoryMode && days !== undefined) return days * (timing.dayMs ?? dayMs);
  return timing.defaultDelayMs;
}
