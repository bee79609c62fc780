// Late-payment surcharge (加处罚款): 3 % of the fine per day overdue, never more than the fine
// (行政处罚法 Art. 72; 行政强制法 Art. 45); not counted while reconsideration or litigation is pending
// (行政处罚法 Art. 73 ¶3); an approved deferral or instalment plan moves the dates still to come (Art. 66), but
// surcharge already accrued before the approval stays: only a recorded 执行协议 decision reduces or waives it
// (行政强制法 Art. 42, see enforcement-balance.ts).
//
// Rules chosen here, kept simple and explicit:
// - Money is integer fen. The surcharge is 3 % of the overdue unpaid principal for each overdue
//   day; the day amounts are summed exactly (in units of 1/100 fen) and rounded down once, to whole
//   fen, in the party's favour: surcharge = floor(3 × Σ principal_d / 100), capped at the fine.
// - Overdue principal on day d = instalments due before d minus fine payments made before d.
//   A payment on day d still leaves day d overdue (counted up to and including the payment day).
// - Payments reduce the fine principal only (earliest instalment first, in effect); a surcharge
//   payment is out of scope here. Payments beyond the fine are ignored.
// - A pause {from, to} excludes every day from `from` to `to` inclusive; no `to` means still pending.
import { parseIsoDate, toDayNumber, type IsoDate } from './dates';

/** 行政处罚法 Art. 72: 每日按罚款数额的百分之三. */
export const SURCHARGE_PERCENT_PER_DAY = 3;

/** Guards integer exactness: 1000亿元 in fen. */
const MAX_FINE_FEN = 10_000_000_000_000;

export interface SurchargePause {
  /** First day the reconsideration or litigation is pending (application / filing date). */
  from: IsoDate;
  /** Last pending day (decision or judgment takes effect); omitted while still pending. */
  to?: IsoDate;
}

export interface Instalment {
  dueDate: IsoDate;
  amountFen: number;
}

export interface FinePayment {
  date: IsoDate;
  amountFen: number;
}

export interface SurchargeInput {
  fineFen: number;
  /** Last day to pay (deadlineFor 'enforcement.payment'); surcharge runs from the next day. */
  paymentDeadline: IsoDate;
  asOf: IsoDate;
  pauses?: readonly SurchargePause[];
  /** Approved deferral (暂缓缴纳): the whole fine is due on this day instead. */
  deferredTo?: IsoDate;
  /** Approved instalments (分期缴纳); amounts must add up to the fine. */
  instalments?: readonly Instalment[];
  /**
   * The day the deferral or instalments were approved. Days up to and including it are counted on the
   * original deadline (surcharge already accrued is not erased); later days on the new schedule.
   * Omitted: the new schedule applies from the start (an approval before the deadline).
   */
  scheduleApprovedOn?: IsoDate;
  payments?: readonly FinePayment[];
}

export interface SurchargeResult {
  /** Days on which surcharge accrued (overdue, unpaid principal, not paused), up to asOf. */
  overdueDays: number;
  surchargeFen: number;
  /** The surcharge reached the fine and stopped growing. */
  capped: boolean;
  /** Fine still unpaid after payments made on or before asOf. */
  outstandingFineFen: number;
}

export class SurchargeInputError extends Error {
  override readonly name = 'SurchargeInputError';
}

function requireDay(date: unknown, field: string): number {
  if (!parseIsoDate(date)) throw new SurchargeInputError(`${field} is not a valid date: ${String(date)}`);
  return toDayNumber(date as IsoDate);
}

function requireFen(value: number, field: string, allowZero: boolean): void {
  if (!Number.isSafeInteger(value) || value < 0 || (!allowZero && value === 0) || value > MAX_FINE_FEN) {
    throw new SurchargeInputError(
      `${field} must be a whole number of fen${allowZero ? '' : ' above zero'}, got ${value}`,
    );
  }
}

export function surchargeAsOf(input: SurchargeInput): SurchargeResult {
  const { fineFen } = input;
  requireFen(fineFen, 'fineFen', false);
  const asOf = requireDay(input.asOf, 'asOf');
  const deadline = requireDay(input.paymentDeadline, 'paymentDeadline');

  if (input.deferredTo !== undefined && input.instalments !== undefined) {
    throw new SurchargeInputError('give either deferredTo or instalments, not both');
  }
  const schedule = dueSchedule(input, deadline);
  const original = [{ day: deadline, amountFen: fineFen }];
  const approvedOn =
    input.scheduleApprovedOn !== undefined && (input.deferredTo !== undefined || input.instalments !== undefined)
      ? requireDay(input.scheduleApprovedOn, 'scheduleApprovedOn')
      : Number.NEGATIVE_INFINITY;

  const payments = (input.payments ?? []).map((payment, i) => {
    requireFen(payment.amountFen, `payments[${i}].amountFen`, false);
    return { day: requireDay(payment.date, `payments[${i}].date`), amountFen: payment.amountFen };
  });
  const pauses = (input.pauses ?? []).map((pause, i) => {
    const from = requireDay(pause.from, `pauses[${i}].from`);
    const to = pause.to === undefined ? Number.POSITIVE_INFINITY : requireDay(pause.to, `pauses[${i}].to`);
    if (to < from) throw new SurchargeInputError(`pauses[${i}] ends before it starts`);
    return { from, to };
  });

  const paidBy = (dayInclusive: number) =>
    payments.reduce((sum, payment) => (payment.day <= dayInclusive ? sum + payment.amountFen : sum), 0);
  const outstandingFineFen = Math.max(0, fineFen - paidBy(asOf));

  const firstDue = Math.min(schedule[0]!.day, approvedOn > deadline ? deadline : Number.POSITIVE_INFINITY);
  let overdueDays = 0;
  let principalDays = 0; // Σ overdue principal over overdue days, in fen·days
  let capped = false;
  for (let day = firstDue + 1; day <= asOf; day += 1) {
    if (pauses.some((pause) => day >= pause.from && day <= pause.to)) continue;
    const inForce = day <= approvedOn ? original : schedule;
    const dueBefore = inForce.reduce((sum, item) => (item.day < day ? sum + item.amountFen : sum), 0);
    const overduePrincipal = Math.max(0, dueBefore - paidBy(day - 1));
    if (overduePrincipal === 0) continue;
    overdueDays += 1;
    if (!capped) {
      principalDays += overduePrincipal;
      capped = principalDays * SURCHARGE_PERCENT_PER_DAY >= fineFen * 100;
    }
  }
  const surchargeFen = capped ? fineFen : Math.floor((principalDays * SURCHARGE_PERCENT_PER_DAY) / 100);
  return { overdueDays, surchargeFen, capped, outstandingFineFen };
}

/** When each part of the fine falls due, earliest first. */
function dueSchedule(input: SurchargeInput, deadline: number): { day: number; amountFen: number }[] {
  if (input.instalments !== undefined) {
    if (input.instalments.length === 0) throw new SurchargeInputError('instalments must not be empty');
    const schedule = input.instalments.map((instalment, i) => {
      requireFen(instalment.amountFen, `instalments[${i}].amountFen`, false);
      return { day: requireDay(instalment.dueDate, `instalments[${i}].dueDate`), amountFen: instalment.amountFen };
    });
    const total = schedule.reduce((sum, item) => sum + item.amountFen, 0);
    if (total !== input.fineFen) {
      throw new SurchargeInputError(`instalments add up to ${total} fen, the fine is ${input.fineFen} fen`);
    }
    return schedule.sort((a, b) => a.day - b.day);
  }
  if (input.deferredTo !== undefined) {
    const deferred = requireDay(input.deferredTo, 'deferredTo');
    return [{ day: Math.max(deferred, deadline), amountFen: input.fineFen }];
  }
  return [{ day: deadline, amountFen: input.fineFen }];
}
