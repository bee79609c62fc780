import { and, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accidentVetoFlags, accidentWarningTalks, cases, departments, publishedReports } from '../db/schema';

export interface PublishedReportRow {
  caseNumber: string;
  workflowId: string;
  title: string;
  level: string;
  levelName: string;
  enterpriseName: string;
  occurredOn: string;
  approvedOn: string;
  publishedAt: string;
  documentUrl: string;
  receiptNo: string;
  legalBasis: string;
  evaluationPublishedAt?: string;
  evaluationUrl?: string;
}

export function createAccidentActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** The public list of published reports; written again with the evaluation, so an upsert (idempotent). */
    async projectPublishedReport(row: PublishedReportRow): Promise<void> {
      const values = {
        ...row,
        evaluationPublishedAt: row.evaluationPublishedAt ?? null,
        evaluationUrl: row.evaluationUrl ?? null,
        updatedAt: new Date().toISOString(),
      };
      await db
        .insert(publishedReports)
        .values(values)
        .onConflictDoUpdate({
          target: publishedReports.caseNumber,
          set: {
            evaluationPublishedAt: sql`coalesce(excluded.evaluation_published_at, \
${publishedReports.evaluationPublishedAt})`,
            evaluationUrl: sql`coalesce(excluded.evaluation_url, ${publishedReports.evaluationUrl})`,
            updatedAt: values.updatedAt,
          },
        });
    },

    /** §八 一票否决 for the year; one row per unit, year and case, so a retry adds nothing. */
    async recordVetoFlags(input: {
      year: number;
      caseNumber: string;
      units: Array<{ name: string; creditCode?: string }>;
      at: string;
    }): Promise<void> {
      if (input.units.length === 0) return;
      await db
        .insert(accidentVetoFlags)
        .values(
          input.units.map((u) => ({
            year: input.year,
            unitName: u.name,
            caseNumber: input.caseNumber,
            creditCode: u.creditCode ?? null,
            recordedAt: input.at,
          })),
        )
        .onConflictDoNothing();
    },

    async recordWarningTalk(input: {
      caseNumber: string;
      unitName: string;
      creditCode?: string;
      reason: string;
      at: string;
    }): Promise<void> {
      await db
        .insert(accidentWarningTalks)
        .values({
          caseNumber: input.caseNumber,
          unitName: input.unitName,
          creditCode: input.creditCode ?? null,
          reason: input.reason,
          recordedAt: input.at,
        })
        .onConflictDoNothing();
    },

    /** Other accident cases of the same enterprise (credit code) opened in the year before `before`. */
    async countPriorAccidents(input: {
      creditCode: string;
      workflowId: string;
      since: string;
      before: string;
    }): Promise<number> {
      const rows = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(cases)
        .where(
          and(
            eq(cases.kind, 'accident'),
            ne(cases.workflowId, input.workflowId),
            sql`${cases.summary}->'enterprise'->>'unifiedSocialCreditCode' = ${input.creditCode}`,
            gte(cases.openedAt, input.since),
            lt(cases.openedAt, input.before),
          ),
        );
      return Number(rows[0]?.n ?? 0);
    },

    async departmentNames(ids: string[]): Promise<Record<string, string>> {
      if (ids.length === 0) return {};
      const rows = await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(inArray(departments.id, ids));
      return Object.fromEntries(rows.map((r) => [r.id, r.name]));
    },
  };
}

export type AccidentActivities = ReturnType<typeof createAccidentActivities>;
