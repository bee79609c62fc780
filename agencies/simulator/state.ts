import type { AgencyId, CallbackEvent } from '../types';
import { FaultQueue } from './faults';
import { Numbering } from './numbering';

/** Every request an agency endpoint received, accepted or not. */
export interface ReceivedRequest {
  seq: number;
  agency: AgencyId;
  method: string;
  path: string;
  idempotencyKey?: string;
  body: unknown;
  receivedAt: string;
  status?: number;
  fault?: string;
  replayed?: boolean;
}

/** Something the agency actually took in: one per idempotency key, whatever the number of attempts. */
export interface Filing {
  agency: AgencyId;
  kind: string;
  receiptNo: string;
  idempotencyKey: string;
  caseRef: string;
  body: unknown;
  receivedAt: string;
  /** Numbers assigned later, e.g. the court case number at acceptance. */
  references: Record<string, string>;
  /** Decisions taken on it, in the order the agency took them (not the order they were delivered). */
  events: CallbackEvent[];
}

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
}

export interface CallbackDelivery {
  agency: AgencyId;
  eventId: string;
  type: CallbackEvent['type'];
  caseRef: string;
  url: string;
  /** 2 for the second copy sent by a duplicate-callback fault. */
  copy: number;
  event: CallbackEvent;
  attempts: DeliveryAttempt[];
  outcome: 'pending' | 'delivered' | 'rejected' | 'gave-up' | 'cancelled';
}

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

export class SimulatorState {
  requests: ReceivedRequest[] = [];
  filings: Filing[] = [];
  callbacks: CallbackDelivery[] = [];
  readonly idempotency = new Map<string, StoredResponse>();
  readonly faults = new FaultQueue();
  readonly numbers = new Numbering();

  findFiling(agency: AgencyId, receiptNo: string, kind?: string): Filing | undefined {
    return this.filings.find((f) => f.agency === agency && f.receiptNo === receiptNo && (!kind || f.kind === kind));
  }

  /** The filing an event is about: by the receipt number it quotes, else the latest one for the case. */
  filingForEvent(agency: AgencyId, event: CallbackEvent): Filing | undefined {
    const receiptNo = 'receiptNo' in event.data ? event.data.receiptNo : undefined;
    if (receiptNo) return this.findFiling(agency, receiptNo);
    return [...this.filings].reverse().find((f) => f.agency === agency && f.caseRef === event.caseRef);
  }

  records(agency?: AgencyId) {
    const mine = <T extends { agency: AgencyId }>(items: T[]) =>
      agency ? items.filter((i) => i.agency === agency) : items;
    return { requests: mine(this.requests), filings: mine(this.filings), callbacks: mine(this.callbacks) };
  }

  reset(): void {
    this.requests = [];
    this.filings = [];
    this.callbacks = [];
    this.idempotency.clear();
    this.faults.clear();
    this.numbers.reset();
  }
}
