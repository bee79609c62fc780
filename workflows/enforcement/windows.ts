// The enforcement case's windows and dates: service (公告送达 after 30 days), the challenge windows, a running
// reconsideration or lawsuit and when it ends, the surcharge pauses, the court-application period, publication.
// Plain TypeScript over domain/, no Temporal imports.
import type { CalendarSnapshot } from '../../domain/calendar';
import { deadlineFor, getLegalBasis, type LegalBasisId } from '../../domain/legal-basis';
import { computeDeadline } from '../../domain/periods';
import {
  enforcementBalance,
  finalDueDate,
  type EnforcementBalance,
  type EnforcementMoney,
} from '../../domain/enforcement-balance';
import { addDays } from '../../domain/dates';
import type { Challenge, EnforcementCaseInput, EnforcementView, ServiceMethod } from './types';

/** 公告送达: deemed served when 30 days have passed since publication (民事诉讼法 Art. 95). */
export const PUBLIC_NOTICE_DAYS = 30;

export function deemedServiceDate(method: ServiceMethod, servedOrPublishedOn: string, publishedOn?: string): string {
  return method === 'public-notice'
    ? addDays(publishedOn ?? servedOrPublishedOn, PUBLIC_NOTICE_DAYS)
    : servedOrPublishedOn;
}

export class EnforcementWindows {
  money: EnforcementMoney;
  challenges: Challenge[] = [];
  deferral?: EnforcementView['deferral'];
  publication: { publishedOn?: string; withdrawnOn?: string; withdrawalFrom?: string } = {};

  constructor(
    readonly input: EnforcementCaseInput,
    protected readonly calendar: () => CalendarSnapshot,
  ) {
    this.money = {
      fineFen: input.fineFen,
      paymentDeadline: this.periodEnd(this.knownOn(), 'enforcement.payment'),
      pauses: [],
      payments: [],
      reductions: [],
    };
    this.publication.publishedOn = input.publishedOn;
  }

  /** The day the party is taken to know of the decision: service, or 30 days after a public notice. */
  knownOn(): string {
    return deemedServiceDate(this.input.serviceMethod, this.input.servedOn, this.input.noticePublishedOn);
  }

  get onTheSpot(): boolean {
    return this.input.onTheSpot === true;
  }

  get remediesStated(): boolean {
    return this.input.remediesStated !== false;
  }

  /** A reconsideration or court revoked the decision: nothing left to enforce. */
  get revoked(): boolean {
    return this.challenges.some((c) => c.outcome === 'revoked');
  }

  periodEnd(from: string, basisId: Parameters<typeof deadlineFor>[2]): string {
    return deadlineFor(this.calendar(), from, basisId).due;
  }

  /** Recomputed from the calendar in force (a newly loaded year moves provisional dates). */
  refreshPaymentDeadline(): void {
    this.money.paymentDeadline = this.periodEnd(this.knownOn(), 'enforcement.payment');
  }

  balance(asOf: string): EnforcementBalance {
    const lastPaid = this.money.payments
      .map((p) => p.date)
      .sort()
      .at(-1);
    return enforcementBalance(this.money, lastPaid && lastPaid > asOf ? lastPaid : asOf);
  }

  finalDue(): string {
    return finalDueDate(this.money);
  }

  /** A newly loaded calendar year moves a running reconsideration's provisional decision date. */
  refreshChallengeDates(): void {
    const c = this.pendingChallenge();
    if (c?.kind === 'reconsideration') c.decisionDue = this.reconsiderationDecisionDue(c);
  }

  /** A challenge still running: not finally decided, and (a silent reconsideration) not lapsed. */
  pendingChallenge(): Challenge | undefined {
    return this.challenges.find((c) => !c.decidedOn && !c.lapsedOn);
  }

  reconsiderationBasis(): LegalBasisId {
    return this.remediesStated ? 'enforcement.reconsideration-window' : 'enforcement.reconsideration-window-unstated';
  }

  reconsiderationEnds(): string {
    return this.periodEnd(this.knownOn(), this.reconsiderationBasis());
  }

  /** The direct-suit window (行政诉讼法 Art. 46); none for an on-the-spot decision (行政复议法 Art. 23 ¶1(一)). */
  directSuitBasis(): LegalBasisId | undefined {
    if (this.onTheSpot) return undefined;
    return this.remediesStated ? 'enforcement.litigation-window' : 'enforcement.litigation-window-unstated';
  }

  /**
   * The body's last day to decide a reconsideration: acceptance (deemed after 5 working days) + 60/30 (+ extension).
   */
  reconsiderationDecisionDue(c: Challenge): string {
    const accepted = c.acceptedOn ?? this.periodEnd(c.filedOn, 'enforcement.reconsideration-acceptance');
    const due = this.periodEnd(
      accepted,
      c.simpleProcedure ? 'enforcement.reconsideration-decision-simple' : 'enforcement.reconsideration-decision',
    );
    if (!c.extendedDays) return due;
    const basis = getLegalBasis(
      c.simpleProcedure ? 'enforcement.reconsideration-decision-simple' : 'enforcement.reconsideration-decision',
    );
    return computeDeadline(this.calendar(), accepted, Number(basis.amount) + c.extendedDays, 'calendar-days').due;
  }

  /**
   * The last day to sue: 15 days after a reconsideration decision, or after the body's period when it stays
   * silent (行政诉讼法 Art. 45); otherwise the direct-suit window; none while 复议前置 applies.
   */
  litigationEnds(): string | undefined {
    const reconsideration = this.challenges.filter((c) => c.kind === 'reconsideration').at(-1);
    if (reconsideration?.decidedOn)
      return this.periodEnd(reconsideration.decidedOn, 'enforcement.litigation-after-reconsideration');
    if (reconsideration) return this.periodEnd(reconsideration.decisionDue!, 'enforcement.litigation-after-silence');
    const basis = this.directSuitBasis();
    return basis ? this.periodEnd(this.knownOn(), basis) : undefined;
  }

  /** The last day a challenge may still be brought or is running; the court path opens after it. */
  courtPathOpensAfter(): string {
    const litigation = this.challenges.filter((c) => c.kind === 'litigation').at(-1);
    // A final judgment ends the challenge period (行政诉讼法 Art. 85: unappealed, final when the 15 days end).
    if (litigation?.decidedOn) return litigation.decidedOn;
    const reconsidered = this.challenges.some((c) => c.kind === 'reconsideration');
    const ends = [this.litigationEnds(), reconsidered ? undefined : this.reconsiderationEnds()].filter(
      (d): d is string => d !== undefined,
    );
    return ends.sort().at(-1)!;
  }

  /** An approved deferral or instalment plan (行政处罚法 Art. 66). */
  deferralApproved(): boolean {
    return this.deferral?.status === 'approved';
  }

  /**
   * Where the 3 months of 行政强制法 Art. 53 start: the end of the challenge period, or, after an approved deferral
   * or instalments, the end of that period (行政处罚法 Art. 72 ¶2), whichever is later.
   */
  courtApplicationFrom(): { from: string; basisId: LegalBasisId } {
    const opensAfter = this.courtPathOpensAfter();
    if (this.deferralApproved() && this.finalDue() > opensAfter)
      return { from: this.finalDue(), basisId: 'enforcement.court-application-after-deferral' };
    return { from: opensAfter, basisId: 'enforcement.court-application' };
  }

  courtApplicationDue(): string {
    const { from, basisId } = this.courtApplicationFrom();
    return this.periodEnd(from, basisId);
  }

  /** 行政处罚法 Art. 73 ¶3: no surcharge while a reconsideration or litigation runs (to its final result). */
  recomputePauses(): void {
    this.money.pauses = this.challenges.map((c) => {
      const to = c.decidedOn ?? (c.lapsedOn ? c.decisionDue : undefined);
      return to ? { from: c.filedOn, to } : { from: c.filedOn };
    });
  }

  /** Dates on which a running challenge changes by itself (a judgment becoming final, a silent body lapsing). */
  challengeMilestones(): string[] {
    const c = this.pendingChallenge();
    if (!c) return [];
    if (c.kind === 'litigation') return c.firstInstance && !c.appealedOn ? [c.firstInstance.appealEnds] : [];
    return [this.periodEnd(c.decisionDue!, 'enforcement.litigation-after-silence')];
  }

  /**
   * Moves a running challenge on by the calendar: an unappealed first-instance judgment becomes final when the
   * 15 days end (行政诉讼法 Art. 85); a silent reconsideration body with no suit in the 15 days after its period
   * no longer holds the case (行政诉讼法 Art. 45). Returns the challenge that changed.
   */
  settleByTime(today: string): Challenge | undefined {
    const c = this.pendingChallenge();
    if (!c) return undefined;
    if (c.kind === 'litigation' && c.firstInstance && !c.appealedOn && today > c.firstInstance.appealEnds) {
      this.finalise(c, c.firstInstance.appealEnds, c.firstInstance.outcome, c.firstInstance.newFineFen);
      return c;
    }
    if (c.kind === 'reconsideration') {
      const suitEnds = this.periodEnd(c.decisionDue!, 'enforcement.litigation-after-silence');
      if (today > suitEnds) {
        c.lapsedOn = suitEnds;
        this.recomputePauses();
        return c;
      }
    }
    return undefined;
  }

  /** A challenge's final result: the fine may change; the surcharge pause ends on that day. */
  finalise(c: Challenge, date: string, outcome: Challenge['outcome'], newFineFen?: number): void {
    Object.assign(c, { decidedOn: date, outcome });
    if (outcome === 'varied' && newFineFen) {
      c.newFineFen = newFineFen;
      this.money.fineFen = newFineFen;
      delete this.money.instalments;
    }
    if ((outcome === 'varied' || outcome === 'revoked') && this.publication.publishedOn)
      this.publication.withdrawalFrom = date;
    this.recomputePauses();
  }

  publicationDue(): string {
    return this.periodEnd(this.input.decidedOn, 'enforcement.publication');
  }

  withdrawalDue(): string | undefined {
    const from = this.publication.withdrawalFrom;
    return from ? this.periodEnd(from, 'enforcement.publication-withdrawal') : undefined;
  }
}
