// The benchmark run: start the system, take each measurement, print the table, write the JSON, stop everything.
import { cpus, loadavg, totalmem } from 'node:os';
import { benchConfig } from './config';
import { startBenchSystem, type BenchSystem } from './system';
import { measureThroughput } from './throughput';
import { measureApprovalLatency } from './approval-latency';
import { measureInbox } from './inbox';
import { measureOpenCases } from './open-cases';
import { measureCalendar } from './calendar';
import { renderTable, writeJson, type Row } from './stats';

type Measurement = (
  sys: BenchSystem,
  cfg: ReturnType<typeof benchConfig>,
  log: (s: string) => void,
) => Promise<{ rows: Row[]; json: unknown }>;

// Order matters: the inbox rows stay in the table for the open-cases measurement's latency comparison.
const measurements: Array<[string, Measurement]> = [
  ['calendar', measureCalendar],
  ['throughput', measureThroughput],
  ['latency', measureApprovalLatency],
  ['inbox', measureInbox],
  ['open', measureOpenCases],
];

const started = Date.now();
const log = (line: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

export async function runBench(): Promise<number> {
  const cfg = benchConfig();
  const timeoutMinutes = Number(process.env.BENCH_TIMEOUT_MINUTES ?? 30);
  log(`sizes: ${JSON.stringify({ ...cfg, only: cfg.only ? [...cfg.only] : 'all' })}`);
  let sys: BenchSystem | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = () => (stopping ??= (sys?.stop() ?? Promise.resolve()).then(() => log('stopped')));
  // Bounded even when something hangs: past the time limit, or on Ctrl-C, everything is stopped.
  const abort = async (why: string) => {
    console.error(`[bench] ${why}: stopping`);
    await Promise.race([stopAll(), new Promise((r) => setTimeout(r, 60_000))]);
    process.exit(1);
  };
  const timer = setTimeout(
    () => void abort(`time limit of ${timeoutMinutes} min reached (BENCH_TIMEOUT_MINUTES)`),
    timeoutMinutes * 60_000,
  );
  process.once('SIGINT', () => void abort('interrupted'));
  process.once('SIGTERM', () => void abort('terminated'));

  const rows: Row[] = [];
  const results: Record<string, unknown> = {};
  let failed = 0;
  try {
    try {
      sys = await startBenchSystem({ approvers: cfg.approvers, log });
    } catch (err) {
      log(`could not start the system: ${(err as Error).message}`);
      return 1;
    }
    for (const [name, measure] of measurements) {
      if (cfg.only && !cfg.only.has(name)) continue;
      log(`measuring ${name}`);
      try {
        const t0 = Date.now();
        const out = await measure(sys, cfg, log);
        rows.push(...out.rows);
        results[name] = { ...(out.json as object), seconds: (Date.now() - t0) / 1000 };
      } catch (err) {
        failed++;
        log(
          `${name} failed: ${(err as Error).stack ?? err}` +
            `${(err as { cause?: Error }).cause ? `\ncaused by: ${(err as { cause?: Error }).cause?.message}` : ''}`,
        );
        results[name] = { error: (err as Error).message };
        rows.push({
          measurement: name,
          metric: 'FAILED',
          value: (err as Error).message.slice(0, 60),
          baseline: '',
          ratio: '',
        });
      }
    }
  } finally {
    await stopAll();
    clearTimeout(timer);
  }
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtEnd: loadavg(),
  };
  const report = {
    at: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
    machine,
    sizes: { ...cfg, only: cfg.only ? [...cfg.only] : undefined },
    results,
    table: rows,
  };
  const stamp = report.at.replace(/[:.]/g, '-');
  const file = writeJson(cfg.outDir, `bench-${stamp}.json`, report);
  writeJson(cfg.outDir, 'latest.json', report);
  console.log(
    `\n${renderTable(rows)}\n\nmachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ` +
      `Node ${machine.node}, load ${machine.loadAverageAtEnd.map((x) => x.toFixed(1)).join(' ')}`,
  );
  console.log(`written: ${file} (and ${cfg.outDir}/latest.json) in ${report.seconds.toFixed(0)} s`);
  return failed ? 1 : 0;
}
