// 权力清单 and 随机抽查事项清单, edited by the administrator with their legal basis and versioned: each edit appends
// a version (the record as first seen is version 1); an entrustment keeps the powers it started with in its input.
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { appendAudit } from '../../../db/audit-trail';
import { catalogueVersions, departments, powerCatalogue, randomInspectionItems } from '../../../db/schema';
import { todayInShanghai } from '../../../domain/dates';
import { registerActor, requireKeeper } from '../../master-data/access';
import { createRouter } from '../../openapi';
import { HttpProblem } from '../../problem';
import { errors, ok } from '../../responses/http';
import { CatalogueVersion, type CatalogueEntry } from '../../responses/registers';
import { isoDate } from '../../schemas';

const tags = ['主数据'];
const security = [{ bearer: [] }];
const readErrors = errors(400, 401, 403, 404, 422, 503);
const writeErrors = errors(400, 401, 403, 404, 413, 422, 503);
const recordId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, '编号只能含小写字母、数字和连字符');
const legalBasis = z.string().trim().min(4, '必须写明法律依据').max(300);

const PowerBody = z.object({
  departmentId: z.string().max(32),
  name: z.string().trim().min(2).max(200),
  type: z.enum(['penalty', 'inspection', 'compulsory-measure', 'compulsory-execution', 'licensing']),
  legalBasis,
});
const ItemBody = z.object({
  departmentId: z.string().max(32),
  name: z.string().trim().min(2).max(200),
  sector: z.string().trim().min(1).max(40),
  legalBasis,
  publishedOn: isoDate.optional(),
});

const put = (path: string, body: z.ZodType, summary: string) =>
  createRoute({
    method: 'put',
    path,
    tags,
    summary,
    security,
    request: {
      params: z.object({ id: recordId }),
      body: { content: { 'application/json': { schema: body } } },
    },
    responses: { 200: ok(CatalogueVersion, '新版本'), ...writeErrors },
  });
const versions = (path: string, summary: string) =>
  createRoute({
    method: 'get',
    path,
    tags,
    summary,
    security,
    request: { params: z.object({ id: recordId }) },
    responses: { 200: ok(z.array(CatalogueVersion), '各版本'), ...readErrors },
  });

type Kind = 'power' | 'inspection-item';

/** Writes the record and appends its version in one transaction; the first edit also keeps the original as v1. */
async function saveVersion(
  db: Db,
  kind: Kind,
  id: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  actorId: string,
  write: (tx: Db) => Promise<unknown>,
) {
  const at = new Date().toISOString();
  return db.transaction(async (tx) => {
    const [last] = await tx
      .select()
      .from(catalogueVersions)
      .where(and(eq(catalogueVersions.kind, kind), eq(catalogueVersions.recordId, id)))
      .orderBy(desc(catalogueVersions.version))
      .limit(1);
    let version = last?.version ?? 0;
    if (!last && before)
      await tx
        .insert(catalogueVersions)
        .values({ kind, recordId: id, version: ++version, content: before, changedBy: 'seed', changedAt: at });
    await write(tx as unknown as Db);
    const [row] = await tx
      .insert(catalogueVersions)
      .values({ kind, recordId: id, version: version + 1, content: after, changedBy: actorId, changedAt: at })
      .returning();
    return row!;
  });
}

async function checkUnit(db: Db, departmentId: string) {
  const [d] = await db.select().from(departments).where(eq(departments.id, departmentId));
  if (!d) throw HttpProblem.unprocessable('body.departmentId', 'exists', `单位 ${departmentId} 不存在`);
}

async function versionsOf(db: Db, kind: Kind, id: string) {
  const rows = await db
    .select()
    .from(catalogueVersions)
    .where(and(eq(catalogueVersions.kind, kind), eq(catalogueVersions.recordId, id)))
    .orderBy(desc(catalogueVersions.version));
  // The content is the record as written by saveVersion: a power or an inspection item, by kind.
  return rows.map((r) => ({
    version: r.version,
    content: r.content as CatalogueEntry,
    changedBy: r.changedBy,
    changedAt: r.changedAt,
  }));
}

export const catalogueRegisterRouter = createRouter()
  .openapi(put('/registers/powers/{id}', PowerBody, '新增或修改权力清单事项（留存版本）'), async (c) => {
    const db = c.get('deps').database.db;
    const actor = await registerActor(db, c.get('user'));
    await requireKeeper(db, actor, undefined, 'register.power.edit');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') as z.infer<typeof PowerBody>;
    await checkUnit(db, body.departmentId);
    const [before] = await db.select().from(powerCatalogue).where(eq(powerCatalogue.id, id));
    const after = { id, ...body };
    const row = await saveVersion(db, 'power', id, before, after, actor.id, (tx) =>
      tx.insert(powerCatalogue).values(after).onConflictDoUpdate({ target: powerCatalogue.id, set: body }),
    );
    await appendAudit(db, {
      actor: actor.id,
      action: 'register.power.edit',
      detail: { id, version: row.version, before: before ?? null, after },
    });
    return c.json(
      {
        version: row.version,
        content: row.content as CatalogueEntry,
        changedBy: row.changedBy,
        changedAt: row.changedAt,
      },
      200,
    );
  })
  .openapi(versions('/registers/powers/{id}/versions', '权力清单事项的各版本'), async (c) => {
    const db = c.get('deps').database.db;
    await registerActor(db, c.get('user'));
    return c.json(await versionsOf(db, 'power', c.req.valid('param').id), 200);
  })
  .openapi(put('/registers/inspection-items/{id}', ItemBody, '新增或修改随机抽查事项（留存版本）'), async (c) => {
    const db = c.get('deps').database.db;
    const actor = await registerActor(db, c.get('user'));
    await requireKeeper(db, actor, undefined, 'register.inspection-item.edit');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') as z.infer<typeof ItemBody>;
    await checkUnit(db, body.departmentId);
    const [before] = await db.select().from(randomInspectionItems).where(eq(randomInspectionItems.id, id));
    const after = { id, ...body, publishedOn: body.publishedOn ?? before?.publishedOn ?? todayInShanghai(Date.now()) };
    const row = await saveVersion(db, 'inspection-item', id, before, after, actor.id, (tx) =>
      tx
        .insert(randomInspectionItems)
        .values(after)
        .onConflictDoUpdate({ target: randomInspectionItems.id, set: { ...after, id: undefined } }),
    );
    await appendAudit(db, {
      actor: actor.id,
      action: 'register.inspection-item.edit',
      detail: { id, version: row.version, before: before ?? null, after },
    });
    return c.json(
      {
        version: row.version,
        content: row.content as CatalogueEntry,
        changedBy: row.changedBy,
        changedAt: row.changedAt,
      },
      200,
    );
  })
  .openapi(versions('/registers/inspection-items/{id}/versions', '随机抽查事项的各版本'), async (c) => {
    const db = c.get('deps').database.db;
    await registerActor(db, c.get('user'));
    return c.json(await versionsOf(db, 'inspection-item', c.req.valid('param').id), 200);
  });
