// The accident case's moving deadlines (investigation, publication, copies, evaluation) and the extension
// approvals that move the first, each a long-running part of the workflow reading the shared context.
import { condition } from '@temporalio/workflow';
import { investigationDue } from '../../domain/accident-case';
import { deadlineFor, getLegalBasis, type LegalBasisId } from '../../domain/legal-basis';
import type { ReminderMoment } from '../approval/types';
import { heads, type AccidentContext } from './context';
import { watchDeadline } from './deadline-watch';
import { audit } from './effects';
import { extensionStep } from './steps';

/** Art. 29: 60 days for the report, plus an approved extension, without the technical appraisal's days. */
export function watchInvestigation(ctx: AccidentContext): Promise<void> {
  const { st, s, engine, input } = ctx;
  return watchDeadline(ctx.record, {
    key: 'investigation-report',
    label: '提交事故调查报告（技术鉴定期间不计入）',
    basisId: 'accident.investigation-report',
    owedBy: '事故调查组',
    openedDate: ctx.occurredDate,
    calendar: () => engine.calendar,
    due: () => investigationDue(engine.calendar, input.occurredAt, st.clock()),
    done: () => s.report !== undefined || s.stage !== 'investigation',
    paused: () => s.pausedSince !== undefined,
    accomplished: () => s.report !== undefined,
    version: () => st.version,
    remind: (moment, dueDate) =>
      ctx.remindAbout('investigation-report', '提交事故调查报告', moment, dueDate, {
        ...heads,
        departmentId: input.departmentId,
      }),
    overdue: (dueDate) =>
      ctx.escalate('investigation-report', '提交事故调查报告', dueDate, 'accident.investigation-report'),
  });
}

/** A deadline counted from the 批复; `done` is the act itself, and closing the case also ends the watch. */
export function watchAfterApproval(
  ctx: AccidentContext,
  key: string,
  label: string,
  basisId: LegalBasisId,
  owedBy: string,
  due: () => string,
  done: () => boolean,
  owingDepartment?: string,
): Promise<void> {
  const { st, s, engine, input } = ctx;
  const who = { ...heads, departmentId: owingDepartment ?? input.departmentId };
  const reminders: ReminderMoment[] = ['half-period', 'one-working-day-before', 'due-day'];
  return watchDeadline(ctx.record, {
    key,
    label,
    basisId,
    owedBy,
    openedDate: s.approvedOn!,
    reminders,
    calendar: () => engine.calendar,
    due: () => ({
      dueDate: due(),
      provisional: deadlineFor(
        engine.calendar,
        s.approvedOn!,
        basisId,
        basisId === 'accident.publication' ? { amount: ctx.publicationDays } : {},
      ).provisional,
    }),
    done: () => done() || s.stage === 'closed',
    accomplished: done,
    version: () => st.version,
    remind: (moment, dueDate) => ctx.remindAbout(key, label, moment, dueDate, who),
    overdue: (dueDate) => ctx.escalate(key, label, dueDate, basisId, owingDepartment),
  });
}

/** Art. 29: each extension request goes to the district government until the investigation ends. */
export async function extensionLoop(ctx: AccidentContext): Promise<void> {
  const { st, s, engine, input } = ctx;
  for (;;) {
    await condition(
      () =>
        s.extension?.status === 'pending' || s.stage === 'reported-upward' || s.approvedOn !== undefined || st.approved,
    );
    if (s.extension?.status !== 'pending') return;
    const step = await engine.runStep(extensionStep);
    s.extension.status = step.outcome?.kind === 'approved' ? 'approved' : 'rejected';
    st.version++;
    await audit(ctx.caseId, `extension:${step.instanceId}`, `accident.extension-${s.extension.status}`, {
      legalBasis: getLegalBasis('accident.investigation-extension').citation,
      detail: { days: s.extension.days, due: investigationDue(engine.calendar, input.occurredAt, st.clock()).dueDate },
    });
    await ctx.show();
  }
}
