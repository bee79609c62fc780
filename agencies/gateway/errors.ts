import { agencyNames, type AgencyId } from '../types';
import type { FieldIssue } from '../field-issues';

/** An RFC 9457 problem body as agencies send it; every field may be missing from a foreign system. */
export interface AgencyProblem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

/** Base of every gateway failure; `retryable` is what the activity layer turns into Temporal retry policy. */
export abstract class AgencyError extends Error {
  abstract readonly retryable: boolean;
  constructor(
    readonly agency: AgencyId,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The agency answered and said no (4xx, or an answer we cannot use): retrying the same request cannot help. */
export class AgencyRejectedError extends AgencyError {
  override readonly name = 'AgencyRejectedError';
  readonly retryable = false;
  constructor(
    agency: AgencyId,
    readonly status: number,
    readonly problem: AgencyProblem,
  ) {
    super(agency, `${agencyNames[agency]}拒绝了请求（HTTP ${status}）：${problem.detail ?? problem.title ?? '无说明'}`);
  }
}

export type UnavailableReason = 'server-error' | 'throttled' | 'timeout' | 'network';

/** The agency could not answer (5xx, 408/429, timeout, connection failure): the same request may succeed later. */
export class AgencyUnavailableError extends AgencyError {
  override readonly name = 'AgencyUnavailableError';
  readonly retryable = true;
  readonly status?: number;
  readonly problem?: AgencyProblem;
  constructor(
    agency: AgencyId,
    readonly reason: UnavailableReason,
    { status, problem, cause }: { status?: number; problem?: AgencyProblem; cause?: unknown } = {},
  ) {
    const statusText = status ? `，HTTP ${status}` : '';
    super(agency, `${agencyNames[agency]}暂时无法处理请求（${unavailableText[reason]}${statusText}）`, { cause });
    this.status = status;
    this.problem = problem;
  }
}

const unavailableText: Record<UnavailableReason, string> = {
  'server-error': '服务端错误',
  throttled: '请求过于频繁或超时',
  timeout: '响应超时',
  network: '网络连接失败',
};
