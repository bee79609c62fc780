// The console calls the API in-process with the user's bearer token, so authorisation and validation are the API's.
import type { FieldError } from '../api/problem';
import type { GetResponses } from '../api/responses';

export type ApiFetch = (request: Request) => Response | Promise<Response>;

export interface ApiResult<T = any> {
  ok: boolean;
  status: number;
  body: T;
  /** problem+json of a refused request. */
  problem?: { title: string; detail?: string; errors?: FieldError[] };
}

/** `/api/cases/{workflowId}` → `/api/cases/${string}`: the paths a route template stands for. */
type PathOf<T extends string> = T extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${PathOf<Tail>}`
  : T;
type RoutesMatching<P extends string> = {
  [T in keyof GetResponses]: P extends PathOf<T> | `${PathOf<T>}?${string}` ? T : never;
}[keyof GetResponses];
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/**
 * The body a GET of this path answers with (the route's inferred response type); `any` when the path is not a
 * literal or template a single route matches, e.g. a plain `string`.
 */
export type GetBody<P extends string> = [RoutesMatching<P>] extends [never]
  ? any
  : true extends IsUnion<RoutesMatching<P>>
    ? any
    : GetResponses[RoutesMatching<P>];

export type { GetResponses };

export interface ApiClient {
  get<T = any>(path: string): Promise<ApiResult<T>>;
  /**
   * A GET whose body has the route's inferred response type, e.g. `read(`/api/tasks/${id}`)` → TaskDetail.
   * Pages move from `get` to `read` one by one; `get` stays untyped until none relies on `any`.
   */
  read<P extends string>(path: P): Promise<ApiResult<GetBody<P>>>;
  post<T = any>(path: string, body: unknown): Promise<ApiResult<T>>;
}

export function apiClient(fetchApi: ApiFetch, token: string | undefined, requestId?: string): ApiClient {
  const call = async (method: string, path: string, body?: unknown): Promise<ApiResult> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (requestId) headers['x-request-id'] = requestId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetchApi(
      new Request(`http://console.internal${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await res.text();
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      status: res.status,
      body: parsed,
      problem: ok
        ? undefined
        : { title: parsed?.title ?? `请求失败（${res.status}）`, detail: parsed?.detail, errors: parsed?.errors },
    };
  };
  return {
    get: (path) => call('GET', path),
    read: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
  };
}

/** Field errors keyed by form field name: `body.comment` → `comment`. */
export function errorsByField(problem: ApiResult['problem']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const name = e.field.replace(/^(body|query|path)\./, '');
    out[name] ??= e.message;
  }
  return out;
}
