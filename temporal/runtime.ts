import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/** The SDK runtime is process-wide and can be installed once; the worker calls this before connecting. */
export function installWorkerRuntime(level: string | undefined, metricsBind?: string): void {
  if (installed) return;
  installed = true;
  const map: Record<string, LogLevel> = {
    trace: 'TRACE',
    debug: 'DEBUG',
    info: 'INFO',
    warn: 'WARN',
    error: 'ERROR',
    fatal: 'ERROR',
    silent: 'ERROR',
  };
  try {
    Runtime.install({
      logger: new DefaultLogger(map[level ?? 'info'] ?? 'INFO'),
      // The SDK's own worker metrics (task slots, latencies, sticky cache) for Prometheus to scrape.
      telemetryOptions: metricsBind ? { metrics: { prometheus: { bindAddress: metricsBind } } } : undefined,
    });
  } catch {
    // Already installed by the host (tests, embedding); keep theirs.
  }
}
