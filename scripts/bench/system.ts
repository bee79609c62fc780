// Starts every part the benchmark measures, in this process, and stops them all (even after an error).
import { mkdirSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { inArray, sql } from 'drizzle-orm';
import { loadEnv, type Env } from '../../config/env';
import { openDatabase, migrateDatabase, type Database } from '../../db/client';
import { seedAll } from '../../db/seed-all';
import { departments, users } from '../../db/schema';
import { startApiServer } from '../../api/server';
import { connectClient } from '../../temporal/connection';
import { createWorker } from '../../temporal/worker';
import { createAgencyGateway } from '../../agencies/gateway';
import { devAgencySecrets, gatewayConfigUnder } from '../../agencies/config';
import { startSimulatorServer, type RunningSimulator } from '../../agencies/simulator';
import { createTestDatabase } from '../../tests/support/postgres';
import { freePort, startDevServer, type DevServer } from '../dev-server';
import type { Actor } from '../../workflows/approval/types';
import { createBaselineWorker } from './baseline-worker';

export interface BenchSystem {
  env: Env;
  database: Database;
  databaseUrl: string;
  temporalAddress: string;
  client: Client;
  baseUrl: string;
  agencies: RunningSimulator;
  mainQueue: string;
  baselineQueue: string;
  actors: Map<string, Actor>;
  /** Department heads of the benchmark's own units (bench01-head …), one per concurrent approver. */
  approverIds: string[];
  http(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: any }>;
  login(userId: string): Promise<string>;
  /** Registers a stop step; steps run in reverse order. */
  onStop(step: () => Promise<void>): void;
  stop(): Promise<void>;
}

export const benchDbFile = '.bench/temporal.db';

function removeDevServerFiles(): void {
  mkdirSync('.bench', { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${benchDbFile}${suffix}`, { force: true });
}

export async function startBenchSystem(options: {
  approvers: number;
  log: (line: string) => void;
}): Promise<BenchSystem> {
  const stops: Array<{ name: string; run: () => Promise<void> }> = [];
  const onStop = (step: () => Promise<void>, name = 'part') => void stops.push({ name, run: step });
  const stop = async () => {
    while (stops.length) {
      const step = stops.pop()!;
      try {
        await step.run();
      } catch (err) {
        console.error(`[bench] stopping ${step.name} failed: ${(err as Error).message}`);
      }
    }
  };
  try {
    const { log } = options;
    removeDevServerFiles();
    const devServer: DevServer = await startDevServer({ port: await freePort(), dbFile: benchDbFile });
    onStop(async () => {
      await devServer.stop();
      removeDevServerFiles();
    }, 'Temporal dev server');
    log(`Temporal dev server at ${devServer.address} (SQLite WAL, ${benchDbFile})`);

    const created = await createTestDatabase('anjian_bench');
    onStop(() => created.drop(), 'database');
    const suffix = randomUUID().slice(0, 8);
    const env = loadEnv({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: created.url,
      TEMPORAL_ADDRESS: devServer.address,
      TEMPORAL_TASK_QUEUE: `bench-main-${suffix}`,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    const database = await openDatabase({ url: created.url, maxConnections: 10 });
    onStop(() => database.close(), 'database pool');
    await migrateDatabase(database);
    await seedAll(database.db);
    const approverIds = await seedBenchUnits(database, options.approvers);
    log(`PostgreSQL database ${created.name} migrated and seeded (+${approverIds.length} benchmark units)`);

    const { client, connection } = await connectClient(env);
    onStop(() => connection.close(), 'Temporal client');
    // The API gets its own pool, as in production where it runs apart from the workers.
    const apiDatabase = await openDatabase({ url: created.url, maxConnections: 10 });
    onStop(() => apiDatabase.close(), 'API database pool');
    const api = await startApiServer({ env, database: apiDatabase, temporal: client }, 0, '127.0.0.1');
    onStop(() => api.close(), 'API');
    const baseUrl = `http://127.0.0.1:${api.port}`;
    const agencies = await startSimulatorServer(
      { callbackBaseUrl: baseUrl, secrets: devAgencySecrets(), defaultDelayMs: 50 },
      0,
    );
    onStop(() => agencies.close(), 'agency simulator');

    const gateway = createAgencyGateway(gatewayConfigUnder(agencies.url, { timeoutMs: 3000 }));
    const main = await createWorker(env, { db: database.db, gateway });
    const mainRun = main.worker.run();
    onStop(async () => {
      if (main.worker.getState() === 'RUNNING') main.worker.shutdown();
      await mainRun;
      await main.connection.close();
    }, 'worker');
    const baselineQueue = `bench-baseline-${suffix}`;
    const baseline = await createBaselineWorker(devServer.address, baselineQueue);
    const baselineRun = baseline.worker.run();
    onStop(async () => {
      if (baseline.worker.getState() === 'RUNNING') baseline.worker.shutdown();
      await baselineRun;
      await baseline.connection.close();
    }, 'baseline worker');
    log(`API ${baseUrl}, agency simulator ${agencies.url}, workers on ${env.TEMPORAL_TASK_QUEUE} and ${baselineQueue}`);

    const rows = await database.db.select().from(users);
    const actors = new Map<string, Actor>(
      rows.map((u) => [u.id, { id: u.id, name: u.name, departmentId: u.departmentId, roles: u.roles }]),
    );

    const http: BenchSystem['http'] = async (method, path, opts = {}) => {
      const headers: Record<string, string> = {};
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // plain text (e.g. /metrics)
      }
      return { status: res.status, body };
    };
    return {
      env,
      database,
      databaseUrl: created.url,
      temporalAddress: devServer.address,
      client,
      baseUrl,
      agencies,
      mainQueue: env.TEMPORAL_TASK_QUEUE,
      baselineQueue,
      actors,
      approverIds,
      http,
      async login(userId) {
        const res = await http('POST', '/api/auth/dev-login', { body: { userId } });
        if (res.status !== 200) throw new Error(`login ${userId} failed: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.token as string;
      },
      onStop: (step) => onStop(step),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * One unit per concurrent approver (bench01 …), each with a head and an officer, so approvers do not share an inbox.
 */
async function seedBenchUnits(database: Database, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `bench${String(i + 1).padStart(2, '0')}`);
  await database.db
    .insert(departments)
    .values(ids.map((id) => ({ id, name: `压测单位${id.slice(5)}`, kind: 'department' as const })))
    .onConflictDoNothing();
  await database.db
    .insert(users)
    .values(
      ids.flatMap((id) => [
        { id: `${id}-head`, name: `${id}负责人`, departmentId: id, roles: ['department-head' as const] },
        { id: `${id}-officer`, name: `${id}执法人员`, departmentId: id, roles: ['officer' as const] },
      ]),
    )
    .onConflictDoNothing();
  const [{ n } = { n: 0 }] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(inArray(users.departmentId, ids));
  if (n !== count * 2) throw new Error(`expected ${count * 2} benchmark users, found ${n}`);
  return ids.map((id) => `${id}-head`);
}
