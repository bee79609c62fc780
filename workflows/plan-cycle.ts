// The yearly plan cycle (§十四): opened in December by a Temporal Schedule; every unit with supervisory
// duties gets its annual plan workflow due 31 January; reminders before the due day; late units escalated
// to the 安委办 after it; the cycle closes when the plan year ends (no submission for a closed year).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import type { AnnualPlanActivities } from '../activities/annual-plan';
import type { CalendarActivities } from '../activities/calendar';
import { rollBackToWorkingDay } from '../domain/calendar';
import { addDays, todayInShanghai } from '../domain/dates';
import { deadlineFor, getLegalBasis } from '../domain/legal-basis';
import { annualPlanWorkflow } from './annual-plan';
import { endOfDay, isoAt, shanghaiMidnight } from './approval/deadline';
import { CaseRecord } from './case/case-record';
import type { PlanCycleInput } from './annual-plan/types';

const acts = proxyActivities<AnnualPlanActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});
const { getCalendarSnapshot } = proxyActivities<CalendarActivities>({ startToCloseTimeout: '30 seconds' });

export interface PlanCycleResult {
  year: number;
  dueDate: string;
  units: string[];
  reminded: Record<string, string[]>;
  escalated: string[];
  /** Set when another run had already opened this year's cycle. */
  openedBy?: string;
}

export function planWorkflowId(year: number, unitId: string): string {
  return `annual-plan-${year}-${unitId}`;
}

export async function planCycleWorkflow(input: PlanCycleInput = {}): Promise<PlanCycleResult> {
  const { workflowId, taskQueue } = workflowInfo();
  const today = todayInShanghai(Date.now());
  const year = input.year ?? Number(today.slice(0, 4)) + 1;
  const record = new CaseRecord({
    kind: 'plan-cycle',
    caseNumber: `PC-${year}`,
    title: `${year}年度安全生产监督检查计划编制`,
    departmentId: 'aqb',
    stage: 'drafting',
    stageLabel: '计划编制期',
  });
  const calendar = await getCalendarSnapshot();
  const draftBasis = getLegalBasis('plan.annual-draft');
  const dueDate = input.dueDate ?? deadlineFor(calendar, `${year}-01-01`, 'plan.annual-draft').due;
  record.deadline({
    key: 'draft',
    label: '各部门制订年度监督检查计划',
    basisId: draftBasis.id,
    citation: draftBasis.citation,
    owedBy: 'departments',
    dueDate,
    provisional: false,
  });

  const owner = await acts.openPlanCycle({ year, dueDate, workflowId, at: isoAt(Date.now()) });
  if (!owner.owned) return { year, dueDate, units: [], reminded: {}, escalated: [], openedBy: owner.owner };
  const units = await acts.listPlanningUnits();
  for (const unit of units) {
    try {
      await startChild(annualPlanWorkflow, {
        workflowId: planWorkflowId(year, unit.id),
        taskQueue,
        args: [{ year, unit, dueDate, cycleWorkflowId: workflowId }],
        // Each plan runs through its year on its own; the cycle only watches the drafting period.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
  record.summarise({ units: units.map((u) => u.id) });
  await record.sync();

  // Reminders at 09:00 on working days before the due day, to units that have not submitted.
  const reminded: Record<string, string[]> = {};
  const moments = (input.reminderDaysBefore ?? [7, 1])
    .map((days) => rollBackToWorkingDay(calendar, addDays(dueDate, -days)))
    .filter((d, i, all) => all.indexOf(d) === i)
    .sort()
    .map((date) => ({ date, at: shanghaiMidnight(date) + 9 * 3_600_000 }))
    .filter((m) => m.at > Date.now());
  for (const m of moments) {
    await sleep(m.at - Date.now());
    reminded[m.date] = await acts.remindPlanDrafters({
      year,
      moment: `reminder:${m.date}`,
      dueDate,
      cycleWorkflowId: workflowId,
    });
  }

  // The due day ends: units still drafting are escalated to the 安委办.
  const dueEnd = endOfDay(dueDate);
  if (dueEnd > Date.now()) await sleep(dueEnd - Date.now());
  const escalated = await acts.escalateLatePlans({
    year,
    dueDate,
    cycleWorkflowId: workflowId,
    at: isoAt(Date.now()),
    legalBasis: draftBasis.citation,
  });
  if (escalated.length > 0) record.markMissed('draft');
  else record.settleDeadline('draft', dueEnd - 1);
  record.stage('executing', '计划执行期').summarise({ escalated });
  await record.sync();

  // The plan year ends: the cycle is closed and no plan is taken for it any more.
  const yearEnd = endOfDay(`${year}-12-31`);
  if (yearEnd > Date.now()) await sleep(yearEnd - Date.now());
  await acts.closePlanCycle({ year, at: isoAt(Date.now()) });
  await record.close('closed', '年度已结束').sync();
  return { year, dueDate, units: units.map((u) => u.id), reminded, escalated };
}
