// Benchmark sizes, from the environment; the defaults keep a run under about ten minutes on 2 cores.
const int = (name: string, fallback: number, min = 1): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${raw}`);
  return n;
};

export function benchConfig() {
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    /** Throughput: three-step approval requests driven to completion (and as many baseline runs). */
    workflows: int('BENCH_WORKFLOWS', 200),
    /** Workflows in flight at once while driving them. */
    concurrency: int('BENCH_CONCURRENCY', 50),
    /** Approval latency: concurrent approvers, each a department head of a unit of its own. */
    approvers: int('BENCH_APPROVERS', 50),
    /** Approval latency: actions taken per approver (each on a single-step approval request). */
    approvalsPerApprover: int('BENCH_APPROVALS_PER_APPROVER', 6),
    /** Inbox: rows in the tasks table; one in ten open. */
    taskRows: int('BENCH_TASK_ROWS', 1_000_000),
    /** Inbox and /health: sequential requests per measurement. */
    inboxRequests: int('BENCH_INBOX_REQUESTS', 300),
    /** Open cases: approval requests left open with their timers sleeping. */
    openWorkflows: int('BENCH_OPEN_WORKFLOWS', 2000),
    /** Open cases: the sticky cache size of the second, bounded worker run. */
    cacheSize: int('BENCH_CACHE_SIZE', 200),
    /** Calendar: deadlines computed per measurement. */
    calendarIterations: int('BENCH_CALENDAR_ITERATIONS', 200_000),
    /** Comma-separated subset: throughput,latency,inbox,open,calendar (default: all). */
    only: only.length ? new Set(only) : undefined,
    outDir: process.env.BENCH_OUT_DIR ?? '.bench',
  };
}

export type BenchConfig = ReturnType<typeof benchConfig>;
