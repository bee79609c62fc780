import { randomUUID } from 'node:crypto';
import type { AgencyId, CallbackEventOf, CallbackEventType } from '../types';
import type { CallbackDispatcher, ReplyStepPlan } from './callback-dispatcher';
import type { NumberSeries } from './numbering';
import { replyDelay, type ReplyStep, type ReplyTiming } from './reply-periods';
import type { Filing, SimulatorState } from './state';

/** What every simulated agency router needs; built once per simulator. */
export interface SimulatorContext {
  state: SimulatorState;
  credentials: Record<AgencyId, string>;
  callbacks: CallbackDispatcher;
  timing: ReplyTiming;
  /** Agencies that never answer on their own; tests drive them through POST /__admin/callbacks. */
  manual: ReadonlySet<AgencyId>;
  /** Aborted on close(), so hanging requests and slow replies let go. */
  closing: AbortSignal;
  now: () => Date;
}

export function issueNumber(ctx: SimulatorContext, series: NumberSeries): string {
  return ctx.state.numbers.next(series, ctx.now()).text;
}

export function newEventId(agency: AgencyId): string {
  return `${agency}-${randomUUID()}`;
}

/** Takes a decision on a filing: records it there and returns the callback event announcing it. */
export function decide<T extends CallbackEventType>(
  ctx: SimulatorContext,
  filing: Filing,
  type: T,
  data: CallbackEventOf<T>['data'],
): CallbackEventOf<T> {
  const occurredAt = ctx.now().toISOString();
  // TypeScript cannot correlate `type` with `data` through the generic; the signature guarantees it.
  const event = {
    eventId: newEventId(filing.agency),
    type,
    caseRef: filing.caseRef,
    occurredAt,
    data,
  } as unknown as CallbackEventOf<T>;
  filing.events.push(event);
  return event;
}

/**
 * A decision the agency takes after its reply period. Skipped when the filing already has that decision
 * (e.g. a test sent it on demand) or when `data` returns undefined (nothing left to decide).
 */
export function step<T extends CallbackEventType>(
  ctx: SimulatorContext,
  reply: ReplyStep,
  filing: Filing,
  type: T,
  data: () => CallbackEventOf<T>['data'] | undefined,
): ReplyStepPlan {
  return {
    delayMs: replyDelay(reply, ctx.timing),
    emit: () => {
      if (filing.events.some((e) => e.type === type)) return undefined;
      const decided = data();
      return decided === undefined ? undefined : decide(ctx, filing, type, decided);
    },
  };
}

/** Schedules the agency's own answers, unless the agency is driven by hand. */
export function replyLater(ctx: SimulatorContext, agency: AgencyId, steps: ReplyStepPlan[]): void {
  if (ctx.manual.has(agency)) return;
  void ctx.callbacks.sequence(agency, steps);
}

/** A refuse fault at the decision stage: the agency takes the filing in, then decides against us. */
export function decidesAgainst(ctx: SimulatorContext, agency: AgencyId): boolean {
  return ctx.state.faults.take(agency, (f) => f.kind === 'refuse' && f.stage === 'decision') !== undefined;
}

/** Records what the agency took in; exactly one per idempotency key. */
export function takeIn(
  ctx: SimulatorContext,
  agency: AgencyId,
  kind: string,
  receiptNo: string,
  idempotencyKey: string,
  body: { caseRef?: string },
): Filing {
  const filing: Filing = {
    agency,
    kind,
    receiptNo,
    idempotencyKey,
    caseRef: body.caseRef ?? '',
    body,
    receivedAt: ctx.now().toISOString(),
    references: {},
    events: [],
  };
  ctx.state.filings.push(filing);
  return filing;
}
