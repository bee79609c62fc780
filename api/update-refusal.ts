// Why a case's Update did not run, read from the Temporal client's error in one place; each route
// turns it into its own problem+json (and audit entry).
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';

export type UpdateRefusal =
  /** The workflow's validator (or handler) refused: its code, reason and field details. */
  | { kind: 'rejected'; code: string | undefined; reason: string | undefined; details: unknown[] }
  /** The case's workflow has ended. */
  | { kind: 'closed' }
  /** No such workflow. */
  | { kind: 'missing' };

/** The refusal behind `err`, or undefined when `err` is something else (to be rethrown). */
export function updateRefusalOf(err: unknown): UpdateRefusal | undefined {
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause as { type?: string; message?: string; details?: unknown[] } | undefined;
    return { kind: 'rejected', code: cause?.type, reason: cause?.message, details: cause?.details ?? [] };
  }
  if (err instanceof WorkflowNotFoundError) return { kind: 'missing' };
  const message = (err as Error | undefined)?.message ?? '';
  if (/already completed/i.test(message)) return { kind: 'closed' };
  if (/not found/i.test(message)) return { kind: 'missing' };
  return undefined;
}
