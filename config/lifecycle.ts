import { logger } from './logger';
import { ConfigError } from './env';

/**
 * Starts a part, then stops it cleanly on SIGINT/SIGTERM. Start-up errors end the process with
 * a message naming the cause (bad variable, port in use) instead of a stack trace.
 */
export async function runUntilSignal(name: string, start: () => Promise<() => Promise<void>>): Promise<void> {
  let stop: () => Promise<void>;
  try {
    stop = await start();
  } catch (err) {
    console.error(describeStartupError(name, err));
    process.exit(1);
  }
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${name} stopping`);
    try {
      await stop();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, `${name} did not stop cleanly`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void onSignal('SIGINT'));
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
}

export function describeStartupError(name: string, err: unknown): string {
  if (err instanceof ConfigError) return `[${name}] ${err.message}`;
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE') return `[${name}] 端口已被占用 (port in use): ${e.message}`;
  if (e?.code === 'ECONNREFUSED') return `[${name}] 无法连接 (connection refused): ${e.message}`;
  return `[${name}] 启动失败: ${e?.message ?? String(err)}`;
}

/** `promise`, or a rejection naming `what` when it has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
