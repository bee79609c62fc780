// Why a case's Update did not run, read from the Temporal client's error in one place (by error class and gRPC
// status, never by message); the case desk turns it into problem+json and an audit entry.
import { isGrpcServiceError, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FieldRule, RefusalCategory, RefusalDetail } from '../workflows/refusal';

// gRPC status codes (grpc/status.h) the service answers an Update with when the workflow is closed or gone.
const grpcNotFound = 5;
const grpcFailedPrecondition = 9;

const statusOfCategory = { forbidden: 403, conflict: 409, invalid: 422 } as const;

export type UpdateRefusal =
  /** The workflow's validator (or handler) refused: its code, category, reason and the fields concerned. */
  | {
      kind: 'rejected';
      code: string | undefined;
      category: RefusalCategory;
      /** The HTTP status of the category: forbidden 403, conflict 409, invalid 422. */
      status: 403 | 409 | 422;
      reason: string | undefined;
      field: string | undefined;
      errors: FieldRule[];
    }
  /** The case's workflow has ended. */
  | { kind: 'closed' }
  /** No such workflow. */
  | { kind: 'missing' };

/** The refusal behind `err`, or undefined when `err` is something else (to be rethrown). */
export function updateRefusalOf(err: unknown): UpdateRefusal | undefined {
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause as { type?: string; message?: string; details?: unknown[] } | undefined;
    const detail = (cause?.details?.[0] ?? {}) as Partial<RefusalDetail>;
    const category = detail.category && detail.category in statusOfCategory ? detail.category : 'invalid';
    return {
      kind: 'rejected',
      code: cause?.type,
      category,
      status: statusOfCategory[category],
      reason: cause?.message,
      field: detail.field,
      errors: Array.isArray(detail.errors) ? detail.errors : [],
    };
  }
  if (err instanceof WorkflowNotFoundError) return { kind: 'missing' };
  const grpc = err instanceof ServiceError ? err.cause : err;
  if (isGrpcServiceError(grpc)) {
    if (grpc.code === grpcFailedPrecondition) return { kind: 'closed' };
    if (grpc.code === grpcNotFound) return { kind: 'missing' };
  }
  return undefined;
}
