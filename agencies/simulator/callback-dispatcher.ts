import { setTimeout as sleep } from 'node:timers/promises';
import { callbackPath } from '../paths';
import { signedCallbackHeaders } from '../signing';
import type { AgencyId, CallbackEvent } from '../types';
import type { CallbackDelivery, SimulatorState } from './state';

export interface CallbackRetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  attemptTimeoutMs: number;
}

// About ten minutes of retrying: long enough to ride out an API restart in development.
export const defaultCallbackRetry: CallbackRetryPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 60_000,
  maxAttempts: 15,
  attemptTimeoutMs: 10_000,
};

/** One decision in a reply sequence: after `delayMs`, `emit` records it on the filing and returns the event. */
export interface ReplyStepPlan {
  delayMs: number;
  emit: () => CallbackEvent | undefined;
}

export interface DispatcherOptions {
  callbackBaseUrl: string;
  secrets: Record<AgencyId, string>;
  retry: CallbackRetryPolicy;
  state: SimulatorState;
  log: (line: string) => void;
  now: () => Date;
}

/** Sends signed callbacks to our API, in order, retrying with backoff while it is down. */
export class CallbackDispatcher {
  private lifetime = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: DispatcherOptions) {}

  get pending(): number {
    return this.inFlight.size;
  }

  /**
   * Plays a sequence of decisions. Faults apply per sequence: duplicate-callback sends every event twice,
   * out-of-order-callbacks takes all decisions on time but delivers them last-first.
   */
  sequence(agency: AgencyId, steps: readonly ReplyStepPlan[]): Promise<CallbackDelivery[]> {
    const { faults } = this.options.state;
    const copies = faults.take(agency, (f) => f.kind === 'duplicate-callback') ? 2 : 1;
    const reversed = faults.take(agency, (f) => f.kind === 'out-of-order-callbacks') !== undefined;
    const signal = this.lifetime.signal;

    const run = async (): Promise<CallbackDelivery[]> => {
      const deliveries: CallbackDelivery[] = [];
      const deliver = async (event: CallbackEvent) =>
        deliveries.push(...(await this.deliver(agency, event, copies, signal)));
      if (reversed) {
        const events: CallbackEvent[] = [];
        for (const step of steps) {
          await sleep(step.delayMs, undefined, { signal });
          const event = step.emit();
          if (event) events.push(event);
        }
        for (const event of events.reverse()) await deliver(event);
        return deliveries;
      }
      // Decisions are taken on schedule even while an earlier callback is still being retried.
      let delivering: Promise<unknown> = Promise.resolve();
      for (const step of steps) {
        await sleep(step.delayMs, undefined, { signal });
        const event = step.emit();
        if (event) delivering = delivering.then(() => deliver(event));
      }
      await delivering;
      return deliveries;
    };
    return this.track(run().catch(() => []));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  private async deliver(agency: AgencyId, event: CallbackEvent, copies: number, signal: AbortSignal) {
    const body = JSON.stringify(event);
    const deliveries: CallbackDelivery[] = [];
    for (let copy = 1; copy <= copies; copy++)
      deliveries.push(await this.deliverOnce(agency, event, body, copy, signal));
    return deliveries;
  }

  private async deliverOnce(agency: AgencyId, event: CallbackEvent, body: string, copy: number, signal: AbortSignal) {
    const { callbackBaseUrl, secrets, retry, state, log, now } = this.options;
    const url = `${callbackBaseUrl.replace(/\/+$/, '')}${callbackPath(agency)}`;
    const delivery: CallbackDelivery = {
      agency,
      eventId: event.eventId,
      type: event.type,
      caseRef: event.caseRef,
      url,
      copy,
      event,
      attempts: [],
      outcome: 'pending',
    };
    state.callbacks.push(delivery);

    for (let attempt = 1; ; attempt++) {
      const at = now();
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...signedCallbackHeaders(secrets[agency], event.eventId, body, at),
          },
          body,
          signal: AbortSignal.any([signal, AbortSignal.timeout(retry.attemptTimeoutMs)]),
        });
        await res.arrayBuffer();
        delivery.attempts.push({ at: at.toISOString(), status: res.status });
        if (res.ok) return finish(delivery, 'delivered');
        // Our API refusing the event (bad signature, unknown case, malformed) will not change on retry.
        if (res.status < 500 && res.status !== 408 && res.status !== 429) {
          log(`回调被拒绝：${event.type} ${event.eventId} → HTTP ${res.status}`);
          return finish(delivery, 'rejected');
        }
      } catch (error) {
        if (signal.aborted) return finish(delivery, 'cancelled');
        delivery.attempts.push({ at: at.toISOString(), error: describe(error) });
      }
      if (attempt >= retry.maxAttempts) {
        log(`回调投递失败，已放弃：${event.type} ${event.eventId}（共尝试 ${attempt} 次）`);
        return finish(delivery, 'gave-up');
      }
      const backoff = Math.min(retry.initialDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);
      try {
        await sleep(backoff, undefined, { signal });
      } catch {
        return finish(delivery, 'cancelled');
      }
    }
  }

  /** Stops every scheduled decision and delivery (reset, shutdown) and waits for them to wind down. */
  async cancelAll(): Promise<void> {
    this.lifetime.abort();
    this.lifetime = new AbortController();
    await Promise.allSettled([...this.inFlight]);
  }
}

function finish(delivery: CallbackDelivery, outcome: CallbackDelivery['outcome']): CallbackDelivery {
  delivery.outcome = outcome;
  return delivery;
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}
