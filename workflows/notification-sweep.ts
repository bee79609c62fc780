// Run by a Temporal Schedule: outbox messages that have no delivery yet (queued before delivery existed,
// or whose start was lost with a killed worker) get their delivery workflow. Starting is idempotent per key.
import { proxyActivities } from '@temporalio/workflow';
import type { NotificationDeliveryActivities } from '../activities/notifications/delivery';

const acts = proxyActivities<NotificationDeliveryActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumAttempts: 5 },
});

export async function outboxSweepWorkflow(): Promise<{ started: number }> {
  return { started: await acts.sweepUndeliveredOutbox() };
}
