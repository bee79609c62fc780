import { loadEnv } from '../config/env';
import { openDatabase } from '../db/client';
import { logger } from '../config/logger';
import { runUntilSignal } from '../config/lifecycle';
import { createWorker } from './worker';
import { createAgencyGateway } from '../agencies/gateway';
import { gatewayConfigFromEnv } from '../agencies/config';

// Production entrypoint: one worker process against an external Temporal cluster and PostgreSQL.
await runUntilSignal('worker', async () => {
  const env = loadEnv();
  if (!env.DATABASE_URL)
    throw new Error(
      '环境变量无效: DATABASE_URL 未设置 (a standalone worker needs PostgreSQL; use `npm start` for embedded PGlite)',
    );
  const database = await openDatabase({ url: env.DATABASE_URL });
  const gateway = createAgencyGateway(gatewayConfigFromEnv());
  const { worker, connection } = await createWorker(env, { db: database.db, gateway });
  logger.info({ taskQueue: env.TEMPORAL_TASK_QUEUE, namespace: env.TEMPORAL_NAMESPACE }, 'worker started');
  const running = worker.run();
  return async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection.close();
    await database.close();
  };
});
