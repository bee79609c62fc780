import { setTimeout as sleep } from 'node:timers/promises';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { parseNamingFields } from '../field-issues';
import { agencyNames, type AgencyId } from '../types';
import type { SimulatorContext } from './context';
import type { Fault } from './faults';
import { invalidBody, problem, sendProblem, type Problem } from './problem';
import type { ReceivedRequest } from './state';
import { canonicalJson } from '../../domain/canonical-json';

export type SimulatorEnv = { Variables: { received: ReceivedRequest } };

/** A router for one agency with the cross-cutting behaviour every agency shares. */
export function agencyRouter(ctx: SimulatorContext, agency: AgencyId): Hono<SimulatorEnv> {
  const router = new Hono<SimulatorEnv>();
  router.use('*', recordRequest(ctx, agency), requireCredential(ctx, agency), injectFaults(ctx, agency));
  return router;
}

function recordRequest(ctx: SimulatorContext, agency: AgencyId): MiddlewareHandler<SimulatorEnv> {
  return async (c, next) => {
    const raw = c.req.method === 'GET' ? '' : await c.req.text();
    const received: ReceivedRequest = {
      seq: ctx.state.requests.length + 1,
      agency,
      method: c.req.method,
      path: c.req.path,
      idempotencyKey: readableKey(c.req.header('idempotency-key')),
      body: raw === '' ? undefined : parseOr(raw),
      receivedAt: ctx.now().toISOString(),
    };
    ctx.state.requests.push(received);
    c.set('received', received);
    await next();
    received.status = c.res.status;
  };
}

function requireCredential(ctx: SimulatorContext, agency: AgencyId): MiddlewareHandler<SimulatorEnv> {
  return async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${ctx.credentials[agency]}`) {
      return sendProblem(
        c,
        problem('unauthorized', 401, '身份凭证缺失或无效', {
          detail: `调用${agencyNames[agency]}接口须携带有效的 Bearer 凭证`,
        }),
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
    await next();
  };
}

/** Request-level faults; refusals only hit writes, since a status query cannot be "refused for filing". */
function injectFaults(ctx: SimulatorContext, agency: AgencyId): MiddlewareHandler<SimulatorEnv> {
  const isWrite = (c: Context) => c.req.method !== 'GET';
  return async (c, next) => {
    const fault = ctx.state.faults.take(
      agency,
      (f) =>
        f.kind === '5xx' ||
        f.kind === 'timeout' ||
        f.kind === 'slow' ||
        (f.kind === 'refuse' && f.stage === 'filing' && isWrite(c)),
    );
    if (!fault) return next();
    c.get('received').fault = fault.kind;
    switch (fault.kind) {
      case '5xx':
        return sendProblem(
          c,
          problem('unavailable', fault.status ?? 503, '系统繁忙，请稍后重试', {
            detail: `${agencyNames[agency]}服务暂不可用`,
          }),
        );
      case 'refuse':
        return sendProblem(c, refusal(agency, fault));
      case 'slow':
        await pause(fault.delayMs ?? 2_000, ctx.closing);
        return next();
      case 'timeout':
        // The agency processes the request, but its answer never arrives in time.
        await next();
        await pause(fault.delayMs ?? 60_000, AbortSignal.any([ctx.closing, c.req.raw.signal]));
        c.res = new Response(JSON.stringify(problem('gateway-timeout', 504, '网关超时')), {
          status: 504,
          headers: { 'content-type': 'application/problem+json; charset=utf-8' },
        });
    }
  };
}

function refusal(agency: AgencyId, fault: Fault): Problem {
  return problem('refused', fault.status ?? 422, `${agencyNames[agency]}不予受理`, {
    detail: '提交的材料不符合受理条件，请补正后重新提交',
  });
}

/** What an agency handler answers: a success (stored for idempotent replay) or a problem (not stored). */
export type Reply = { status: 200 | 201 | 202; body: unknown } | { status: number; body: Problem };
export const created = (body: unknown): Reply => ({ status: 201, body });
export const ok = (body: unknown): Reply => ({ status: 200, body });
export const refuse = (body: Problem): Reply => ({ status: body.status, body });

/**
 * Handles a write: idempotency key, JSON, schema (400 naming the field), replay of a key already seen
 * (same body → same answer, no second filing; different body → 422), then the agency's own handler.
 */
export function intake<S extends z.ZodType>(
  ctx: SimulatorContext,
  agency: AgencyId,
  schema: S,
  handle: (input: z.output<S>, meta: { idempotencyKey: string }) => Reply,
) {
  return async (c: Context<SimulatorEnv>) => {
    const idempotencyKey = readableKey(c.req.header('idempotency-key'));
    if (!idempotencyKey) {
      const issues = [{ field: 'Idempotency-Key', rule: 'required', message: '缺少必填请求头' }];
      return sendProblem(c, problem('missing-idempotency-key', 400, '缺少 Idempotency-Key 请求头', { errors: issues }));
    }
    const raw = await c.req.text();
    const json = parseOr(raw, invalidJson);
    if (json === invalidJson) return sendProblem(c, problem('invalid-json', 400, '请求体不是合法的 JSON'));
    const parsed = parseNamingFields(schema, json);
    if (!parsed.ok) return sendProblem(c, invalidBody(parsed.issues));

    const storeKey = `${agency} ${idempotencyKey}`;
    // Key order must not matter when comparing a retried body with the first one.
    const fingerprint = `${c.req.method} ${c.req.path} ${canonicalJson(json)}`;
    const stored = ctx.state.idempotency.get(storeKey);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        return sendProblem(
          c,
          problem('idempotency-key-reused', 422, '同一幂等键已用于内容不同的请求', {
            detail: `Idempotency-Key「${idempotencyKey}」已被使用，请求内容与首次提交不一致`,
          }),
        );
      }
      c.get('received').replayed = true;
      return c.json(stored.body, stored.status as ContentfulStatusCode, { 'idempotent-replayed': 'true' });
    }

    const reply = handle(parsed.value, { idempotencyKey });
    if (reply.status >= 400) return sendProblem(c, reply.body as Problem);
    ctx.state.idempotency.set(storeKey, { fingerprint, status: reply.status, body: reply.body });
    return c.json(reply.body, reply.status as ContentfulStatusCode);
  };
}

const invalidJson = Symbol('invalid-json');

/** Keys are opaque to the agency; records show our gateway's percent-encoding decoded, for people reading them. */
function readableKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

function parseOr<T = string>(raw: string, fallback?: T): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return fallback === undefined ? raw : fallback;
  }
}

/** Waits, but lets go early when the signal fires (client gone or simulator closing). */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

/** 404 for a status query about a number the agency never issued. */
export function notFound(c: Context, what: string, number: string): Response {
  return sendProblem(c, problem('not-found', 404, `未找到${what}`, { detail: `编号「${number}」不存在` }));
}
