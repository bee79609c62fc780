// `npm start`: the whole system on one machine — Temporal dev server (persisted in .data/), database
// (PostgreSQL when DATABASE_URL is set, else embedded PGlite), migrations and seed, worker, agency simulator, API.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { loadEnv } from '../config/env';
import { runUntilSignal } from '../config/lifecycle';
import { logger } from '../config/logger';
import { startApiServer } from '../api/server';
import { openDatabase, migrateDatabase } from '../db/client';
import { seedAll } from '../db/seed-all';
import { connectClient } from '../temporal/connection';
import { createWorker } from '../temporal/worker';
import { ensurePlanCycleSchedule } from '../temporal/plan-cycle-schedule';
import { ensureNotificationSchedules } from '../temporal/notification-schedules';
import { assertPortFree, startDevServer } from './dev-server';
import { startAgencySimulatorInProcess } from './agencies-in-process';
import { createAgencyGateway } from '../agencies/gateway';
import { gatewayConfigFromEnv } from '../agencies/config';

await runUntilSignal('start', async () => {
  // In development the worker runs in this process and exports its SDK metrics beside the API's.
  const env = loadEnv({
    WORKER_METRICS_BIND: '127.0.0.1:9464',
    WORKER_METRICS_URL: 'http://127.0.0.1:9464/metrics',
    ...process.env,
  });
  const setup = spawnSync(process.execPath, ['scripts/setup-temporal.mjs'], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('Temporal 二进制文件不可用 (see the message above)');

  const [host, portText] = env.TEMPORAL_ADDRESS.split(':') as [string, string];
  await assertPortFree(Number(portText), 'Temporal gRPC');
  await assertPortFree(env.TEMPORAL_UI_PORT, 'Temporal Web UI');
  await assertPortFree(env.API_PORT, 'API');
  await assertPortFree(env.AGENCIES_PORT, 'agency simulator');

  mkdirSync('.data', { recursive: true });
  logger.info('starting Temporal dev server');
  const temporalServer = await startDevServer({
    port: Number(portText),
    uiPort: env.TEMPORAL_UI_PORT,
    dbFile: '.data/temporal.db',
    namespace: env.TEMPORAL_NAMESPACE,
  });

  const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  await migrateDatabase(database);
  const seeded = await seedAll(database.db);
  logger.info({ database: database.kind, ...seeded }, 'database migrated and seeded');

  const agencies = await startAgencySimulatorInProcess(env);
  const gateway = createAgencyGateway(gatewayConfigFromEnv());
  const { worker, connection: workerConnection } = await createWorker(env, { db: database.db, gateway });
  const workerRun = worker.run();
  const { client, connection } = await connectClient(env);
  // The yearly Schedule that opens the next year's annual inspection plan cycle (idempotent).
  await ensurePlanCycleSchedule(client, env.TEMPORAL_TASK_QUEUE);
  // The outbox sweep and the daily digest of the notification service (idempotent).
  await ensureNotificationSchedules(client, env.TEMPORAL_TASK_QUEUE);
  const api = await startApiServer({ env, database, temporal: client }, env.API_PORT, env.API_HOST);

  console.log(`
安监流程 anjian-flow is running:
  API                 http://${env.API_HOST}:${api.port}
  API docs            http://${env.API_HOST}:${api.port}/docs
  Health              http://${env.API_HOST}:${api.port}/health?deep=true
  Metrics             http://${env.API_HOST}:${api.port}/metrics
  Temporal Web UI     http://${host}:${env.TEMPORAL_UI_PORT}
  Temporal gRPC       ${env.TEMPORAL_ADDRESS} (namespace ${env.TEMPORAL_NAMESPACE})
  Agency simulator    ${agencies.url}
  Database            ${database.kind === 'pglite' ? `PGlite in ${env.PGLITE_DIR}` : 'PostgreSQL (DATABASE_URL)'}
Press Ctrl-C to stop.`);

  return async () => {
    await api.close();
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await workerConnection.close();
    await connection.close();
    await agencies.close();
    await database.close();
    await temporalServer.stop();
  };
});
