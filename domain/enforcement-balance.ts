// What a party owes on an enforcement case on a given day: fine, late-payment surcharge (加处罚款) and
// payments, from surchargeAsOf (行政处罚法 Arts. 66, 72, 73; 行政强制法 Art. 45). Pure: used by the
// workflow's query and by the API at request time, so the surcharge shown is always live.
import { surchargeAsOf, type FinePayment, type Instalment, type SurchargePause } from './surcharge';
import type { IsoDate } from './dates';

/**
 * A recorded decision under an enforcement agreement (执行协议, 行政强制法 Art. 42) that reduces or waives
 * surcharge already accrued, because the party took remedial measures. Never implied by a deferral.
 */
export interface SurchargeReduction {
  /** The agreement's or decision's document number. */
  agreementNo: string;
  decidedOn: IsoDate;
  /** Surcharge reduced, in fen (a waiver reduces all of it). */
  amountFen: number;
  /** The remedial measures the party took (补救措施). */
  remedialMeasures: string;
  /** Citation shown on the case. */
  basis: string;
  decidedBy: string;
}

export interface EnforcementMoney {
  fineFen: number;
  /** Last day to pay (enforcement.payment from service). */
  paymentDeadline: IsoDate;
  pauses: SurchargePause[];
  deferredTo?: IsoDate;
  instalments?: Instalment[];
  /** The day the deferral or instalments were approved (surcharge accrued before it stays). */
  scheduleApprovedOn?: IsoDate;
  /** 执行协议 decisions reducing accrued surcharge (行政强制法 Art. 42). */
  reductions?: SurchargeReduction[];
  payments: FinePayment[];
}

export interface EnforcementBalance {
  asOf: IsoDate;
  fineFen: number;
  paidFen: number;
  /** Surcharge owed: accrued less reductions decided under 行政强制法 Art. 42. */
  surchargeFen: number;
  /** Surcharge accrued under 行政处罚法 Art. 72, before any reduction. */
  surchargeAccruedFen: number;
  /** Surcharge reduced or waived by recorded 执行协议 decisions. */
  surchargeReducedFen: number;
  overdueDays: number;
  capped: boolean;
  outstandingFineFen: number;
  outstandingSurchargeFen: number;
  /** Fine and surcharge still to pay. */
  totalDueFen: number;
  settled: boolean;
}

export function enforcementBalance(money: EnforcementMoney, asOf: IsoDate): EnforcementBalance {
  const payments = money.payments.filter((p) => p.date <= asOf);
  const paidFen = payments.reduce((sum, p) => sum + p.amountFen, 0);
  if (money.fineFen <= 0) {
    return {
      asOf,
      fineFen: 0,
      paidFen,
      surchargeFen: 0,
      surchargeAccruedFen: 0,
      surchargeReducedFen: 0,
      overdueDays: 0,
      capped: false,
      outstandingFineFen: 0,
      outstandingSurchargeFen: 0,
      totalDueFen: 0,
      settled: true,
    };
  }
  const s = surchargeAsOf({
    fineFen: money.fineFen,
    paymentDeadline: money.paymentDeadline,
    asOf,
    pauses: money.pauses,
    ...(money.instalments
      ? { instalments: money.instalments }
      : money.deferredTo
        ? { deferredTo: money.deferredTo }
        : {}),
    ...(money.scheduleApprovedOn ? { scheduleApprovedOn: money.scheduleApprovedOn } : {}),
    payments,
  });
  const surchargeReducedFen = Math.min(
    s.surchargeFen,
    (money.reductions ?? []).filter((r) => r.decidedOn <= asOf).reduce((sum, r) => sum + r.amountFen, 0),
  );
  const surchargeFen = s.surchargeFen - surchargeReducedFen;
  // Payments go to the fine first (surcharge.ts); what is paid beyond the fine goes to the surcharge.
  const outstandingSurchargeFen = Math.max(0, surchargeFen - Math.max(0, paidFen - money.fineFen));
  const totalDueFen = s.outstandingFineFen + outstandingSurchargeFen;
  return {
    asOf,
    fineFen: money.fineFen,
    paidFen,
    surchargeFen,
    surchargeAccruedFen: s.surchargeFen,
    surchargeReducedFen,
    overdueDays: s.overdueDays,
    capped: s.capped,
    outstandingFineFen: s.outstandingFineFen,
    outstandingSurchargeFen,
    totalDueFen,
    settled: totalDueFen === 0,
  };
}

/** The last day any part of the fine falls due (deferral or last instalment, else the payment deadline). */
export function finalDueDate(money: EnforcementMoney): IsoDate {
  if (money.instalments?.length)
    return money.instalments
      .map((i) => i.dueDate)
      .sort()
      .at(-1)!;
  if (money.deferredTo && money.deferredTo > money.paymentDeadline) return money.deferredTo;
  return money.paymentDeadline;
}

/** 1234567 → '12,345.67元' (money shown to people; stored as fen). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}元`;
}
