// Statutory deadlines of a transfer on the case record, hour periods included (24-hour transfer).
// Workflow code: deterministic, no I/O.
import { deadlineFor, type LegalBasisId } from '../../domain/legal-basis';
import { shanghaiDateOf } from '../../domain/dates';
import { endOfDay } from '../approval/deadline';
import type { ApprovalEngine } from '../approval/engine';
import type { CaseRecord } from '../case/case-record';

interface Origin {
  label: string;
  basisId: LegalBasisId;
  owedBy: string;
  from: string;
}

export class TransferDeadlines {
  private origins = new Map<string, Origin>();
  private due = new Map<string, number>();

  constructor(
    private readonly record: CaseRecord,
    private readonly engine: ApprovalEngine,
  ) {
    // A provisional due date (next year's holiday notice not yet loaded) is recomputed when the year is loaded.
    engine.onCalendarChanged(() => {
      for (const d of this.record.view.deadlines) {
        const origin = this.origins.get(d.key);
        if (origin && d.status === 'pending' && d.provisional)
          this.open(d.key, origin.label, origin.basisId, origin.owedBy, origin.from);
      }
    });
  }

  /** Counts the period of `basisId` from `from` (a date, or a Shanghai datetime for hour periods). */
  open(
    key: string,
    label: string,
    basisId: LegalBasisId,
    owedBy: string,
    from: string,
  ): { dueDate: string; dueAt: string } {
    const d = deadlineFor(this.engine.calendar, from, basisId);
    const dueDate = shanghaiDateOf(d.due);
    // Hour periods end on the clock; day periods at the end of the due day (Asia/Shanghai).
    const dueMs = d.unit === 'hours' ? Date.parse(d.due) : endOfDay(dueDate);
    const dueAt = new Date(dueMs).toISOString();
    this.origins.set(key, { label, basisId, owedBy, from });
    this.due.set(key, dueMs);
    this.record.deadline({
      key,
      label,
      basisId,
      citation: d.citation,
      owedBy,
      dueDate,
      dueAt,
      provisional: d.provisional,
    });
    return { dueDate, dueAt };
  }

  dueMs(key: string): number {
    return this.due.get(key) ?? Date.now();
  }

  /** Met when the act happened by the due moment; otherwise missed. */
  settle(key: string, at: number = Date.now()): void {
    const d = this.record.view.deadlines.find((x) => x.key === key);
    if (!d || (d.status !== 'pending' && d.status !== 'missed') || d.metAt) return;
    this.record.deadline({ ...d, status: at <= this.dueMs(key) ? 'met' : 'missed', metAt: new Date(at).toISOString() });
  }

  miss(key: string): void {
    this.record.markMissed(key);
  }

  cancel(key: string): void {
    this.record.cancelDeadline(key);
  }
}
