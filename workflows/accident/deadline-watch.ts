// A statutory deadline that can move (extension, appraisal pause, calendar loaded): reminders before it,
// escalation when it passes, and the case record kept in step. Workflow code: deterministic, no I/O.
import { condition } from '@temporalio/workflow';
import type { CalendarSnapshot } from '../../domain/calendar';
import { getLegalBasis, type LegalBasisId } from '../../domain/legal-basis';
import { endOfDay, isoAt, stepMoments } from '../approval/deadline';
import type { ReminderMoment } from '../approval/types';
import type { CaseRecord } from '../case/case-record';

export interface WatchSpec {
  key: string;
  label: string;
  basisId: LegalBasisId;
  owedBy: string;
  openedDate: string;
  calendar: () => CalendarSnapshot;
  due: () => { dueDate: string; provisional: boolean };
  done: () => boolean;
  /** Clock stopped (technical appraisal): no reminders, no overdue. */
  paused?: () => boolean;
  /** Whether ending the watch means the act was done (met/missed), rather than the deadline falling away. */
  accomplished?: () => boolean;
  /** Bumped whenever the due date may have moved. */
  version: () => number;
  reminders?: ReminderMoment[];
  remind(moment: ReminderMoment, dueDate: string): Promise<void>;
  overdue(dueDate: string): Promise<void>;
}

export async function watchDeadline(record: CaseRecord, spec: WatchSpec): Promise<void> {
  const citation = getLegalBasis(spec.basisId).citation;
  let escalatedFor: string | undefined;
  let shown: string | undefined;
  while (!spec.done()) {
    if (spec.paused?.()) {
      await condition(() => spec.done() || !spec.paused!());
      continue;
    }
    const seen = spec.version();
    const due = spec.due();
    if (shown !== `${due.dueDate}:${due.provisional}`) {
      shown = `${due.dueDate}:${due.provisional}`;
      const missed = escalatedFor === due.dueDate;
      record.deadline({
        key: spec.key,
        label: spec.label,
        basisId: spec.basisId,
        citation,
        owedBy: spec.owedBy,
        dueDate: due.dueDate,
        dueAt: isoAt(endOfDay(due.dueDate)),
        provisional: due.provisional,
        status: missed ? 'missed' : 'pending',
      });
      await record.sync();
    }
    const moments = stepMoments(
      spec.calendar(),
      spec.openedDate,
      due.dueDate,
      spec.reminders ?? ['half-period', 'one-working-day-before', 'due-day'],
      Date.now(),
    ).filter((m) => m.kind !== 'overdue' || escalatedFor !== due.dueDate);
    const next = moments[0];
    const changed = () => spec.done() || spec.version() !== seen || (spec.paused?.() ?? false);
    if (!next) {
      await condition(changed);
      continue;
    }
    if (await condition(changed, Math.max(next.at - Date.now(), 1))) continue;
    if (next.kind === 'overdue') {
      escalatedFor = due.dueDate;
      record.markMissed(spec.key);
      await record.sync();
      await spec.overdue(due.dueDate);
    } else {
      await spec.remind(next.kind, due.dueDate);
    }
  }
  if (spec.accomplished?.() ?? true) record.settleDeadline(spec.key);
}
