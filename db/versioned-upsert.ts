// The one way a workflow's projection row is written: insert, or on conflict overwrite the named columns with
// the incoming values, but only when the incoming version is not older than the stored one. A retried or
// out-of-order activity therefore never moves a projection (case, task, register row) back in time.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { IndexColumn, PgColumn, PgTable } from 'drizzle-orm/pg-core';

type VersionedTable = PgTable & { version: PgColumn };
type ColumnKey<T extends VersionedTable> = Exclude<keyof T['_']['columns'] & string, 'version'>;

/**
 * The argument of `.onConflictDoUpdate(...)`: `columns` take `excluded.<column>`, `overrides` give a column its own
 * expression (e.g. keep the first timestamp), and `version` always follows the row written.
 */
export function versionedUpsert<T extends VersionedTable>(
  table: T,
  target: IndexColumn | IndexColumn[],
  columns: ReadonlyArray<ColumnKey<T>>,
  overrides: Partial<Record<ColumnKey<T>, SQL>> = {},
): { target: IndexColumn | IndexColumn[]; set: Record<string, SQL>; setWhere: SQL } {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const set: Record<string, SQL> = {};
  for (const key of [...columns, 'version']) set[key] = sql`excluded.${sql.identifier(all[key]!.name)}`;
  Object.assign(set, overrides);
  return { target, set, setWhere: sql`${table.version} <= excluded.version` };
}
