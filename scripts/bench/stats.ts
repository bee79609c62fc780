// Shared helpers of the benchmark: timing, percentiles, a bounded concurrent loop, the table and the JSON file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface LatencySummary {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of already sorted samples (milliseconds). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarise(samples: readonly number[], errors = 0): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : Number.NaN;
  return {
    count: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean,
  };
}

export const now = (): number => performance.now();

/**
 * Runs `task(i)` for i in [0, total) with at most `concurrency` in flight; records each call's latency.
 * A failing call counts as an error (the first few are kept) and does not stop the loop.
 */
export async function runPool(
  total: number,
  concurrency: number,
  task: (i: number, worker: number) => Promise<void>,
): Promise<{ latencies: number[]; errors: number; firstErrors: string[]; wallMs: number }> {
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  let errors = 0;
  let next = 0;
  const started = now();
  const loop = async (worker: number) => {
    while (next < total) {
      const i = next++;
      const t0 = now();
      try {
        await task(i, worker);
        latencies.push(now() - t0);
      } catch (err) {
        errors++;
        if (firstErrors.length < 5) firstErrors.push((err as Error)?.message ?? String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, (_, w) => loop(w)));
  return { latencies, errors, firstErrors, wallMs: now() - started };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` returns a value or the time is up. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface Row {
  measurement: string;
  metric: string;
  value: string;
  baseline: string;
  ratio: string;
  target?: string;
}

export const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
export const ms = (x: number): string => `${fmt(x, 1)} ms`;
export const ratio = (subject: number, baseline: number): string =>
  Number.isFinite(subject / baseline) && baseline > 0 ? `${fmt(subject / baseline, 2)}×` : 'n/a';

/** Plain fixed-width table (CJK-free, so widths line up in any terminal). */
export function renderTable(rows: readonly Row[]): string {
  const header: Row = {
    measurement: 'measurement',
    metric: 'metric',
    value: 'value',
    baseline: 'baseline',
    ratio: 'ratio',
    target: 'target',
  };
  const all = [header, ...rows];
  const keys = ['measurement', 'metric', 'value', 'baseline', 'ratio', 'target'] as const;
  const widths = keys.map((k) => Math.max(...all.map((r) => (r[k] ?? '').length)));
  const line = (r: Row) =>
    keys
      .map((k, i) => (r[k] ?? '').padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function writeJson(dir: string, name: string, data: unknown): string {
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}`;
  writeFileSync(path, JSON.stringify(data, null, 2) + '\n');
  return path;
}
