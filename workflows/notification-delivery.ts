// Delivers one outbox message (one recipient, case, step and moment) exactly once: waits for working hours
// unless it is urgent, sends on the recipient's channels with retries, falls back to the other channel on a
// permanent failure, and records the outcome. Started by the activity that queues the message, id notify:<key>.
import { ActivityFailure, ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type {
  ChannelResult,
  DeliveryTarget,
  NotificationDeliveryActivities,
} from '../activities/notifications/delivery';

const prepare = proxyActivities<NotificationDeliveryActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** 5xx and timeouts: retried with backoff for about an hour before the channel counts as failed. */
const send = proxyActivities<NotificationDeliveryActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 12,
    nonRetryableErrorTypes: ['NOTIFICATION_REFUSED'],
  },
});

export interface NotificationDeliveryResult {
  key: string;
  sentAt?: number;
  results: ChannelResult[];
  undeliverable?: string;
}

export async function notificationDeliveryWorkflow(input: { key: string }): Promise<NotificationDeliveryResult> {
  const plan = await prepare.prepareDelivery({ key: input.key, now: Date.now() });
  const outcome = (results: ChannelResult[], sentAt?: number) =>
    prepare
      .recordDeliveryOutcome({
        key: plan.key,
        recipientId: plan.recipientId,
        results,
        params: plan.params,
        ...(plan.undeliverable ? { undeliverable: plan.undeliverable } : {}),
      })
      .then(() => ({ key: plan.key, results, sentAt, undeliverable: plan.undeliverable }));

  if (plan.undeliverable || plan.channels.length + plan.fallbacks.length === 0) {
    plan.undeliverable ??= '收件人未设置可用的通知渠道';
    return outcome([]);
  }
  const wait = plan.sendAt - Date.now();
  if (wait > 0) await sleep(wait);
  const sentAt = Date.now();

  const deliver = async (target: DeliveryTarget, fallback: boolean): Promise<ChannelResult> => {
    try {
      const { messageId } = await send.deliverNotification({
        key: plan.key,
        recipientId: plan.recipientId,
        target,
        template: plan.template,
        params: plan.params,
        fallback,
      });
      return { channel: target.channel, fallback, status: 'sent', messageId };
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const cause = err.cause instanceof ApplicationFailure ? err.cause.message : (err.cause?.message ?? err.message);
      return { channel: target.channel, fallback, status: 'failed', error: cause };
    }
  };

  const results: ChannelResult[] = [];
  for (const target of plan.channels) results.push(await deliver(target, false));
  if (results.some((r) => r.status === 'failed') || results.length === 0) {
    for (const target of plan.fallbacks) {
      const result = await deliver(target, true);
      results.push(result);
      if (result.status === 'sent') break;
    }
  }
  return outcome(results, sentAt);
}
