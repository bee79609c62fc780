import { loadEnv } from '../config/env';
import { runUntilSignal } from '../config/lifecycle';
import { logger } from '../config/logger';
import { openDatabase } from '../db/client';
import { connectClient } from '../temporal/connection';
import { startApiServer } from './server';

// Production entrypoint: the API alone, against an external Temporal cluster and PostgreSQL.
await runUntilSignal('api', async () => {
  const env = loadEnv();
  if (!env.DATABASE_URL)
    throw new Error(
      '环境变量无效: DATABASE_URL 未设置 (a standalone API needs PostgreSQL; use `npm start` for embedded PGlite)',
    );
  const database = await openDatabase({ url: env.DATABASE_URL });
  const { client, connection } = await connectClient(env);
  const api = await startApiServer({ env, database, temporal: client }, env.API_PORT, env.API_HOST);
  logger.info({ port: api.port }, 'api listening');
  return async () => {
    await api.close();
    await connection.close();
    await database.close();
  };
});
