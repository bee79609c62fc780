import { z } from 'zod';
import { agencyIdSchema, type AgencyId } from '../types';

export const faultKinds = ['5xx', 'timeout', 'slow', 'refuse', 'duplicate-callback', 'out-of-order-callbacks'] as const;
export type FaultKind = (typeof faultKinds)[number];

export const faultSchema = z.object({
  agency: agencyIdSchema,
  kind: z.enum(faultKinds),
  /** How many next requests (for callback faults: callback sequences) it affects. */
  count: z.number().int().positive().default(1),
  /** slow: delay before answering; timeout: how long to hang before a 504. */
  delayMs: z.number().int().nonnegative().optional(),
  /** 5xx and refuse: the status to answer with (defaults 503 and 422). */
  status: z.number().int().min(400).max(599).optional(),
  /** refuse: `filing` answers the request with a 4xx; `decision` accepts it, then decides against us by callback. */
  stage: z.enum(['filing', 'decision']).default('filing'),
});
export type FaultRequest = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { id: number; remaining: number };

export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: z.output<typeof faultSchema>): Fault {
    const fault = { ...spec, id: this.nextId++, remaining: spec.count };
    this.faults.push(fault);
    return fault;
  }

  /** Consumes one use of the oldest matching fault, so faults fire in the order they were injected. */
  take(agency: AgencyId, matches: (fault: Fault) => boolean): Fault | undefined {
    const fault = this.faults.find((f) => f.agency === agency && matches(f));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  clear(agency?: AgencyId): number {
    const before = this.faults.length;
    this.faults = agency ? this.faults.filter((f) => f.agency !== agency) : [];
    return before - this.faults.length;
  }
}
