// Reads of registers that have no API route yet (published accident reports) for the public pages. The table is
// owned by the accident feature and may not exist in a given database, so the read answers `null` ("not available").
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../api/cases/console-reads';

type Row = Record<string, unknown>;

async function rows(db: Db, query: SQL): Promise<Row[] | null> {
  try {
    const result = (await db.execute(query)) as unknown;
    return Array.isArray(result) ? (result as Row[]) : (((result as { rows?: Row[] }).rows ?? []) as Row[]);
  } catch {
    return null;
  }
}

const str = (v: unknown): string =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);

/** Accident investigation reports disclosed to the public (published_reports). */
export async function publishedAccidentReports(db: Db): Promise<Array<{
  caseNumber: string;
  title: string;
  levelName: string;
  enterpriseName: string;
  occurredOn: string;
  approvedOn: string;
  publishedAt: string;
  documentUrl: string;
  evaluationUrl: string;
}> | null> {
  const r = await rows(
    db,
    sql`select case_number, title, level_name, enterprise_name, occurred_on, approved_on, published_at, document_url, \
evaluation_url from published_reports order by published_at desc limit 200`,
  );
  return (
    r?.map((x) => ({
      caseNumber: str(x.case_number),
      title: str(x.title),
      levelName: str(x.level_name),
      enterpriseName: str(x.enterprise_name),
      occurredOn: str(x.occurred_on).slice(0, 10),
      approvedOn: str(x.approved_on).slice(0, 10),
      publishedAt: str(x.published_at),
      documentUrl: str(x.document_url),
      evaluationUrl: str(x.evaluation_url),
    })) ?? null
  );
}
