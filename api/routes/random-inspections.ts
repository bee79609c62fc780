// 双随机一公开 (§十五): the published item list, draws committed by seed hash and run by revealing the seed,
// and a public verification that re-runs any draw from its seed and lists.
import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { and, arrayOverlaps, asc, desc, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appendAudit } from '../../db/audit-trail';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import {
  departments,
  enterpriseInspectorLinks,
  enterprises,
  randomDraws,
  randomInspectionItems,
  users,
} from '../../db/schema';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { CaseNumber, DepartmentId, WorkflowKind } from '../../temporal/search-attributes';
import { randomInspectionWorkflow } from '../../workflows/random-inspection';
import { recordResultsUpdate } from '../../workflows/random-inspection/messages';
import { deskOf } from '../cases/desk';
import { may } from '../cases/policy';
import { todayInShanghai } from '../../domain/dates';
import { deadlineFor } from '../../domain/legal-basis';
import {
  checkDrawRequest,
  DRAW_ALGORITHM,
  DrawError,
  drawRandomInspection,
  keySupervisionSectors,
  seedCommitment,
  verifyDraw,
  type DrawInput,
} from '../../domain/random-draw';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { isoDate } from '../schemas';
import { errors, ok } from '../responses/http';
import {
  DrawPublication,
  DrawVerification,
  RandomDraw,
  RandomDrawSummary,
  RandomInspectionItem,
} from '../responses/random-inspections';

const tags = ['双随机一公开'];
const security = [{ bearer: [] }];
const drawId = z.string().regex(/^RD-[0-9A-Za-z-]{4,60}$/, '抽查编号格式无效');

async function drawOf(db: Db, id: string) {
  const [draw] = await db.select().from(randomDraws).where(eq(randomDraws.id, id));
  if (!draw) throw HttpProblem.notFound(`抽查 ${id} 不存在`);
  return draw;
}

function inputOf(draw: typeof randomDraws.$inferSelect, seed: string): DrawInput {
  return {
    drawId: draw.id,
    seed,
    enterprises: draw.enterprises ?? [],
    inspectors: draw.inspectors ?? [],
    targetCount: draw.targetCount,
    inspectorsPerTarget: draw.inspectorsPerTarget,
    keySectors: draw.keySectors,
    links: draw.links ?? [],
    previous: draw.previous ?? [],
  };
}

const create = createRoute({
  method: 'post',
  path: '/random-inspections/draws',
  tags,
  security,
  summary: '发起抽查：公布名单并承诺随机种子的 SHA-256 值',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            itemId: z.string().trim().min(1).max(40).openapi({ description: '随机抽查事项清单中的事项编号' }),
            targetCount: z
              .number()
              .int()
              .min(0)
              .max(1000)
              .openapi({ description: '抽取的检查对象数（重点监管行业全覆盖，另计）' }),
            inspectorsPerTarget: z.number().int().min(2, '每个检查对象至少选派两名执法人员').max(10),
            seedHash: z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256 值'),
          }),
        },
      },
    },
  },
  responses: { 201: ok(RandomDraw, '已公布名单和种子承诺'), ...errors(400, 401, 403, 413, 422, 503) },
});

const run = createRoute({
  method: 'post',
  path: '/random-inspections/draws/{id}/run',
  tags,
  security,
  summary: '揭示种子并抽取检查对象和执法人员',
  request: {
    params: z.object({ id: drawId }),
    body: {
      required: true,
      content: {
        'application/json': { schema: z.object({ seed: z.string().min(16, '种子至少 16 个字符').max(200) }) },
      },
    },
  },
  responses: { 200: ok(RandomDraw, '抽取结果'), ...errors(400, 401, 403, 404, 409, 413, 422, 503) },
});

const get = createRoute({
  method: 'get',
  path: '/random-inspections/draws/{id}',
  tags,
  security,
  summary: '一次抽查：种子、名单、结果（任何人可据此复核）',
  request: { params: z.object({ id: drawId }) },
  responses: { 200: ok(RandomDraw), ...errors(400, 401, 404, 503) },
});

const list = createRoute({
  method: 'get',
  path: '/random-inspections/draws',
  tags,
  security,
  summary: '抽查列表',
  request: { query: z.object({ departmentId: z.string().max(40).optional() }) },
  responses: { 200: ok(z.array(RandomDrawSummary)), ...errors(400, 401, 503) },
});

const results = createRoute({
  method: 'post',
  path: '/random-inspections/draws/{id}/results',
  tags,
  security,
  summary: '登记抽查结果（处罚决定7个工作日内、其他决定20个工作日内公开）',
  request: {
    params: z.object({ id: drawId }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            requestId: z.string().trim().min(8).max(100),
            results: z
              .array(
                z.object({
                  enterpriseId: z.string().min(1).max(40),
                  decisionDate: isoDate,
                  penalty: z.boolean(),
                  summary: z.string().trim().min(1).max(5000),
                }),
              )
              .min(1)
              .max(200),
          }),
        },
      },
    },
  },
  responses: { 200: ok(DrawPublication, '已登记并进入公开'), ...errors(400, 401, 403, 404, 409, 413, 422, 503) },
});

export const randomInspectionsRouter = createRouter()
  .openapi(create, async (c) => {
    const db = c.get('deps').database.db;
    const user = c.get('user');
    const req = c.req.valid('json');
    const [item] = await db.select().from(randomInspectionItems).where(eq(randomInspectionItems.id, req.itemId));
    if (!item)
      throw HttpProblem.unprocessable('body.itemId', 'unknown_item', `随机抽查事项清单中没有事项 ${req.itemId}`);
    if (!may(user, 'act', { kind: 'random-inspection', departmentId: item.departmentId })) {
      const reason = '只有该事项所属部门的执法人员或负责人可以发起抽查';
      await appendAudit(db, { actor: user.id, action: 'random-draw.create', outcome: 'denied', comment: reason });
      throw HttpProblem.forbidden(reason);
    }
    // The lists are fixed now, with the seed's hash, so neither can be changed once the other is known.
    const targets = await db
      .select({
        id: enterprises.id,
        name: enterprises.name,
        creditCode: enterprises.creditCode,
        sector: enterprises.sector,
      })
      .from(enterprises)
      .where(and(eq(enterprises.departmentId, item.departmentId), eq(enterprises.active, true)))
      .orderBy(asc(enterprises.id));
    const inspectors = await db
      .select({ id: users.id, name: users.name, departmentId: users.departmentId })
      .from(users)
      .where(
        and(
          eq(users.departmentId, item.departmentId),
          eq(users.active, true),
          eq(users.hasEnforcementCredential, true),
          // An expired 执法证 is never drawn (issue 24); a credential without a recorded date is taken as valid.
          or(isNull(users.credentialValidUntil), gte(users.credentialValidUntil, todayInShanghai(Date.now()))),
          arrayOverlaps(users.roles, ['officer', 'department-head', 'legal-reviewer']),
        ),
      )
      .orderBy(asc(users.id));
    const keySectors = [...keySupervisionSectors];
    const problems = checkDrawRequest({
      enterprises: targets,
      inspectors,
      targetCount: req.targetCount,
      inspectorsPerTarget: req.inspectorsPerTarget,
      keySectors,
    });
    if (problems.length > 0)
      throw new HttpProblem(
        422,
        '抽查请求无法满足',
        problems.map((p) => p.message).join('；'),
        problems.map((p) => ({ field: `body.${p.field}`, rule: p.code.toLowerCase(), message: p.message })),
      );
    const targetIds = targets.map((t) => t.id);
    const links =
      targetIds.length === 0
        ? []
        : (
            await db
              .select()
              .from(enterpriseInspectorLinks)
              .where(inArray(enterpriseInspectorLinks.enterpriseId, targetIds))
          ).map((l) => ({ inspectorId: l.userId, enterpriseId: l.enterpriseId }));
    const [last] = await db
      .select()
      .from(randomDraws)
      .where(and(eq(randomDraws.departmentId, item.departmentId), eq(randomDraws.status, 'drawn')))
      .orderBy(desc(randomDraws.drawnAt))
      .limit(1);
    const previous = (last?.assignments ?? []).flatMap((a) =>
      a.inspectorIds.map((inspectorId) => ({ inspectorId, enterpriseId: a.enterpriseId })),
    );
    const now = new Date().toISOString();
    const id = `RD-${todayInShanghai(Date.now()).replaceAll('-', '')}-${item.departmentId}-${randomUUID().slice(0, 6)}`;
    const row = {
      id,
      departmentId: item.departmentId,
      itemId: item.id,
      seedHash: req.seedHash,
      seed: null,
      targetCount: req.targetCount,
      inspectorsPerTarget: req.inspectorsPerTarget,
      keySectors,
      status: 'committed' as const,
      enterprises: targets,
      inspectors,
      links,
      previous,
      assignments: null,
      algorithm: DRAW_ALGORITHM,
      createdBy: user.id,
      committedAt: now,
    };
    await db.transaction(async (tx) => {
      await tx.insert(randomDraws).values(row);
      await appendAudit(tx as unknown as Db, {
        actor: user.id,
        action: 'random-draw.committed',
        caseId: id,
        legalBasis: '北碚府办发〔2016〕65号第十五条',
        detail: { seedHash: req.seedHash, itemId: item.id, enterprises: targets.length, inspectors: inspectors.length },
      });
    });
    return c.json(row, 201);
  })
  .openapi(run, async (c) => {
    const db = c.get('deps').database.db;
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const { seed } = c.req.valid('json');
    const draw = await drawOf(db, id);
    if (!may(user, 'act', { kind: 'random-inspection', departmentId: draw.departmentId })) {
      await appendAudit(db, {
        actor: user.id,
        action: 'random-draw.run',
        outcome: 'denied',
        caseId: id,
        comment: '非本部门的抽查',
      });
      throw HttpProblem.forbidden('只有发起部门可以实施抽取');
    }
    if (draw.status !== 'committed') throw HttpProblem.conflict('该抽查已经抽取，结果不可更改');
    if (seedCommitment(seed) !== draw.seedHash)
      throw HttpProblem.unprocessable('body.seed', 'seed_mismatch', '种子的 SHA-256 值与发起时公布的承诺值不一致');
    let result;
    try {
      result = drawRandomInspection(inputOf(draw, seed));
    } catch (err) {
      if (err instanceof DrawError)
        throw HttpProblem.unprocessable(`body.${err.field}`, err.code.toLowerCase(), err.message);
      throw err;
    }
    // The publication workflow starts first: its id is the draw's, and the result is the same on any retry.
    const [item] = await db.select().from(randomInspectionItems).where(eq(randomInspectionItems.id, draw.itemId));
    const [dept] = await db.select().from(departments).where(eq(departments.id, draw.departmentId));
    const { temporal, env } = c.get('deps');
    try {
      await temporal.workflow.start(randomInspectionWorkflow, {
        workflowId: `random-inspection-${id}`,
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        args: [
          {
            drawId: id,
            departmentId: draw.departmentId,
            departmentName: dept?.name ?? draw.departmentId,
            itemName: item?.name ?? draw.itemId,
            assignments: result.assignments,
          },
        ],
        typedSearchAttributes: [
          { key: CaseNumber, value: id },
          { key: DepartmentId, value: draw.departmentId },
          { key: WorkflowKind, value: 'random-inspection' },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    const today = todayInShanghai(Date.now());
    // Results are made public within 20 working days (国办发〔2018〕118号).
    const publishDue = deadlineFor(await currentCalendarSnapshot(db), today, 'inspection.publish-other-decision').due;
    const drawnAt = new Date().toISOString();
    const updated = await db.transaction(async (tx) => {
      const rows = await tx
        .update(randomDraws)
        .set({ seed, status: 'drawn', assignments: result.assignments, drawnAt, publishDue })
        .where(and(eq(randomDraws.id, id), eq(randomDraws.status, 'committed')))
        .returning();
      if (rows.length === 0) throw HttpProblem.conflict('该抽查已经抽取，结果不可更改');
      await appendAudit(tx as unknown as Db, {
        actor: user.id,
        action: 'random-draw.drawn',
        caseId: id,
        legalBasis: '北碚府办发〔2016〕65号第十五条；《行政处罚法》第四十三条',
        detail: { targets: result.assignments.length, publishDue },
      });
      return rows[0]!;
    });
    return c.json(updated, 200);
  })
  .openapi(results, async (c) => {
    const { database } = c.get('deps');
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const req = c.req.valid('json');
    const draw = await drawOf(database.db, id);
    if (draw.status !== 'drawn') throw HttpProblem.conflict('该抽查尚未抽取');
    const publication = await deskOf(c).act(
      user,
      { workflowId: `random-inspection-${id}`, caseNumber: id, kind: 'random-inspection' },
      recordResultsUpdate,
      { requestId: req.requestId, results: req.results },
      { action: recordResultsUpdate.name, whenClosed: '该抽查流程已结束' },
    );
    return c.json(publication, 200);
  })
  .openapi(get, async (c) => c.json(await drawOf(c.get('deps').database.db, c.req.valid('param').id), 200))
  .openapi(list, async (c) => {
    const { departmentId } = c.req.valid('query');
    const db = c.get('deps').database.db;
    const rows = await db
      .select({
        id: randomDraws.id,
        departmentId: randomDraws.departmentId,
        itemId: randomDraws.itemId,
        status: randomDraws.status,
        seedHash: randomDraws.seedHash,
        seed: randomDraws.seed,
        targetCount: randomDraws.targetCount,
        committedAt: randomDraws.committedAt,
        drawnAt: randomDraws.drawnAt,
        publishDue: randomDraws.publishDue,
      })
      .from(randomDraws)
      .where(departmentId ? eq(randomDraws.departmentId, departmentId) : undefined)
      .orderBy(desc(randomDraws.committedAt));
    return c.json(rows, 200);
  });

const items = createRoute({
  method: 'get',
  path: '/public/random-inspections/items',
  tags,
  summary: '随机抽查事项清单（公开）',
  responses: { 200: ok(z.array(RandomInspectionItem)), ...errors(503) },
});

const verify = createRoute({
  method: 'get',
  path: '/public/random-inspections/{id}/verify',
  tags,
  summary: '公开复核：以公布的种子和名单重新抽取，核对结果',
  request: { params: z.object({ id: drawId }) },
  responses: {
    200: ok(DrawVerification),
    ...errors(400, 404, 409, 503),
  },
});

/** Public (no login): the item list and verification of any drawn result (一公开). */
export const publicRandomInspectionsRouter = createRouter()
  .openapi(items, async (c) =>
    c.json(
      await c.get('deps').database.db.select().from(randomInspectionItems).orderBy(asc(randomInspectionItems.id)),
      200,
    ),
  )
  .openapi(verify, async (c) => {
    const draw = await drawOf(c.get('deps').database.db, c.req.valid('param').id);
    if (draw.status !== 'drawn' || !draw.seed || !draw.assignments)
      throw HttpProblem.conflict('该抽查尚未抽取，种子尚未公布');
    const check = verifyDraw(inputOf(draw, draw.seed), draw.seedHash, draw.assignments);
    return c.json(
      {
        id: draw.id,
        algorithm: draw.algorithm,
        seedHash: draw.seedHash,
        seed: draw.seed,
        ...check,
        assignments: draw.assignments,
      },
      200,
    );
  });
