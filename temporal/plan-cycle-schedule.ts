// The yearly Temporal Schedule that opens the next year's plan cycle (§十四: plans due by the end of January).
// Idempotent: creating it again updates the spec and action in place.
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsAction,
  type ScheduleSpec,
} from '@temporalio/client';
import { planCycleWorkflow } from '../workflows/plan-cycle';

export const PLAN_CYCLE_SCHEDULE_ID = 'plan-cycle-yearly';

/** 1 December, 09:00 Beijing time: the cycle for the following year opens (the workflow works out the year). */
const spec: ScheduleSpec = {
  calendars: [{ month: 'DECEMBER', dayOfMonth: 1, hour: 9, minute: 0 }],
  timezone: 'Asia/Shanghai',
};

export async function ensurePlanCycleSchedule(
  client: Client,
  taskQueue = 'anjian-flow',
): Promise<'created' | 'updated'> {
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: planCycleWorkflow,
    workflowId: 'plan-cycle',
    taskQueue,
    args: [{}],
  };
  try {
    // The previous year's cycle runs until 31 December, so runs overlap by design.
    await client.schedule.create({
      scheduleId: PLAN_CYCLE_SCHEDULE_ID,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '30 days' },
      memo: { purpose: '年度监督检查计划编制周期' },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(PLAN_CYCLE_SCHEDULE_ID).update((previous) => ({ ...previous, spec, action }));
    return 'updated';
  }
}
