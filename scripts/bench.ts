// `npm run bench`: throughput, approval latency, inbox, open cases and calendar, each against a baseline
// measured in the same run. Self-contained: its own Temporal dev server, PostgreSQL database, simulator,
// workers and API, all stopped at the end. Sizes: BENCH_* variables (scripts/bench/config.ts, README "Performance").
// Quiet logs unless asked: the logger reads LOG_LEVEL when first imported, so set it before loading the rest.
process.env.LOG_LEVEL ??= 'warn';
const { runBench } = await import('./bench/run');
process.exit(await runBench());
export {};
