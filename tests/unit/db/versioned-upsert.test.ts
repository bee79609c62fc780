import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { describe, expect, it } from 'vitest';
import { annualPlans, tasks } from '../../../db/schema';
import { versionedUpsert } from '../../../db/versioned-upsert';

const db = drizzle.mock();
const row = {
  id: 't1',
  workflowId: 'w',
  workflowKind: 'k',
  caseId: 'c',
  caseTitle: 'c',
  caseDepartmentId: 'yjj',
  kind: 'action' as const,
  stepId: 's',
  stepInstance: 's',
  stepName: 's',
  assigneeId: 'a',
  assigneeDepartmentId: 'yjj',
  status: 'open' as const,
  openedAt: '2026-01-01T00:00:00Z',
  version: 2,
};

describe('versionedUpsert', () => {
  it('overwrites the named columns and the version, only when the stored version is not newer', () => {
    const q = db
      .insert(tasks)
      .values(row)
      .onConflictDoUpdate(versionedUpsert(tasks, tasks.id, ['status', 'closedAt']))
      .toSQL().sql;
    expect(q).toContain('on conflict ("id") do update set');
    expect(q).toContain(
      '"status" = excluded."status", "closed_at" = excluded."closed_at", "version" = excluded."version"',
    );
    expect(q).toMatch(/where "tasks"\."version" <= excluded\.version$/);
  });

  it('lets a column keep its own expression', () => {
    const q = db
      .insert(annualPlans)
      .values({} as typeof annualPlans.$inferInsert)
      .onConflictDoUpdate(
        versionedUpsert(annualPlans, annualPlans.id, ['status'], {
          draftedAt: sql`coalesce(${annualPlans.draftedAt}, excluded.drafted_at)`,
        }),
      )
      .toSQL().sql;
    expect(q).toContain('"drafted_at" = coalesce("annual_plans"."drafted_at", excluded.drafted_at)');
    expect(q).toContain('"version" = excluded."version"');
  });
});
