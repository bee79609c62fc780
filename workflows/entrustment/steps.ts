// Approval steps and expiry moments of an entrustment. Workflow-safe: pure, no I/O.
import type { CalendarSnapshot } from '../../domain/calendar';
import { deadlineFor, getLegalBasis } from '../../domain/legal-basis';
import { endOfDay, shanghaiMidnight } from '../approval/deadline';
import type { ApprovalStepSpec } from '../approval/types';

/** 重庆市安全生产条例 Art. 60: the legal affairs office (区司法局) reviews the scope before entrustment. */
export const legalReviewStep: ApprovalStepSpec = {
  stepId: 'legal-review',
  name: '法制机构审核委托范围',
  mode: 'any-of',
  participants: { roles: ['legal-reviewer'], departmentId: 'sfj' },
  deadline: { basisId: 'approval.step-default' },
  legalBasis: getLegalBasis('entrustment.scope-review').citation,
  commentRequiredFor: ['approve'],
};

/** The entrusting agency decides and bears responsibility for the entrustment (行政处罚法 Art. 20). */
export function agencyHeadStep(agencyId: string, name = '委托机关负责人审批'): ApprovalStepSpec {
  return {
    stepId: 'agency-head',
    name,
    mode: 'sequential',
    participants: { roles: ['department-head'], departmentId: agencyId },
    deadline: { basisId: 'approval.step-default' },
    legalBasis: getLegalBasis('entrustment.written-letter').citation,
  };
}

export type ExpiryKind = 'reminder-30' | 'reminder-7' | 'lapse';

export interface ExpiryMoment {
  kind: ExpiryKind;
  /** The day it concerns (reminder day, or the last day of the term). */
  date: string;
  at: number;
  /** Unique per term end, so a renewal brings fresh reminders. */
  key: string;
}

const HOUR = 3_600_000;

/** Reminders at 09:00 on working days 30 and 7 days before the end; the lapse when the last day ends. */
export function expiryMoments(
  calendar: CalendarSnapshot,
  termEnd: string,
  now: number,
  done: ReadonlySet<string>,
): ExpiryMoment[] {
  const reminders = (['reminder-30', 'reminder-7'] as const).map((kind) => {
    const due = deadlineFor(
      calendar,
      termEnd,
      kind === 'reminder-30' ? 'entrustment.expiry-reminder-30' : 'entrustment.expiry-reminder-7',
    ).due;
    return { kind, date: due, at: shanghaiMidnight(due) + 9 * HOUR, key: `${kind}:${termEnd}` };
  });
  const lapse: ExpiryMoment = { kind: 'lapse', date: termEnd, at: endOfDay(termEnd), key: `lapse:${termEnd}` };
  return [...reminders.filter((m) => m.at > now), lapse].filter((m) => !done.has(m.key)).sort((a, b) => a.at - b.at);
}
