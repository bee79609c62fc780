import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** The notification centre: one row per outbox message addressed to a user, read or unread. */
export const notifications = pgTable(
  'notifications',
  {
    /** URL-safe id: a hash of the outbox key. */
    id: text('id').primaryKey(),
    /** The outbox key (recipient, case, step, moment), so a message shows once however often it is queued. */
    key: text('key').notNull().unique(),
    userId: text('user_id').notNull(),
    kind: text('kind', {
      enum: ['reminder', 'urge', 'escalation', 'return', 'decision', 'callback', 'digest', 'other'],
    }).notNull(),
    template: text('template').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Where the console takes the reader: a task (/tasks/:id) or a case (/cases/:workflowId). */
    link: text('link'),
    caseId: text('case_id'),
    workflowId: text('workflow_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)],
);

/** One delivery of an outbox message on one channel through the notification gateway. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    key: text('key').notNull(),
    channel: text('channel', { enum: ['sms', 'wecom', 'none'] }).notNull(),
    recipientId: text('recipient_id').notNull(),
    status: text('status', { enum: ['scheduled', 'sent', 'failed', 'undeliverable'] }).notNull(),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true, mode: 'string' }),
    attempts: integer('attempts').notNull().default(0),
    messageId: text('message_id'),
    error: text('error'),
    fallback: boolean('fallback').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.channel] }),
    index('notification_deliveries_status_idx').on(t.status, t.updatedAt),
  ],
);

/** A user's channels and digest choice; statutory deadline reminders cannot be muted. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: text('user_id').primaryKey(),
  channels: text('channels').array().notNull().$type<Array<'sms' | 'wecom'>>(),
  mobile: text('mobile'),
  digest: boolean('digest').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
