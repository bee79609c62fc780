// The notification centre, delivery preferences and delivery status (db/schema/notifications.ts) as the API
// answers them.
import { z } from '@hono/zod-openapi';
import { notificationChannels } from '../../domain/notification-policy';

const notificationKinds = [
  'reminder',
  'urge',
  'escalation',
  'return',
  'decision',
  'callback',
  'digest',
  'other',
] as const;
const deliveryStatuses = ['scheduled', 'sent', 'failed', 'undeliverable'] as const;

/** One message in a user's notification centre. */
export const Notification = z
  .object({
    id: z.string(),
    key: z.string(),
    userId: z.string(),
    kind: z.enum(notificationKinds),
    template: z.string(),
    title: z.string(),
    body: z.string(),
    link: z
      .string()
      .nullable()
      .openapi({ description: '控制台跳转地址：待办（/tasks/:id）或案件（/cases/:workflowId）' }),
    caseId: z.string().nullable(),
    workflowId: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable().openapi({ description: '已读时间；未读为 null' }),
  })
  .openapi('Notification');
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z
  .object({
    items: z.array(Notification),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    unread: z.number().int().openapi({ description: '未读通知数' }),
  })
  .openapi('NotificationList');
export type NotificationList = z.infer<typeof NotificationList>;

export const UnreadCount = z.object({ unread: z.number().int() }).openapi('NotificationUnreadCount');

export const ReadAllResult = z
  .object({ read: z.number().int().openapi({ description: '本次标记为已读的通知数' }) })
  .openapi('NotificationReadAllResult');

const channel = z.enum(notificationChannels);

/** A user's delivery preferences as saved. */
export const SavedNotificationPreferences = z
  .object({ channels: z.array(channel), mobile: z.string().nullable(), digest: z.boolean() })
  .openapi('SavedNotificationPreferences');

/** A user's delivery preferences, with the note that statutory reminders cannot be muted. */
export const NotificationPreferences = SavedNotificationPreferences.extend({
  statutoryReminders: z.string().openapi({ description: '不可关闭的提醒说明' }),
}).openapi('NotificationPreferences');
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/** One delivery of a message on one channel. */
export const NotificationDelivery = z
  .object({
    key: z.string(),
    channel: z.enum([...notificationChannels, 'none']),
    recipientId: z.string(),
    status: z.enum(deliveryStatuses),
    scheduledFor: z.string().nullable(),
    attempts: z.number().int(),
    messageId: z.string().nullable(),
    error: z.string().nullable(),
    fallback: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('NotificationDelivery');

export const NotificationDeliveryList = z
  .object({
    items: z.array(NotificationDelivery),
    counts: z
      .record(z.string(), z.number().int())
      .openapi({ description: '各状态（scheduled、sent、failed、undeliverable）的送达记录数；无记录的状态不出现' }),
  })
  .openapi('NotificationDeliveryList');
export type NotificationDeliveryList = z.infer<typeof NotificationDeliveryList>;
