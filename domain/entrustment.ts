// Entrusted enforcement (委托执法, policy §十六, §十): which entrustment, if any, lets an organisation
// exercise a power on a date, and in whose name the act is taken. Pure: the API and activities feed records.
import { addDays, compareIsoDates, daysBetween, type IsoDate } from './dates';
import { getLegalBasis } from './legal-basis';

export type EntrustmentStatus =
  'pending' | 'rejected' | 'withdrawn' | 'active' | 'expiring' | 'suspended' | 'lapsed' | 'revoked';

export const ENTRUSTMENT_STATUS_LABELS: Readonly<Record<EntrustmentStatus, string>> = {
  pending: '审批中',
  rejected: '未批准',
  withdrawn: '已撤回',
  active: '有效',
  expiring: '即将到期',
  suspended: '已暂停',
  lapsed: '已届满失效',
  revoked: '已撤销',
};

/**
 * A suspension from `from` (inclusive) until `until` (the day it was lifted, exclusive); open while until is absent.
 */
export interface Suspension {
  from: IsoDate;
  until?: IsoDate;
}

/** One entrustment as the register records it (the `entrustments` projection). */
export interface EntrustmentRecord {
  workflowId: string;
  draftNumber: string;
  letterNumber: string | null;
  agencyId: string;
  agencyName: string;
  orgId: string;
  orgName: string;
  powerIds: readonly string[];
  territory: string;
  termStart: IsoDate;
  termEnd: IsoDate;
  status: EntrustmentStatus;
  /** The day the revocation took effect: acts on or after it are outside the entrustment. */
  revokedOn: IsoDate | null;
  suspensions: readonly Suspension[];
}

export interface AuthorisationQuery {
  orgId: string;
  powerId: string;
  date: IsoDate;
}

export type AuthorisationRefusal = 'no-entrustment' | 'not-yet-in-force' | 'expired' | 'revoked' | 'suspended';

export type AuthorisationDecision =
  | {
      allowed: true;
      entrustment: {
        workflowId: string;
        letterNumber: string;
        termStart: IsoDate;
        termEnd: IsoDate;
        territory: string;
      };
      /** 受委托组织以委托行政机关名义实施 (行政处罚法 Art. 20). */
      actInNameOf: { agencyId: string; agencyName: string };
      basis: string;
      message: string;
    }
  | {
      allowed: false;
      reason: AuthorisationRefusal;
      entrustment?: { workflowId: string; letterNumber: string; termStart: IsoDate; termEnd: IsoDate };
      basis: string;
      message: string;
    };

/** Entrustments that ever took effect (a letter was issued and published). */
const TOOK_EFFECT: ReadonlySet<EntrustmentStatus> = new Set(['active', 'expiring', 'suspended', 'lapsed', 'revoked']);

function suspendedOn(record: EntrustmentRecord, date: IsoDate): boolean {
  return record.suspensions.some(
    (s) => compareIsoDates(s.from, date) <= 0 && (s.until === undefined || compareIsoDates(date, s.until) < 0),
  );
}

function refusalOf(record: EntrustmentRecord, date: IsoDate): AuthorisationRefusal | null {
  if (compareIsoDates(date, record.termStart) < 0) return 'not-yet-in-force';
  if (record.revokedOn !== null && compareIsoDates(date, record.revokedOn) >= 0) return 'revoked';
  if (compareIsoDates(date, record.termEnd) > 0) return 'expired';
  if (suspendedOn(record, date)) return 'suspended';
  return null;
}

const refusalMessages: Record<AuthorisationRefusal, string> = {
  'no-entrustment': '该组织未受委托实施此项职权，不得以任何名义实施',
  'not-yet-in-force': '委托期限尚未开始，受委托组织不得实施',
  expired: '委托期限已届满，受委托组织不得继续实施',
  revoked: '委托已被撤销，受委托组织不得继续实施',
  suspended: '委托已暂停，暂停期间受委托组织不得实施',
};

// When several entrustments fail, the one closest to allowing the act explains the refusal.
const refusalRank: Record<AuthorisationRefusal, number> = {
  suspended: 0,
  revoked: 1,
  expired: 2,
  'not-yet-in-force': 3,
  'no-entrustment': 4,
};

/**
 * Whether the organisation may exercise the power on the date; 行政处罚法 Art. 20: only within the entrusted scope and term.
 */
export function authoriseEntrustedAct(
  records: readonly EntrustmentRecord[],
  query: AuthorisationQuery,
): AuthorisationDecision {
  const basis = getLegalBasis('entrustment.written-letter').citation;
  const candidates = records.filter(
    (r) =>
      r.letterNumber !== null &&
      TOOK_EFFECT.has(r.status) &&
      r.orgId === query.orgId &&
      r.powerIds.includes(query.powerId),
  );
  let best: { record: EntrustmentRecord; reason: AuthorisationRefusal } | undefined;
  for (const record of candidates) {
    const reason = refusalOf(record, query.date);
    if (reason === null) {
      return {
        allowed: true,
        entrustment: {
          workflowId: record.workflowId,
          letterNumber: record.letterNumber!,
          termStart: record.termStart,
          termEnd: record.termEnd,
          territory: record.territory,
        },
        actInNameOf: { agencyId: record.agencyId, agencyName: record.agencyName },
        basis,
        message: `可以实施，须以${record.agencyName}的名义在委托范围（${record.territory}）内实施`,
      };
    }
    if (!best || refusalRank[reason] < refusalRank[best.reason]) best = { record, reason };
  }
  if (!best) return { allowed: false, reason: 'no-entrustment', basis, message: refusalMessages['no-entrustment'] };
  const r = best.record;
  return {
    allowed: false,
    reason: best.reason,
    entrustment: {
      workflowId: r.workflowId,
      letterNumber: r.letterNumber!,
      termStart: r.termStart,
      termEnd: r.termEnd,
    },
    basis,
    message: refusalMessages[best.reason],
  };
}

export interface TermProblem {
  field: 'termStart' | 'termEnd';
  rule: 'term-reversed' | 'term-too-long';
  message: string;
}

/** Longest term accepted; a longer one is a data-entry error rather than a policy choice. */
export const MAX_TERM_YEARS = 5;

export function termProblems(termStart: IsoDate, termEnd: IsoDate): TermProblem[] {
  if (compareIsoDates(termEnd, termStart) < 0)
    return [{ field: 'termEnd', rule: 'term-reversed', message: `委托期限结束日 ${termEnd} 早于开始日 ${termStart}` }];
  if (daysBetween(termStart, termEnd) > MAX_TERM_YEARS * 366)
    return [{ field: 'termEnd', rule: 'term-too-long', message: `委托期限不得超过 ${MAX_TERM_YEARS} 年` }];
  return [];
}

/** Status of a running entrustment on `today`: within 30 days of the end it is shown as expiring. */
export function runningStatus(
  termEnd: IsoDate,
  today: IsoDate,
  suspended: boolean,
  expiringWithinDays = 30,
): EntrustmentStatus {
  if (suspended) return 'suspended';
  return compareIsoDates(today, addDays(termEnd, -expiringWithinDays)) >= 0 ? 'expiring' : 'active';
}
