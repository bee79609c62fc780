// Security events (failed authentication, bad callback signatures, lockouts) apart from the audit trail.
// Aggregated per kind, source and minute: the first event of a minute is written at once, the rest are counted in
// memory and added by one upsert a few seconds later, so a flood of anonymous noise costs one row a minute per source.
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { storable } from './audit-trail';
import { securityEvents } from './schema';

export interface SecurityEvent {
  kind: string;
  /** The client: its address (or `agency:<id>` for a callback). */
  source: string;
  sample?: Record<string, unknown>;
}

const MAX_SAMPLES = 5;
// At most this many (kind, source) pairs are tracked per minute; beyond, events are counted under source '*'.
const MAX_SOURCES = 5000;
const FLUSH_MS = 2000;

interface Pending {
  kind: string;
  source: string;
  bucket: string;
  firstAt: string;
  lastAt: string;
  count: number;
  samples: Array<Record<string, unknown>>;
  written: boolean;
}

class Aggregator {
  private readonly pending = new Map<string, Pending>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: Db) {}

  async record(event: SecurityEvent, now = new Date()): Promise<void> {
    const bucket = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
    const source = this.pending.size >= MAX_SOURCES ? '*' : storable(event.source).slice(0, 200);
    const key = `${event.kind}|${source}|${bucket}`;
    const at = now.toISOString();
    let p = this.pending.get(key);
    if (!p) {
      p = { kind: event.kind, source, bucket, firstAt: at, lastAt: at, count: 0, samples: [], written: false };
      this.pending.set(key, p);
    }
    p.count++;
    p.lastAt = at;
    if (event.sample && p.samples.length < MAX_SAMPLES) p.samples.push(sanitize(event.sample));
    if (!p.written) {
      // The first of its minute goes in now, so an investigation sees it without waiting.
      p.written = true;
      await this.write(p).catch(() => undefined);
    } else this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(() => undefined);
    }, FLUSH_MS);
    this.timer.unref();
  }

  /** Writes what has been counted since the last write; old minutes are then forgotten. */
  async flush(): Promise<void> {
    const current = Math.floor(Date.now() / 60_000) * 60_000;
    for (const [key, p] of this.pending) {
      if (p.count > 0) await this.write(p);
      if (new Date(p.bucket).getTime() < current) this.pending.delete(key);
    }
  }

  private async write(p: Pending): Promise<void> {
    const { count, samples } = p;
    if (count === 0) return;
    p.count = 0;
    p.samples = [];
    await this.db
      .insert(securityEvents)
      .values({
        kind: p.kind,
        source: p.source,
        bucket: p.bucket,
        firstAt: p.firstAt,
        lastAt: p.lastAt,
        count,
        samples,
      })
      .onConflictDoUpdate({
        target: [securityEvents.kind, securityEvents.source, securityEvents.bucket],
        set: {
          count: sql`${securityEvents.count} + ${count}`,
          lastAt: p.lastAt,
          samples: sql`case when jsonb_array_length(${securityEvents.samples}) < ${MAX_SAMPLES}
            then ${securityEvents.samples} || ${JSON.stringify(samples)}::jsonb else ${securityEvents.samples} end`,
        },
      });
  }
}

function sanitize(sample: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(sample).map(([k, v]) => [k, typeof v === 'string' ? storable(v).slice(0, 300) : v]),
  );
}

const aggregators = new WeakMap<object, Aggregator>();

function aggregatorOf(db: Db): Aggregator {
  let a = aggregators.get(db);
  if (!a) aggregators.set(db, (a = new Aggregator(db)));
  return a;
}

/** Records a security event; never throws (a database outage must not turn a 401 into a 500). */
export async function recordSecurityEvent(db: Db, event: SecurityEvent): Promise<void> {
  await aggregatorOf(db)
    .record(event)
    .catch(() => undefined);
}

/** Writes the counted events now (tests, shutdown). */
export async function flushSecurityEvents(db: Db): Promise<void> {
  await aggregatorOf(db).flush();
}
