// Schedules of the notification service: the outbox sweep (every minute) and the daily digest
// (08:30 Asia/Shanghai; the workflow itself skips rest days of the statutory calendar). Idempotent.
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsAction,
  type ScheduleSpec,
} from '@temporalio/client';

export const OUTBOX_SWEEP_SCHEDULE_ID = 'notification-outbox-sweep';
export const DAILY_DIGEST_SCHEDULE_ID = 'notification-daily-digest';

async function ensure(
  client: Client,
  scheduleId: string,
  spec: ScheduleSpec,
  action: ScheduleOptionsAction,
  purpose: string,
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      memo: { purpose },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}

export async function ensureNotificationSchedules(client: Client, taskQueue = 'anjian-flow'): Promise<void> {
  await ensure(
    client,
    OUTBOX_SWEEP_SCHEDULE_ID,
    { intervals: [{ every: '1 minute' }] },
    {
      type: 'startWorkflow',
      workflowType: 'outboxSweepWorkflow',
      workflowId: 'notification-outbox-sweep',
      taskQueue,
      args: [],
    },
    '补发未送达的通知',
  );
  await ensure(
    client,
    DAILY_DIGEST_SCHEDULE_ID,
    { calendars: [{ hour: 8, minute: 30 }], timezone: 'Asia/Shanghai' },
    {
      type: 'startWorkflow',
      workflowType: 'dailyDigestWorkflow',
      workflowId: 'notification-daily-digest',
      taskQueue,
      args: [],
    },
    '每日待办摘要',
  );
}
