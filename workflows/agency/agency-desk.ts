// The workflow's side of the external agencies: durable calls (a refusal opens a needs-attention task
// instead of failing the case) and callbacks received as Updates with a stage check.
import { ActivityFailure, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { AgencyActivities } from '../../activities/agency';
import type { CaseRef } from '../approval/types';
import { refuse } from '../refusal';
import { agencyCallbackUpdate, resolveAttentionUpdate } from './messages';
import type {
  AgencyCallOptions,
  AgencyCallOutcome,
  AgencyCallRequest,
  AgencyClientName,
  AgencyOperationName,
  AgencyPayload,
  AgencyResult,
  AttentionResolution,
  CallbackEvent,
} from './types';

const { callAgency } = proxyActivities<AgencyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: ['AGENCY_REJECTED', 'AGENCY_CONFIG'],
  },
});
const { openAttentionTask } = proxyActivities<AgencyActivities>({ startToCloseTimeout: '30 seconds' });

export type CallbackCheck = (event: CallbackEvent) => string | null;

export class AgencyDesk {
  readonly events: CallbackEvent[] = [];
  private seen = new Set<string>();
  private resolutions = new Map<string, AttentionResolution>();
  private openAttention = new Set<string>();

  /** `check` returns a reason to refuse a callback the case does not expect now (wrong stage), or null. */
  constructor(
    private readonly caseRef: CaseRef,
    private readonly check: CallbackCheck = () => null,
  ) {
    setHandler(
      agencyCallbackUpdate,
      (event) => {
        const duplicate = this.seen.has(event.eventId);
        if (!duplicate) {
          this.seen.add(event.eventId);
          this.events.push(event);
        }
        return { accepted: true as const, duplicate };
      },
      {
        validator: (event) => {
          if (this.seen.has(event.eventId)) return;
          const reason = this.check(event);
          if (reason) refuse('conflict', 'WRONG_STAGE', reason);
        },
      },
    );
    setHandler(
      resolveAttentionUpdate,
      (resolution) => {
        this.resolutions.set(resolution.taskId, resolution);
        return { resolved: true as const };
      },
      {
        validator: (resolution) => {
          if (!this.openAttention.has(resolution.taskId)) refuse('conflict', 'STEP_CLOSED', '该待处理事项已办结');
        },
      },
    );
  }

  /**
   * Calls an agency until it answers; a refusal (4xx) waits for a person to correct and retry, or abandon.
   * The client and operation name one of the gateway's own methods, so the payload and the result are checked
   * against its types: `desk.call('court', 'fileEnforcementApplication', application, { label, idempotencyKey })`.
   */
  call<C extends AgencyClientName, O extends AgencyOperationName<C>>(
    client: C,
    operation: O,
    payload: AgencyPayload<C, O>,
    options: AgencyCallOptions,
  ): Promise<AgencyCallOutcome<AgencyResult<C, O>>>;
  async call(
    client: string,
    operation: string,
    payload: object,
    options: AgencyCallOptions,
  ): Promise<AgencyCallOutcome<unknown>> {
    return this.callAgency(client, operation, payload, options);
  }

  private async callAgency(
    client: string,
    operation: string,
    initial: object,
    { label, idempotencyKey, callbackRef }: AgencyCallOptions,
  ): Promise<AgencyCallOutcome<unknown>> {
    let payload = initial;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await callAgency({
          client,
          operation,
          idempotencyKey,
          ...(callbackRef !== undefined ? { callbackRef } : {}),
          payload,
          workflowId: this.caseRef.workflowId,
          workflowKind: this.caseRef.workflowKind,
        } as AgencyCallRequest);
        return { ok: true, result };
      } catch (err) {
        const cause = err instanceof ActivityFailure ? err.cause : undefined;
        if (!(cause instanceof ApplicationFailure) || cause.type !== 'AGENCY_REJECTED') throw err;
        const taskId = `${this.caseRef.workflowId}/attention/${idempotencyKey}/${attempt}`;
        const base = {
          taskId,
          workflowId: this.caseRef.workflowId,
          workflowKind: this.caseRef.workflowKind,
          caseId: this.caseRef.caseId,
          caseTitle: this.caseRef.caseTitle,
          departmentId: this.caseRef.departmentId,
          title: `需处理：${label}被退回`,
          detail: {
            reason: cause.message,
            details: (cause.details ?? []) as unknown[],
            request: { client, operation },
          },
        };
        this.openAttention.add(taskId);
        await openAttentionTask({ ...base, open: true, version: 1 });
        await condition(() => this.resolutions.has(taskId));
        this.openAttention.delete(taskId);
        await openAttentionTask({ ...base, open: false, version: 2 });
        const resolution = this.resolutions.get(taskId)!;
        if (resolution.resolution === 'abandon') return { ok: false, abandoned: resolution };
        payload = { ...payload, ...(resolution.corrections ?? {}) };
      }
    }
  }

  /** Waits for the first callback matching; undefined when the timeout (ms) passes first. */
  async waitFor<E extends CallbackEvent>(
    match: (e: CallbackEvent) => e is E,
    timeoutMs?: number,
  ): Promise<E | undefined> {
    const found = () => this.events.find(match) as E | undefined;
    if (timeoutMs === undefined) await condition(() => found() !== undefined);
    else await condition(() => found() !== undefined, timeoutMs);
    return found();
  }
}
