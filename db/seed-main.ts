import { loadEnv } from '../config/env';
import { migrateDatabase, openDatabase } from './client';
import { seedAll } from './seed-all';

const env = loadEnv();
const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
await migrateDatabase(database);
console.log('seeded', await seedAll(database.db));
await database.close();
