import { spawn, type ChildProcess } from 'node:child_process';
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { workflowsPath } from '../../temporal/worker';
import type { RunningSystem } from './system';

/** Bundles the workflows once, so a restarted worker process is polling again within a second or two. */
export async function buildBundle(path = 'test-results/workflow-bundle.js'): Promise<string> {
  mkdirSync('test-results', { recursive: true });
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    logger: { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} } as never,
  });
  writeFileSync(path, code);
  return path;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves when the worker reports it is polling (its "worker started" log line). */
  ready: Promise<void>;
}

/** The production worker entrypoint as a child process on the system's task queue; SIGKILL-able. */
export function spawnWorker(
  system: RunningSystem,
  bundle: string,
  extraEnv: Record<string, string> = {},
): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'temporal/worker-main.ts'], {
    stdio: ['ignore', 'pipe', openSync('test-results/worker-process.log', 'a')],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: system.env.DATABASE_URL,
      TEMPORAL_ADDRESS: system.env.TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: system.env.TEMPORAL_TASK_QUEUE,
      AGENCIES_BASE_URL: system.agencies.url,
      AGENCY_TIMEOUT_MS: '3000',
      WORKFLOW_BUNDLE: bundle,
      ...extraEnv,
    },
  });
  const ready = new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (d: Buffer) => {
      seen = (seen + d.toString()).slice(-2000);
      if (seen.includes('"msg":"worker started"')) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`worker exited before it was ready (${code ?? signal})`)));
  });
  ready.catch(() => {});
  return { child, ready };
}

export function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
