// The production worker entrypoint as a child process, so its memory can be read on its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stopProcess } from '../dev-server';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** Resident set and its peak, in MB, of the worker process (read from /proc/<pid>/status). */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

/**
 * Runs temporal/worker-main.ts (`npm run worker`) with `node --import tsx`, so the pid is the worker itself
 * (npx and the tsx CLI would each add a parent process). Resolves once it logs "worker started".
 */
export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 180_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'temporal/worker-main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker process not ready after ${timeoutMs} ms: ${output.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      output = (output + d.toString()).slice(-8000);
      if (output.includes('worker started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited (${code}): ${output.slice(-2000)}`));
    });
  });
  const handle: WorkerProcess = {
    child,
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    stop: () => stopProcess(child, 15_000),
  };
  try {
    await ready;
  } catch (err) {
    await handle.stop();
    throw err;
  }
  return handle;
}
