import { Hono } from 'hono';
import { z } from 'zod';
import { parseNamingFields } from '../field-issues';
import { agencyIdSchema, agencyIds, agencyNames, callbackEventSchema, isCallbackFromAgency } from '../types';
import { newEventId, type SimulatorContext } from './context';
import { faultSchema } from './faults';
import { invalidBody, problem, sendProblem } from './problem';

const agencyQuery = z.object({ agency: agencyIdSchema.optional() });

/** A callback to emit on demand; `data` is checked against the event type's schema. */
const onDemandCallbackSchema = z.object({
  agency: agencyIdSchema,
  type: z.string().min(1),
  caseRef: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
  eventId: z.string().min(1).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  delayMs: z.number().int().nonnegative().default(0),
  /** Answer only once the callback has been delivered (or given up on), with the delivery records. */
  wait: z.boolean().default(false),
});

/** Test and development controls; not part of any agency's interface, and unauthenticated on purpose. */
export function adminRoutes(ctx: SimulatorContext) {
  const admin = new Hono();
  const { state } = ctx;

  admin.get('/health', (c) =>
    c.json({
      status: 'ok',
      agencies: agencyIds,
      pendingCallbacks: ctx.callbacks.pending,
      faults: state.faults.list().length,
    }),
  );

  admin.get('/records', (c) => {
    const query = parseNamingFields(agencyQuery, c.req.query());
    if (!query.ok) return sendProblem(c, invalidBody(query.issues));
    return c.json(state.records(query.value.agency));
  });

  admin.get('/faults', (c) => c.json({ faults: state.faults.list() }));

  admin.post('/faults', async (c) => {
    const parsed = parseNamingFields(faultSchema, await c.req.json().catch(() => undefined));
    if (!parsed.ok) return sendProblem(c, invalidBody(parsed.issues));
    return c.json({ fault: state.faults.add(parsed.value) }, 201);
  });

  admin.delete('/faults', (c) => {
    const query = parseNamingFields(agencyQuery, c.req.query());
    if (!query.ok) return sendProblem(c, invalidBody(query.issues));
    return c.json({ cleared: state.faults.clear(query.value.agency) });
  });

  admin.post('/reset', async (c) => {
    await ctx.callbacks.cancelAll();
    state.reset();
    return c.body(null, 204);
  });

  admin.post('/callbacks', async (c) => {
    const request = parseNamingFields(onDemandCallbackSchema, await c.req.json().catch(() => undefined));
    if (!request.ok) return sendProblem(c, invalidBody(request.issues));
    const { agency, type, caseRef, data, delayMs, wait } = request.value;
    const eventId = request.value.eventId ?? newEventId(agency);
    const parsed = parseNamingFields(callbackEventSchema, {
      eventId,
      type,
      caseRef,
      data,
      occurredAt: request.value.occurredAt ?? ctx.now().toISOString(),
    });
    if (!parsed.ok) return sendProblem(c, invalidBody(parsed.issues));
    const event = parsed.value;
    if (!isCallbackFromAgency(agency, event)) {
      const issues = [{ field: 'type', rule: 'agency_event', message: `${agencyNames[agency]}不发送「${type}」回调` }];
      return sendProblem(c, invalidBody(issues));
    }
    const delivered = ctx.callbacks.sequence(agency, [
      {
        delayMs,
        emit: () => {
          // The decision becomes part of the agency's record, so status queries and later steps agree with it.
          state.filingForEvent(agency, event)?.events.push(event);
          return event;
        },
      },
    ]);
    if (!wait) return c.json({ eventId }, 202);
    return c.json({ eventId, deliveries: await delivered });
  });

  admin.notFound((c) => sendProblem(c, problem('not-found', 404, '管理接口不存在')));
  return admin;
}
