// Plain data for outbound agency calls and inbound callbacks. No Temporal imports.
import type { CallbackEvent } from '../../agencies/types';

export type AgencyClientName =
  | 'court'
  | 'publicSecurity'
  | 'procuratorate'
  | 'upperAuthority'
  | 'disclosurePortal'
  | 'creditPublicity'
  | 'notification';

export interface AgencyCallRequest {
  client: AgencyClientName;
  operation: string;
  /** From the business key (case number + step), never from a run id: survives retries and continue-as-new. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
  /** The caseRef the agency will echo in callbacks, registered so they reach this workflow. */
  callbackRef?: string;
  workflowId: string;
  workflowKind: string;
}

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
