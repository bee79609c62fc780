// Delivery through the notification gateway: who and where (preferences, mobile, work-app id), when (working
// hours), each channel's send with an idempotency key, and the outcome on the case and for the administrator.
import { Context } from '@temporalio/activity';
import { ApplicationFailure, type Client } from '@temporalio/client';
import { and, eq, lt, sql } from 'drizzle-orm';
import { AgencyRejectedError, type AgencyGateway } from '../../agencies/gateway';
import { appendAudit } from '../../db/audit-trail';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import type { Db } from '../../db/client';
import { notificationDeliveries, notificationPreferences, outbox, users } from '../../db/schema';
import {
  channelNames,
  deliveryTime,
  isImmediate,
  renderNotification,
  type NotificationChannel,
} from '../../domain/notification-policy';
import { startDeliveries, workflowOfKey } from './queue';

export interface DeliveryTarget {
  channel: NotificationChannel;
  to: string;
}

export interface DeliveryPlan {
  key: string;
  recipientId: string;
  /** Why nothing can be sent (recipient unknown, left, a party), reported to the administrator. */
  undeliverable?: string;
  channels: DeliveryTarget[];
  /** Channels to fall back on when a chosen channel fails for good. */
  fallbacks: DeliveryTarget[];
  sendAt: number;
  template: string;
  params: Record<string, string>;
}

export interface ChannelResult {
  channel: NotificationChannel;
  fallback: boolean;
  status: 'sent' | 'failed';
  messageId?: string;
  error?: string;
}

export const defaultChannels: NotificationChannel[] = ['wecom'];

export function createNotificationDeliveryActivities(deps: { db: Db; gateway: AgencyGateway }) {
  const { db, gateway } = deps;

  async function setDelivery(
    key: string,
    recipientId: string,
    channel: NotificationChannel | 'none',
    values: Partial<typeof notificationDeliveries.$inferInsert> & {
      status: 'scheduled' | 'sent' | 'failed' | 'undeliverable';
    },
  ) {
    const row = { key, recipientId, channel, ...values, updatedAt: new Date().toISOString() };
    await db
      .insert(notificationDeliveries)
      .values(row)
      .onConflictDoUpdate({
        target: [notificationDeliveries.key, notificationDeliveries.channel],
        // A late retry never turns a sent message back into a failure.
        set: { ...values, updatedAt: row.updatedAt },
        setWhere: sql`${notificationDeliveries.status} <> 'sent'`,
      });
  }

  return {
    /** Run by the sweep schedule: starts a delivery for every message still pending after a minute. */
    async sweepUndeliveredOutbox(): Promise<number> {
      const ctx = Context.current();
      return sweepOutbox(db, ctx.client, ctx.info.taskQueue);
    },

    /** `now` is the workflow's clock, so the working-hours decision is recorded in its history and replays. */
    async prepareDelivery(input: { key: string; now: number }): Promise<DeliveryPlan> {
      const [message] = await db.select().from(outbox).where(eq(outbox.key, input.key));
      if (!message) throw ApplicationFailure.nonRetryable(`outbox message ${input.key} not found`, 'OUTBOX_MISSING');
      const base = {
        key: message.key,
        recipientId: message.recipientId,
        template: message.template,
        params: message.params,
        channels: [],
        fallbacks: [],
        sendAt: input.now,
      };
      if (message.recipientId.startsWith('party:')) {
        return { ...base, undeliverable: '当事人不通过政务消息网关通知，按法定方式送达' };
      }
      const [user] = await db.select().from(users).where(eq(users.id, message.recipientId));
      if (!user) return { ...base, undeliverable: `收件人「${message.recipientId}」不存在` };
      if (!user.active) return { ...base, undeliverable: `收件人「${user.name}」已离职或停用` };
      const [prefs] = await db
        .select()
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, user.id));
      const address = (channel: NotificationChannel): string | undefined =>
        channel === 'wecom' ? user.id : (prefs?.mobile ?? undefined);
      const chosen = prefs?.channels.length ? prefs.channels : defaultChannels;
      const target = (channel: NotificationChannel) => ({ channel, to: address(channel)! });
      const channels = chosen.filter((c) => address(c)).map(target);
      const fallbacks = (['wecom', 'sms'] as const).filter((c) => !chosen.includes(c) && address(c)).map(target);
      const calendar = await currentCalendarSnapshot(db);
      const sendAt = deliveryTime(calendar, input.now, isImmediate(message));
      for (const c of channels) {
        await setDelivery(message.key, user.id, c.channel, {
          status: 'scheduled',
          scheduledFor: new Date(sendAt).toISOString(),
        });
      }
      return { ...base, channels, fallbacks, sendAt };
    },

    /**
     * One message on one channel. The idempotency key (outbox key + channel) lets the gateway answer a retry
     * with the first reply, so a retried or restarted activity never texts anyone twice. 5xx and timeouts are
     * retried with backoff by Temporal; a 4xx is final.
     */
    async deliverNotification(input: {
      key: string;
      recipientId: string;
      target: DeliveryTarget;
      template: string;
      params: Record<string, string>;
      fallback: boolean;
    }): Promise<{ messageId: string }> {
      const { key, target } = input;
      const attempt = Context.current().info.attempt;
      const { title, body } = renderNotification(input.template, input.params);
      const caseRef = input.params.caseId && input.params.caseId.length <= 100 ? input.params.caseId : undefined;
      try {
        const sent = await gateway.notification.send(
          {
            idempotencyKey: `${key}:${target.channel}`,
            channel: target.channel,
            to: target.to,
            template: input.template,
            params: { ...input.params, title, body },
            ...(caseRef ? { caseRef } : {}),
          },
          Context.current().cancellationSignal,
        );
        await setDelivery(key, input.recipientId, target.channel, {
          status: 'sent',
          attempts: attempt,
          messageId: sent.messageId,
          error: null,
          fallback: input.fallback,
        });
        return { messageId: sent.messageId };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const final = err instanceof AgencyRejectedError;
        await setDelivery(key, input.recipientId, target.channel, {
          status: final ? 'failed' : 'scheduled',
          attempts: attempt,
          error: message,
          fallback: input.fallback,
        });
        if (final) throw ApplicationFailure.create({ type: 'NOTIFICATION_REFUSED', nonRetryable: true, message });
        throw err;
      }
    },

    /**
     * The outcome on the outbox, and for a failure or an unreachable recipient: a record on the case's audit
     * trail (its timeline) and a failed delivery row, which the administrator's delivery view lists.
     */
    async recordDeliveryOutcome(input: {
      key: string;
      recipientId: string;
      results: ChannelResult[];
      undeliverable?: string;
      params: Record<string, string>;
    }): Promise<void> {
      const sent = input.results.some((r) => r.status === 'sent');
      const now = new Date().toISOString();
      for (const r of input.results.filter((x) => x.status === 'failed')) {
        await setDelivery(input.key, input.recipientId, r.channel, {
          status: 'failed',
          error: r.error ?? null,
          fallback: r.fallback,
        });
      }
      if (input.undeliverable && !input.recipientId.startsWith('party:')) {
        await setDelivery(input.key, input.recipientId, 'none', {
          status: 'undeliverable',
          error: input.undeliverable,
        });
      }
      await db
        .update(outbox)
        .set({
          status: sent ? 'sent' : 'failed',
          sentAt: sent ? now : null,
          attempts: input.results.length,
        })
        .where(eq(outbox.key, input.key));
      const failed = input.results.filter((r) => r.status === 'failed');
      if (failed.length === 0 && !input.undeliverable) return;
      if (input.recipientId.startsWith('party:')) return;
      await appendAudit(db, {
        actor: 'system',
        action: input.undeliverable ? 'notification.undeliverable' : 'notification.failed',
        outcome: sent ? 'ok' : 'rejected',
        workflowId: workflowOfKey(input.key),
        caseId: input.params.caseId ?? null,
        comment:
          input.undeliverable ??
          `${failed.map((f) => `${channelNames[f.channel]}发送失败`).join('，')}${sent ? '，已改由其他渠道送达' : '，未能送达'}`,
        detail: { key: input.key, recipientId: input.recipientId, results: input.results },
        dedupeKey: `notify:${input.key}:outcome`,
      });
    },
  };
}

/** Catch-up for messages queued without a delivery (written before this existed, or its start was lost). */
export async function sweepOutbox(db: Db, client: Client, taskQueue: string, olderThanMs = 60_000): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs).toISOString();
  const pending = await db
    .select({ key: outbox.key })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lt(outbox.createdAt, cutoff)))
    .limit(5000);
  return startDeliveries(
    { client, taskQueue },
    pending.map((p) => p.key),
  );
}

export type NotificationDeliveryActivities = ReturnType<typeof createNotificationDeliveryActivities>;
