import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { devAgencySecret, perAgency } from '../../agencies/config';
import { parseNamingFields } from '../../agencies/field-issues';
import { verifySignature } from '../../agencies/signing';
import { agencyIdSchema, callbackEventSchema, isCallbackFromAgency, type AgencyId } from '../../agencies/types';
import { recordSecurityEvent } from '../../db/security-events';
import { clientOf } from '../client-limits';
import { agencyRefs, inboundEvents } from '../../db/schema';
import { agencyCallbackUpdate } from '../../workflows/agency/messages';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { errors, problem } from '../responses/http';
import { updateRefusalOf } from '../update-refusal';

// Read once at start-up; in production loadEnv has refused to start without AGENCY_SECRET, so the development default
// never signs.
const secrets = perAgency(process.env, 'AGENCY_SECRET', devAgencySecret);

const callback = createRoute({
  method: 'post',
  path: '/callbacks/{agency}',
  tags: ['外部机构回调'],
  summary: '外部机构回调（HMAC-SHA256 签名，按事件编号去重）',
  description:
    '请求头 x-anjian-timestamp、x-anjian-event-id、x-anjian-signature = HMAC-SHA256(secret, `${timestamp}.${body}`)。',
  request: {
    params: z.object({ agency: agencyIdSchema }),
    headers: z.object({
      'x-anjian-timestamp': z.string().optional(),
      'x-anjian-signature': z.string().optional(),
      'x-anjian-event-id': z.string().optional(),
    }),
    body: { content: { 'application/json': { schema: z.any() } } },
  },
  responses: {
    200: {
      description: '已送达工作流（或重复事件，不再处理）',
      content: {
        'application/json': {
          schema: z.object({ delivered: z.boolean(), duplicate: z.boolean(), workflowId: z.string() }),
        },
      },
    },
    ...errors(413, 503),
    400: problem('回调内容无效'),
    401: problem('签名无效或时间戳过期'),
    404: problem('未知案件'),
    409: problem('案件当前阶段不接受此回调'),
  },
});

export const callbacksRouter = createRouter().openapi(callback, async (c) => {
  const { database, temporal } = c.get('deps');
  const db = database.db;
  const agency = c.req.valid('param').agency as AgencyId;
  const raw = await c.req.text();
  const signature = verifySignature({
    secret: secrets[agency],
    timestamp: c.req.header('x-anjian-timestamp'),
    signature: c.req.header('x-anjian-signature'),
    body: raw,
  });
  if (!signature.ok) {
    // A security event, aggregated per source, not an audit row per forged request.
    await recordSecurityEvent(db, {
      kind: 'callback.bad-signature',
      source: `${clientOf(c, c.get('limits').trustProxy)} agency:${agency}`,
      sample: { agency, reason: signature.reason, eventId: c.req.header('x-anjian-event-id') },
    });
    throw new HttpProblem(401, '回调签名无效', signature.reason === 'stale' ? '时间戳过期' : '签名缺失或不匹配');
  }
  const eventIdHeader = c.req.header('x-anjian-event-id') ?? 'unknown';
  const record = async (
    status: (typeof inboundEvents.$inferInsert)['status'],
    detail: Record<string, unknown>,
    type?: string,
    caseRef?: string,
    eventId = eventIdHeader,
  ) => {
    await db.insert(inboundEvents).values({ agency, eventId, status, detail, type, caseRef }).onConflictDoNothing();
  };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    await record('invalid', { error: 'invalid JSON' });
    throw new HttpProblem(400, '回调内容无效', '请求体不是有效的 JSON', [
      { field: 'body', rule: 'invalid_json', message: '请求体不是有效的 JSON' },
    ]);
  }
  const parsed = parseNamingFields(callbackEventSchema, json);
  if (!parsed.ok) {
    const errors = parsed.issues.map((e) => ({ ...e, field: `body.${e.field}` }));
    await record('invalid', { errors });
    throw new HttpProblem(400, '回调内容无效', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  const event = parsed.value;
  if (!isCallbackFromAgency(agency, event)) {
    await record('invalid', { error: 'event type not from this agency' }, event.type, event.caseRef, event.eventId);
    throw HttpProblem.badRequest('body.type', 'agency_mismatch', `${agency} 不能发送 ${event.type} 事件`);
  }
  const [previous] = await db
    .select()
    .from(inboundEvents)
    .where(and(eq(inboundEvents.agency, agency), eq(inboundEvents.eventId, event.eventId)))
    .limit(1);
  if (previous?.status === 'delivered') {
    return c.json({ delivered: false, duplicate: true, workflowId: String(previous.detail?.workflowId ?? '') }, 200);
  }
  const [ref] = await db.select().from(agencyRefs).where(eq(agencyRefs.caseRef, event.caseRef)).limit(1);
  if (!ref) {
    await record('unknown-case', {}, event.type, event.caseRef, event.eventId);
    throw HttpProblem.notFound(`未知案件 ${event.caseRef}`);
  }
  try {
    const result = await temporal.workflow
      .getHandle(ref.workflowId)
      .executeUpdate(agencyCallbackUpdate, { args: [event], updateId: `callback:${agency}:${event.eventId}` });
    await record('delivered', { workflowId: ref.workflowId }, event.type, event.caseRef, event.eventId);
    return c.json({ delivered: !result.duplicate, duplicate: result.duplicate, workflowId: ref.workflowId }, 200);
  } catch (err) {
    const refusal = updateRefusalOf(err);
    if (!refusal) throw err;
    if (refusal.kind === 'rejected') {
      const reason = refusal.reason ?? '案件当前阶段不接受此回调';
      await record('rejected', { workflowId: ref.workflowId, reason }, event.type, event.caseRef, event.eventId);
      throw HttpProblem.conflict(reason);
    }
    await record(
      'rejected',
      { workflowId: ref.workflowId, reason: 'case closed' },
      event.type,
      event.caseRef,
      event.eventId,
    );
    throw HttpProblem.conflict(`案件 ${event.caseRef} 已办结`);
  }
});
