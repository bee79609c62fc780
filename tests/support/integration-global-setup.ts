import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../db/client';
import { seedAll } from '../../db/seed-all';
import { freePort, startDevServer } from '../../scripts/dev-server';
import { createTestDatabase } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    databaseUrl: string;
  }
}

/** One dev server and one fresh PostgreSQL database for the integration run; both gone afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [server, database] = await Promise.all([startDevServer({ port: await freePort() }), createTestDatabase()]);
  const db = await openDatabase({ url: database.url, maxConnections: 2 });
  await migrateDatabase(db);
  await seedAll(db.db);
  await db.close();
  project.provide('temporalAddress', server.address);
  project.provide('databaseUrl', database.url);
  return async () => {
    await server.stop();
    await database.drop();
  };
}
