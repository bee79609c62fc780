// 企业台账 import and export: a template with the Chinese column headers, the register as .xlsx or CSV, and an
// import validated whole — every bad row named with its row number and rule, nothing written until the file is clean,
// and a dry run that answers what would change.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { asc, eq, inArray } from 'drizzle-orm';
import type { AppEnv } from '../../context';
import { appendAudit } from '../../../db/audit-trail';
import { enterpriseHistory, enterprises } from '../../../db/schema';
import { enterpriseStatusLabels } from '../../../domain/master-data';
import {
  checkHeaders,
  enterpriseColumns,
  ENTERPRISE_SHEET,
  planEnterpriseImport,
  type EnterpriseFields,
  type PlannedChange,
} from '../../master-data/enterprise-rows';
import { FileRefused, readRegisterFile, readUpload, toCsv, toXlsx, XLSX_MIME } from '../../master-data/spreadsheet';
import { isAdmin, readableUnits, registerActor, requireKeeper } from '../../master-data/access';
import { createRouter } from '../../openapi';
import { HttpProblem } from '../../problem';
import { fieldsOfRow, unitsFor } from './enterprises';

const headers = enterpriseColumns.map((c) => c.header);
const example = [
  '重庆北碚示例机械有限公司',
  '91350100M000100Y43',
  '重庆市北碚区童家溪镇同兴北路 1 号',
  '童家溪镇',
  '制造业',
  '机械',
  'C',
  'yjj',
  '在营',
];

function formatOf(c: Context<AppEnv>): 'xlsx' | 'csv' {
  const f = c.req.query('format') ?? 'xlsx';
  if (f !== 'xlsx' && f !== 'csv') throw HttpProblem.badRequest('query.format', 'enum', '格式应为 xlsx 或 csv');
  return f;
}

async function sendSheet(c: Context<AppEnv>, format: 'xlsx' | 'csv', name: string, rows: string[][]) {
  const filename = encodeURIComponent(`${name}.${format}`);
  const disposition =
    `attachment; filename=` +
    `"${format === 'xlsx' ? 'register.xlsx' : 'register.csv'}"; ` +
    `filename*=UTF-8''${filename}`;
  if (format === 'csv')
    return c.body(toCsv(headers, rows), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': disposition,
    });
  const bytes = await toXlsx(ENTERPRISE_SHEET, headers, rows);
  return c.body(bytes.buffer as ArrayBuffer, 200, { 'content-type': XLSX_MIME, 'content-disposition': disposition });
}

const rowOf = (f: EnterpriseFields): string[] => [
  f.name,
  f.creditCode,
  f.address ?? '',
  f.town,
  f.industry ?? '',
  f.sector,
  f.riskClass ?? '',
  f.departmentId,
  enterpriseStatusLabels[f.status],
];

function refuseFile(rule: string, message: string, extra: Record<string, unknown> = {}): never {
  throw new HttpProblem(422, '导入文件不符合要求', message, [{ field: 'file', rule, message }], extra);
}

const summaryOf = (changes: PlannedChange[]) => ({
  rows: changes.length,
  create: changes.filter((c) => c.action === 'create').length,
  update: changes.filter((c) => c.action === 'update').length,
  unchanged: changes.filter((c) => c.action === 'unchanged').length,
});

const CHUNK = 1000;

export const enterpriseFilesRouter = createRouter();

enterpriseFilesRouter.get('/registers/enterprises/template', async (c) => {
  await registerActor(c.get('deps').database.db, c.get('user'));
  return sendSheet(c, formatOf(c), '企业台账导入模板', [example]);
});

enterpriseFilesRouter.get('/registers/enterprises/export', async (c) => {
  const db = c.get('deps').database.db;
  const actor = await registerActor(db, c.get('user'));
  const format = formatOf(c);
  const units = await readableUnits(db, actor, 'register.enterprise.export');
  const query = db.select().from(enterprises);
  const rows = await (units === 'all' ? query : query.where(inArray(enterprises.departmentId, units))).orderBy(
    asc(enterprises.departmentId),
    asc(enterprises.name),
  );
  await appendAudit(db, {
    actor: actor.id,
    action: 'register.enterprise.export',
    detail: { format, rows: rows.length },
  });
  return sendSheet(
    c,
    format,
    '企业台账',
    rows.map((r) => rowOf(fieldsOfRow(r))),
  );
});

enterpriseFilesRouter.post('/registers/enterprises/import', async (c) => {
  const db = c.get('deps').database.db;
  const actor = await registerActor(db, c.get('user'));
  const dryRun = c.req.query('dryRun') === 'true';
  const action = dryRun ? 'register.enterprise.import-dry-run' : 'register.enterprise.import';
  if (!isAdmin(actor))
    await requireKeeper(db, actor, actor.roles.includes('department-head') ? actor.departmentId : undefined, action);
  let bytes: Uint8Array = new Uint8Array();
  let fileHash = '';
  const rejected = async (comment: string, detail: Record<string, unknown>) =>
    appendAudit(db, {
      actor: actor.id,
      action,
      outcome: 'rejected',
      comment,
      detail: { fileHash, bytes: bytes.byteLength, ...detail },
    });

  let sheet;
  try {
    bytes = await readUpload(c.req.raw.body);
    fileHash = createHash('sha256').update(bytes).digest('hex');
    sheet = await readRegisterFile(bytes, ENTERPRISE_SHEET);
  } catch (err) {
    if (!(err instanceof FileRefused)) throw err;
    await rejected(err.problem.message, { rule: err.problem.rule });
    refuseFile(err.problem.rule, err.problem.message);
  }
  const headerProblem = checkHeaders(sheet.headers);
  if (headerProblem) {
    await rejected(headerProblem.message, { rule: headerProblem.rule });
    refuseFile(headerProblem.rule, headerProblem.message);
  }
  const units = await unitsFor(db, actor);
  const existingRows = await db.select().from(enterprises);
  const existing = new Map(existingRows.map((r) => [r.creditCode, { id: r.id, fields: fieldsOfRow(r) }]));
  const { errors, changes } = planEnterpriseImport(sheet, units, existing);
  if (errors.length > 0) {
    const badRows = [...new Set(errors.map((e) => e.row))];
    const message = `共 ${badRows.length} 行不符合要求，整个文件未导入：${errors
      .slice(0, 5)
      .map((e) => e.message)
      .join('；')}${errors.length > 5 ? '……' : ''}`;
    await rejected(message, { badRows: badRows.slice(0, 100), rules: [...new Set(errors.map((e) => e.rule))] });
    throw new HttpProblem(
      422,
      '导入文件不符合要求',
      message,
      errors.slice(0, 500).map((e) => ({ field: `rows.${e.row}.${e.column}`, rule: e.rule, message: e.message })),
      { rows: errors.slice(0, 500), badRowCount: badRows.length },
    );
  }
  const summary = summaryOf(changes);
  const visible = changes.filter((ch) => ch.action !== 'unchanged');
  if (dryRun) {
    await appendAudit(db, { actor: actor.id, action, detail: { fileHash, ...summary } });
    return c.json(
      {
        dryRun: true,
        ...summary,
        changes: visible
          .slice(0, 500)
          .map(({ row, action, id, creditCode, name, changed }) => ({ row, action, id, creditCode, name, changed })),
      },
      200,
    );
  }
  const at = new Date().toISOString();
  const creates = changes.filter((ch) => ch.action === 'create');
  const updates = changes.filter((ch) => ch.action === 'update');
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < creates.length; i += CHUNK)
        await tx
          .insert(enterprises)
          .values(
            creates
              .slice(i, i + CHUNK)
              .map((ch) => ({ id: ch.id, ...ch.after, active: ch.after.status === 'operating', updatedAt: at })),
          );
      for (const ch of updates)
        await tx
          .update(enterprises)
          .set({ ...ch.after, active: ch.after.status === 'operating', updatedAt: at })
          .where(eq(enterprises.id, ch.id));
      for (let i = 0; i < visible.length; i += CHUNK)
        await tx.insert(enterpriseHistory).values(
          visible.slice(i, i + CHUNK).map((ch) => ({
            enterpriseId: ch.id,
            change: 'import' as const,
            changedBy: actor.id,
            changedAt: at,
            before: ch.before ? { ...ch.before } : null,
            after: { ...ch.after },
          })),
        );
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw HttpProblem.conflict('导入期间有企业以相同的统一社会信用代码登记，请重新导入');
    throw err;
  }
  await appendAudit(db, {
    actor: actor.id,
    action,
    detail: {
      fileHash,
      ...summary,
      changes: updates
        .slice(0, 200)
        .map((ch) => ({ id: ch.id, changed: ch.changed, before: ch.before, after: ch.after })),
      created: creates.slice(0, 200).map((ch) => ch.id),
    },
  });
  return c.json(
    {
      dryRun: false,
      ...summary,
      changes: visible
        .slice(0, 500)
        .map(({ row, action, id, creditCode, name, changed }) => ({ row, action, id, creditCode, name, changed })),
    },
    200,
  );
});
