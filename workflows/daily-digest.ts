// Started each morning by the Schedule notification-daily-digest; on a rest day of the statutory calendar it
// does nothing, otherwise every user with open tasks gets one digest (keyed per day, so a rerun adds nothing).
import { proxyActivities } from '@temporalio/workflow';
import type { CalendarActivities } from '../activities/calendar';
import type { DigestActivities } from '../activities/notifications/digest';
import { isWorkingDay } from '../domain/calendar';
import { todayInShanghai } from '../domain/dates';

const acts = proxyActivities<CalendarActivities & DigestActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumAttempts: 10 },
});

export async function dailyDigestWorkflow(): Promise<{ date: string; queued: number }> {
  const date = todayInShanghai(Date.now());
  const calendar = await acts.getCalendarSnapshot();
  if (!isWorkingDay(calendar, date)) return { date, queued: 0 };
  return { date, queued: await acts.queueDailyDigests({ date }) };
}
