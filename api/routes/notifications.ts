// The notification centre (my notifications, unread count, mark read), delivery preferences, and the
// administrator's delivery status view.
import { createRoute, z } from '@hono/zod-openapi';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { appendAudit } from '../../db/audit-trail';
import { notificationDeliveries, notificationPreferences, notifications } from '../../db/schema';
import { mainlandMobile, notificationChannels, type NotificationChannel } from '../../domain/notification-policy';
import { defaultChannels } from '../../activities/notifications/delivery';
import { recordDenial } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { errors, ok, problem } from '../responses/http';
import {
  Notification,
  NotificationDeliveryList,
  NotificationList,
  NotificationPreferences,
  ReadAllResult,
  SavedNotificationPreferences,
  UnreadCount,
} from '../responses/notifications';

const list = createRoute({
  method: 'get',
  path: '/notifications',
  tags: ['通知'],
  summary: '我的通知（提醒、催办、逾期督办、退回、审批结果、回执），新的在前',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      unread: z.enum(['true', 'false']).optional(),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: { 200: ok(NotificationList, '通知列表与未读数'), ...errors(400, 401, 403, 503) },
});

const unreadCount = createRoute({
  method: 'get',
  path: '/notifications/unread-count',
  tags: ['通知'],
  summary: '未读通知数',
  security: [{ bearer: [] }],
  responses: { 200: ok(UnreadCount, '未读数'), ...errors(400, 401, 403, 503) },
});

const markRead = createRoute({
  method: 'post',
  path: '/notifications/{id}/read',
  tags: ['通知'],
  summary: '标记一条通知为已读',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.string().min(1).max(1000) }) },
  responses: { 200: ok(Notification, '已读'), ...errors(400, 401, 403, 503), 404: problem('通知不存在') },
});

const markAllRead = createRoute({
  method: 'post',
  path: '/notifications/read-all',
  tags: ['通知'],
  summary: '全部标记为已读',
  security: [{ bearer: [] }],
  responses: { 200: ok(ReadAllResult, '已读数'), ...errors(400, 401, 403, 503) },
});

const getPreferences = createRoute({
  method: 'get',
  path: '/notifications/preferences',
  tags: ['通知'],
  summary: '我的通知设置（渠道、手机号、每日摘要）',
  security: [{ bearer: [] }],
  responses: { 200: ok(NotificationPreferences, '通知设置'), ...errors(400, 401, 403, 503) },
});

const putPreferences = createRoute({
  method: 'put',
  path: '/notifications/preferences',
  tags: ['通知'],
  summary: '修改通知设置：可选渠道与每日摘要；法定期限提醒不可关闭',
  security: [{ bearer: [] }],
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            channels: z.array(z.string().max(20)).max(5),
            mobile: z.string().max(20).nullable().optional(),
            digest: z.boolean().default(true),
          }),
        },
      },
    },
  },
  responses: {
    200: ok(SavedNotificationPreferences, '已保存'),
    ...errors(400, 401, 403, 413, 503),
    422: problem('渠道或手机号无效'),
  },
});

const deliveries = createRoute({
  method: 'get',
  path: '/admin/notification-deliveries',
  tags: ['通知'],
  summary: '通知送达情况（管理员）：按状态筛选，失败与无法送达的在前',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      status: z.enum(['scheduled', 'sent', 'failed', 'undeliverable']).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: ok(NotificationDeliveryList, '送达记录与按状态计数'), ...errors(400, 401, 403, 503) },
});

export const notificationsRouter = createRouter()
  .openapi(list, async (c) => {
    const { unread, page, pageSize } = c.req.valid('query');
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const mine = eq(notifications.userId, user.id);
    const where = unread === 'true' ? and(mine, isNull(notifications.readAt)) : mine;
    const items = await db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const [total] = await db.select({ n: count() }).from(notifications).where(where);
    const [unreadRow] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt)));
    return c.json({ items, page, pageSize, total: total?.n ?? 0, unread: unreadRow?.n ?? 0 }, 200);
  })
  .openapi(unreadCount, async (c) => {
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const [row] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
    return c.json({ unread: row?.n ?? 0 }, 200);
  })
  .openapi(markRead, async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const [row] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, user.id)));
    // Another user's notification answers as absent: its existence is not disclosed.
    if (!row) throw HttpProblem.notFound(`通知「${id}」不存在`);
    if (!row.readAt) {
      await db
        .update(notifications)
        .set({ readAt: new Date().toISOString() })
        .where(and(eq(notifications.id, id), isNull(notifications.readAt)));
    }
    const [updated] = await db.select().from(notifications).where(eq(notifications.id, id));
    return c.json(updated, 200);
  })
  .openapi(markAllRead, async (c) => {
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const rows = await db
      .update(notifications)
      .set({ readAt: new Date().toISOString() })
      .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return c.json({ read: rows.length }, 200);
  })
  .openapi(getPreferences, async (c) => {
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.id));
    return c.json(
      {
        channels: row?.channels ?? defaultChannels,
        mobile: row?.mobile ?? null,
        digest: row?.digest ?? true,
        statutoryReminders: '法定期限提醒、催办与逾期督办始终发送，不可关闭',
      },
      200,
    );
  })
  .openapi(putPreferences, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const known = new Set<string>(notificationChannels);
    const unknownAt = body.channels.findIndex((ch) => !known.has(ch));
    if (unknownAt >= 0)
      throw HttpProblem.unprocessable(
        `body.channels[${unknownAt}]`,
        'enum',
        `未知的通知渠道「${body.channels[unknownAt]}」，可选：sms（短信）、wecom（政务微信工作通知）`,
      );
    if (body.channels.length === 0)
      throw HttpProblem.unprocessable('body.channels', 'min_items', '至少选择一个通知渠道：法定期限提醒不可关闭');
    const mobile = body.mobile?.trim() || null;
    if (mobile !== null && !mainlandMobile.test(mobile))
      throw HttpProblem.unprocessable('body.mobile', 'mainland_mobile', '手机号须为 11 位中国大陆手机号码（1 开头）');
    if (body.channels.includes('sms') && mobile === null)
      throw HttpProblem.unprocessable('body.mobile', 'required', '选择短信渠道时须填写手机号');
    const channels = [...new Set(body.channels)] as NotificationChannel[];
    const row = { userId: user.id, channels, mobile, digest: body.digest, updatedAt: new Date().toISOString() };
    await db
      .insert(notificationPreferences)
      .values(row)
      .onConflictDoUpdate({ target: notificationPreferences.userId, set: row });
    await appendAudit(db, {
      actor: user.id,
      action: 'notification.preferences',
      detail: { channels, digest: body.digest, mobile: mobile ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : null },
    });
    return c.json({ channels, mobile, digest: body.digest }, 200);
  })
  .openapi(deliveries, async (c) => {
    const { status, limit } = c.req.valid('query');
    const user = c.get('user');
    if (!user.roles.includes('admin')) {
      await recordDenial(c, user.id, 'notification.deliveries', '只有管理员可以查看通知送达情况');
      throw HttpProblem.forbidden('只有管理员可以查看通知送达情况');
    }
    const db = c.get('deps').database.db;
    const statuses = status ? [status] : (['failed', 'undeliverable', 'scheduled', 'sent'] as const);
    const rows = await db
      .select()
      .from(notificationDeliveries)
      .where(inArray(notificationDeliveries.status, [...statuses]))
      .orderBy(desc(notificationDeliveries.updatedAt))
      .limit(limit);
    const order = ['failed', 'undeliverable', 'scheduled', 'sent'];
    rows.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
    const counts = await db
      .select({ status: notificationDeliveries.status, n: count() })
      .from(notificationDeliveries)
      .groupBy(notificationDeliveries.status);
    return c.json({ items: rows, counts: Object.fromEntries(counts.map((r) => [r.status, r.n])) }, 200);
  });
