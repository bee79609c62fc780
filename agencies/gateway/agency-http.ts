import type { z } from 'zod';
import type { AgencyId } from '../types';
import { AgencyRejectedError, AgencyUnavailableError, type AgencyProblem } from './errors';

export interface AgencyEndpoint {
  baseUrl: string;
  /** Bearer credential issued to us by the agency. */
  credential: string;
  timeoutMs?: number;
}

export const defaultAgencyTimeoutMs = 10_000;

export interface CallOptions {
  /** Cancellation from the caller, e.g. the activity's cancellation signal. */
  signal?: AbortSignal;
}

export interface AgencyHttp {
  post<T>(
    path: string,
    body: unknown,
    response: z.ZodType<T>,
    options: CallOptions & { idempotencyKey: string },
  ): Promise<T>;
  get<T>(path: string, response: z.ZodType<T>, options?: CallOptions): Promise<T>;
}

/** The single place that talks HTTP to agencies: auth, idempotency, timeout, and failure classification. */
export function createAgencyHttp(
  agency: AgencyId,
  endpoint: AgencyEndpoint,
  fetchImpl: typeof fetch = fetch,
): AgencyHttp {
  const base = endpoint.baseUrl.replace(/\/+$/, '');
  const timeoutMs = endpoint.timeoutMs ?? defaultAgencyTimeoutMs;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    response: z.ZodType<T>,
    { signal, idempotencyKey, body }: CallOptions & { idempotencyKey?: string; body?: unknown },
  ): Promise<T> {
    signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      authorization: `Bearer ${endpoint.credential}`,
    };
    // Header values must be ASCII, and business keys carry Chinese case numbers (北碚应急罚〔2026〕12号).
    if (idempotencyKey !== undefined) headers['idempotency-key'] = encodeURIComponent(idempotencyKey);
    if (body !== undefined) headers['content-type'] = 'application/json';

    let res: Response;
    let text: string;
    try {
      res = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await res.text();
    } catch (error) {
      // The caller's cancellation propagates as itself, so Temporal sees a cancellation, not a failure.
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) throw new AgencyUnavailableError(agency, 'timeout', { cause: error });
      throw new AgencyUnavailableError(agency, 'network', { cause: error });
    }

    const { status } = res;
    if (status >= 500) throw new AgencyUnavailableError(agency, 'server-error', { status, problem: problemOf(text) });
    // 408 and 429 are the agency asking us to come back later, not a verdict on the request.
    if (status === 408 || status === 429)
      throw new AgencyUnavailableError(agency, 'throttled', { status, problem: problemOf(text) });
    if (res.status < 200 || res.status >= 300) throw new AgencyRejectedError(agency, res.status, problemOf(text));

    const parsed = response.safeParse(parseJson(text));
    if (!parsed.success) {
      // A 2xx we cannot read will read the same on retry: hand it to a person.
      throw new AgencyRejectedError(agency, res.status, {
        type: 'urn:anjian:problem:invalid-agency-response',
        title: '机构响应格式不符合约定',
        detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(响应体)'}: ${i.message}`).join('；'),
      });
    }
    return parsed.data;
  }

  return {
    post: (path, body, response, { idempotencyKey, signal }) =>
      call('POST', path, response, { body, idempotencyKey, signal }),
    get: (path, response, options = {}) => call('GET', path, response, options),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problemOf(text: string): AgencyProblem {
  const json = parseJson(text);
  if (json && typeof json === 'object' && !Array.isArray(json)) return json as AgencyProblem;
  return { title: text.slice(0, 500) || '（空响应）' };
}
