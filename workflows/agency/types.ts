// Plain data for outbound agency calls and inbound callbacks. No Temporal imports; type-only imports from
// agencies/ (erased at build, so the workflow bundle stays deterministic).
import type { AgencyGateway } from '../../agencies/gateway';
import type { CallbackEvent } from '../../agencies/types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Operation = (input: never, signal?: AbortSignal) => Promise<unknown>;

/**
 * Every operation of every gateway client, with its payload and result, read off the clients themselves:
 * `AgencyOperations['court']['fileEnforcementApplication']` is `{ payload: CourtEnforcementApplication;
 * result: CourtFilingReceipt }`. The idempotency key travels beside the payload, not in it.
 */
export type AgencyOperations = {
  [C in keyof AgencyGateway]: {
    [O in keyof AgencyGateway[C] as AgencyGateway[C][O] extends Operation ? O : never]: AgencyGateway[C][O] extends (
      input: infer P,
      signal?: AbortSignal,
    ) => Promise<infer R>
      ? { payload: DistributiveOmit<P, 'idempotencyKey'>; result: R }
      : never;
  };
};

export type AgencyClientName = keyof AgencyOperations;
export type AgencyOperationName<C extends AgencyClientName> = keyof AgencyOperations[C] & string;
export type AgencyPayload<
  C extends AgencyClientName,
  O extends AgencyOperationName<C>,
> = AgencyOperations[C][O] extends {
  payload: infer P;
}
  ? P
  : never;
export type AgencyResult<
  C extends AgencyClientName,
  O extends AgencyOperationName<C>,
> = AgencyOperations[C][O] extends {
  result: infer R;
}
  ? R
  : never;

/** How a call is made, beside its payload. */
export interface AgencyCallOptions {
  /** Shown to staff (需处理：{label}被退回) when the agency refuses the call. */
  label: string;
  /** From the business key (case number + step), never from a run id: survives retries and continue-as-new. */
  idempotencyKey: string;
  /** The caseRef the agency will echo in callbacks, registered so they reach this workflow. */
  callbackRef?: string;
}

/** What the callAgency activity receives: a client's operation with that operation's payload (a union of all). */
export type AgencyCallRequest = {
  [C in AgencyClientName]: {
    [O in AgencyOperationName<C>]: { client: C; operation: O; payload: AgencyPayload<C, O> };
  }[AgencyOperationName<C>];
}[AgencyClientName] & {
  idempotencyKey: string;
  callbackRef?: string;
  workflowId: string;
  workflowKind: string;
};

/** A call's end: the agency's answer, or a person abandoned it after the agency refused. */
export type AgencyCallOutcome<T> = { ok: true; result: T } | { ok: false; abandoned: AttentionResolution };

export type { CallbackEvent };

export interface AttentionResolution {
  requestId: string;
  taskId: string;
  resolution: 'retry' | 'abandon';
  actorId: string;
  comment?: string;
  /** Corrected payload fields, merged into the request before retrying. */
  corrections?: Record<string, unknown>;
}
