import { loadEnv } from '../config/env';
import { migrateDatabase, openDatabase } from './client';

const env = loadEnv();
const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
await migrateDatabase(database);
await database.close();
console.log('migrations applied');
