// `npm run record-histories [name...]`: runs each scenario on a throwaway dev server and saves its history.
import { writeFile } from 'node:fs/promises';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { loadEnv } from '../config/env';
import { migrateDatabase, openDatabase } from '../db/client';
import { seedAll } from '../db/seed-all';
import { connectClient } from '../temporal/connection';
import { createWorker } from '../temporal/worker';
import { freePort, startDevServer } from './dev-server';
import { historyScenarios } from './history-scenarios';
import { createAgencyGateway } from '../agencies/gateway';
import { devAgencySecrets, gatewayConfigUnder } from '../agencies/config';
import { agencyIds } from '../agencies/types';
import { startSimulatorServer } from '../agencies/simulator';

const wanted = process.argv.slice(2);
const server = await startDevServer({ port: await freePort() });
const env = loadEnv({
  ...process.env,
  TEMPORAL_ADDRESS: server.address,
  TEMPORAL_TASK_QUEUE: 'record-histories',
  LOG_LEVEL: 'warn',
  DATABASE_URL: undefined,
});
const database = await openDatabase({ pgliteDir: 'memory://' });
try {
  await migrateDatabase(database);
  await seedAll(database.db);
  const agencies = await startSimulatorServer(
    { callbackBaseUrl: 'http://127.0.0.1:9', secrets: devAgencySecrets(), manual: [...agencyIds] },
    0,
  );
  const gateway = createAgencyGateway(gatewayConfigUnder(agencies.url));
  const { worker, connection: workerConnection } = await createWorker(env, { db: database.db, gateway });
  const { client, connection } = await connectClient(env);
  await worker.runUntil(async () => {
    for (const scenario of historyScenarios.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
      const workflowId = await scenario.run(client, env.TEMPORAL_TASK_QUEUE);
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      const file = `tests/histories/${scenario.name}.json`;
      await writeFile(file, historyToJSON(history));
      console.log(`recorded ${file} (${history.events?.length} events)`);
    }
  });
  await workerConnection.close();
  await connection.close();
  await agencies.close();
} finally {
  await database.close();
  await server.stop();
}
