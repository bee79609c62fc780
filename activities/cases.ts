import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { caseDeadlines, cases } from '../db/schema';
import { versionedUpsert } from '../db/versioned-upsert';
import type { CaseSnapshot } from '../workflows/case/types';

export function createCaseActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Writes the case and its deadlines; an older version never overwrites a newer one (idempotent). */
    async syncCase(snapshot: CaseSnapshot): Promise<void> {
      const pending = snapshot.deadlines
        .filter((d) => d.status === 'pending')
        .map((d) => d.dueDate)
        .sort();
      const now = new Date().toISOString();
      await db.transaction(async (tx) => {
        const row = {
          workflowId: snapshot.workflowId,
          kind: snapshot.kind,
          caseNumber: snapshot.caseNumber,
          title: snapshot.title,
          departmentId: snapshot.departmentId,
          stage: snapshot.stage,
          stageLabel: snapshot.stageLabel,
          status: snapshot.status,
          outcome: snapshot.outcome ?? null,
          nextDeadline: pending[0] ?? null,
          summary: snapshot.summary,
          openedAt: snapshot.openedAt,
          closedAt: snapshot.closedAt ?? null,
          updatedAt: now,
          version: snapshot.version,
        };
        const written = await tx
          .insert(cases)
          .values(row)
          .onConflictDoUpdate(
            versionedUpsert(cases, cases.workflowId, [
              'title',
              'stage',
              'stageLabel',
              'status',
              'outcome',
              'nextDeadline',
              'summary',
              'closedAt',
              'updatedAt',
            ]),
          )
          .returning({ version: cases.version });
        if (written.length === 0) return; // a newer state is already there
        if (snapshot.deadlines.length === 0) return;
        // Every deadline of the case in one statement: this runs on each sync of every case.
        await tx
          .insert(caseDeadlines)
          .values(
            snapshot.deadlines.map((d) => ({
              workflowId: snapshot.workflowId,
              key: d.key,
              label: d.label,
              basisId: d.basisId ?? null,
              citation: d.citation ?? null,
              owedBy: d.owedBy,
              dueDate: d.dueDate,
              dueAt: d.dueAt ?? null,
              provisional: d.provisional,
              status: d.status,
              metAt: d.metAt ?? null,
            })),
          )
          .onConflictDoUpdate({
            target: [caseDeadlines.workflowId, caseDeadlines.key],
            set: {
              label: sql`excluded.label`,
              basisId: sql`excluded.basis_id`,
              owedBy: sql`excluded.owed_by`,
              dueDate: sql`excluded.due_date`,
              dueAt: sql`excluded.due_at`,
              provisional: sql`excluded.provisional`,
              status: sql`excluded.status`,
              metAt: sql`excluded.met_at`,
              citation: sql`excluded.citation`,
            },
          });
      });
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
