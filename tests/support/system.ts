import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { loadEnv, type Env } from '../../config/env';
import { openDatabase, type Database } from '../../db/client';
import { startApiServer } from '../../api/server';
import { connectClient } from '../../temporal/connection';
import { createWorker } from '../../temporal/worker';
import type { Client } from '@temporalio/client';
import { createAgencyGateway } from '../../agencies/gateway';
import { gatewayConfigUnder } from '../../agencies/config';
import { devAgencySecrets } from '../../agencies/config';
import { startSimulatorServer, type RunningSimulator } from '../../agencies/simulator';

export interface RunningSystem {
  env: Env;
  database: Database;
  temporal: Client;
  baseUrl: string;
  agencies: RunningSimulator;
  login(userId: string): Promise<string>;
  http(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

/** The real parts for one integration file: a worker on its own task queue, the API on a real port. */
export async function startSystem(
  overrides: Record<string, string> = {},
  options: { worker?: boolean; deliverNotifications?: boolean } = {},
): Promise<RunningSystem> {
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `test-${randomUUID().slice(0, 8)}`,
    LOG_LEVEL: 'warn',
    ...overrides,
  });
  const database = await openDatabase({ url: env.DATABASE_URL, maxConnections: 5 });
  const { client, connection } = await connectClient(env);
  const api = await startApiServer({ env, database, temporal: client }, 0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${api.port}`;
  // The agency stand-in, over real HTTP: filings go out through the gateway, callbacks come back signed to the API.
  const agencies = await startSimulatorServer(
    {
      callbackBaseUrl: baseUrl,
      secrets: devAgencySecrets(),
      defaultDelayMs: 50,
      manual: ['court', 'public-security', 'procuratorate'],
    },
    0,
  );
  const gateway = createAgencyGateway(gatewayConfigUnder(agencies.url, { timeoutMs: 3000 }));
  // Fault tests run the worker as a separate process they can kill; everything else runs it here.
  const inProcess =
    options.worker === false
      ? undefined
      : await createWorker(env, {
          db: database.db,
          gateway,
          deliverNotifications: options.deliverNotifications ?? false,
        });
  const workerRun = inProcess?.worker.run();

  const http: RunningSystem['http'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Non-JSON bodies (HTML, CSV) are returned as text.
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  return {
    env,
    database,
    temporal: client,
    baseUrl,
    agencies,
    http,
    async login(userId) {
      const res = await http('POST', '/api/auth/dev-login', { body: { userId } });
      if (res.status !== 200) throw new Error(`login ${userId} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async stop() {
      await api.close();
      if (inProcess) {
        if (inProcess.worker.getState() === 'RUNNING') inProcess.worker.shutdown();
        await workerRun;
        await inProcess.connection.close();
      }
      await connection.close();
      await agencies.close();
      await database.close();
    },
  };
}
