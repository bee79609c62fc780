import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { withTimeout } from '../config/lifecycle';

export type Schema = typeof schema;
/** One database type for both drivers: queries are written once against it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Cheap reachability check for /health; rejects after timeoutMs. */
  ping(timeoutMs?: number): Promise<void>;
  /** Subscribes to NOTIFY on a channel (e.g. users_changed); resolves once listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** PostgreSQL through postgres.js when a URL is given, otherwise embedded PGlite in a local folder. */
export async function openDatabase(options: {
  url?: string;
  pgliteDir?: string;
  maxConnections?: number;
}): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connect_timeout: 5,
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      ping: (timeoutMs = 2000) => withTimeout(db.execute(sql`select 1`), timeoutMs, 'database').then(() => undefined),
      listen: (channel, onNotify) => client.listen(channel, onNotify).then(() => undefined),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = options.pgliteDir ?? '.data/pglite';
  if (dir !== 'memory://') mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: (timeoutMs = 2000) => withTimeout(db.execute(sql`select 1`), timeoutMs, 'database').then(() => undefined),
    listen: (channel, onNotify) => client.listen(channel, onNotify).then(() => undefined),
    close: () => client.close(),
  };
}

/** Applies the committed drizzle-kit migrations (never `push`), then the re-seal step of migration 0011. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder });
  }
  // SHA-256 rows written before 0011 are sealed under the HMAC-SM3 chain once, recorded (db/audit-checkpoints.ts).
  const { resealLegacyChain } = await import('./audit-checkpoints');
  await resealLegacyChain(database.db);
}
