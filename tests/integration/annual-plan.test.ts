import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, planCycles } from '../../db/schema';
import { startSystem, type RunningSystem } from '../support/system';
import { checkResponsesOf } from '../support/response-conformance';
import { ensurePlanCycleSchedule, PLAN_CYCLE_SCHEDULE_ID } from '../../temporal/plan-cycle-schedule';
import { until } from '../support/poll';

const YEAR = 2030;
let system: RunningSystem;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  system = await startSystem();
  checkResponsesOf(system); // every answer must match the OpenAPI document
  for (const id of ['yjj-officer1', 'yjj-head', 'yjj-legal', 'gov-leader', 'jxw-head', 'aqb-head'])
    tokens[id] = await system.login(id);
});
afterAll(async () => {
  await system?.stop();
});

const as = (userId: string) => ({
  get: (path: string) => system.http('GET', path, { token: tokens[userId] }),
  post: (path: string, body: Record<string, unknown>) =>
    system.http('POST', path, { token: tokens[userId], body: { requestId: randomUUID(), ...body } }),
});

const content = (extra: Record<string, unknown> = {}) => ({
  enforcementStaff: 5,
  otherDutyDays: 400,
  items: [
    {
      itemId: 'Q1-01',
      enterpriseId: 'ent-001',
      kind: 'key',
      quarter: 1,
      legalBasis: '《危险化学品安全管理条例》第六条',
      plannedDays: 6,
    },
    {
      itemId: 'Q2-01',
      enterpriseId: 'ent-007',
      kind: 'routine',
      quarter: 2,
      legalBasis: '《安全生产法》第六十五条',
      plannedDays: 4,
    },
    {
      itemId: 'Q3-01',
      category: '工贸企业双随机抽查',
      kind: 'random',
      quarter: 3,
      legalBasis: '北碚府办发〔2016〕65号第十五条',
      plannedDays: 40,
    },
  ],
  ...extra,
});

const taskFor = (userId: string, caseId: string) =>
  until(
    async () =>
      (
        (await as(userId).get('/api/tasks?view=mine')).body.items as Array<{
          id: string;
          caseId: string;
          kind: string;
          stepName: string;
        }>
      ).find((t) => t.caseId === caseId && t.kind === 'approval'),
    `${userId}'s task`,
  );

describe('annual plan over HTTP', () => {
  it("keeps one yearly schedule that opens the next year's cycle on 1 December (idempotent)", async () => {
    expect(['created', 'updated']).toContain(await ensurePlanCycleSchedule(system.temporal, 'plan-cycle-test'));
    expect(await ensurePlanCycleSchedule(system.temporal, 'plan-cycle-test')).toBe('updated');
    const handle = system.temporal.schedule.getHandle(PLAN_CYCLE_SCHEDULE_ID);
    const described = await handle.describe();
    expect(described.spec.calendars?.[0]).toMatchObject({
      month: [{ start: 'DECEMBER', end: 'DECEMBER', step: 1 }],
      dayOfMonth: [{ start: 1, end: 1, step: 1 }],
      hour: [{ start: 9, end: 9, step: 1 }],
    });
    expect(described.spec.timezone).toBe('Asia/Shanghai');
    expect(described.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'planCycleWorkflow',
      taskQueue: 'plan-cycle-test',
    });
    await handle.delete();
  });

  it(
    'opens the cycle, refuses bad plans without changing anything, and approves a plan by three users through ' +
      'the inbox',
    async () => {
      expect((await as('yjj-head').post('/api/plan-cycles', { year: YEAR })).status).toBe(403);
      const opened = await as('aqb-head').post('/api/plan-cycles', { year: YEAR });
      expect(opened.status).toBe(201);
      const overview = await until(async () => {
        const res = await as('aqb-head').get(`/api/plan-cycles/${YEAR}/overview`);
        return res.status === 200 && res.body.units.length === 11 ? res.body : undefined;
      }, 'overview');
      expect(overview.dueDate).toBe(`${YEAR}-01-31`);
      expect(overview.units.find((u: { departmentId: string }) => u.departmentId === 'yjj')).toMatchObject({
        drafted: false,
        submitted: false,
        approved: false,
        filed: false,
      });

      // Over budget, unknown enterprise, a closed year, another department: 4xx naming the problem, nothing changes.
      const over = await as('yjj-officer1').post('/api/annual-plans', {
        year: YEAR,
        departmentId: 'yjj',
        content: content({ enforcementStaff: 1, otherDutyDays: 250 }),
      });
      expect(over.status).toBe(422);
      expect(over.body.errors).toEqual([expect.objectContaining({ field: 'body.content.items', rule: 'over_budget' })]);
      const unknown = await as('yjj-officer1').post('/api/annual-plans', {
        year: YEAR,
        departmentId: 'yjj',
        content: content({
          items: [
            {
              itemId: 'X',
              enterpriseId: 'ent-999',
              kind: 'routine',
              quarter: 1,
              legalBasis: '《安全生产法》',
              plannedDays: 1,
            },
          ],
        }),
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([
        expect.objectContaining({ field: 'body.content.items.0.enterpriseId', rule: 'unknown_enterprise' }),
      ]);
      await system.database.db
        .insert(planCycles)
        .values({
          year: 2025,
          dueDate: '2025-01-31',
          status: 'closed',
          workflowId: 'plan-cycle-2025',
          openedAt: '2024-12-01T01:00:00Z',
          closedAt: '2026-01-01T00:00:00Z',
        })
        .onConflictDoNothing();
      const closed = await as('yjj-officer1').post('/api/annual-plans/2025/yjj/submit', { content: content() });
      expect(closed.status).toBe(422);
      expect(closed.body.errors).toEqual([expect.objectContaining({ field: 'path.year', rule: 'year_closed' })]);
      const foreign = await as('jxw-head').post(`/api/annual-plans/${YEAR}/yjj/submit`, { content: content() });
      expect(foreign.status).toBe(403);
      const denials = await system.database.db.select().from(auditLog).where(eq(auditLog.actor, 'jxw-head'));
      expect(denials.some((d) => d.action === 'plan.submit' && d.outcome === 'denied')).toBe(true);
      const untouched = (await as('aqb-head').get(`/api/annual-plans/${YEAR}/yjj`)).body;
      expect(untouched).toMatchObject({ status: 'awaiting-draft', content: null, draftedAt: null });

      // Draft and submit; then the head, the legal reviewer and the district leader approve from their inboxes.
      expect(
        (await as('yjj-officer1').post('/api/annual-plans', { year: YEAR, departmentId: 'yjj', content: content() }))
          .status,
      ).toBe(200);
      const submitted = await as('yjj-officer1').post(`/api/annual-plans/${YEAR}/yjj/submit`, {});
      expect(submitted.status).toBe(200);
      const caseId = `AP-${YEAR}-yjj`;
      for (const userId of ['yjj-head', 'yjj-legal', 'gov-leader']) {
        const task = await taskFor(userId, caseId);
        const res = await system.http('POST', `/api/tasks/${task.id}/actions`, {
          token: tokens[userId],
          body: { action: 'approve', requestId: randomUUID(), comment: '同意' },
        });
        expect(res.status).toBe(200);
      }

      // The 安委办 records its filing receipt once the plan is approved; the gateway receipts are recorded too.
      const filed = await until(async () => {
        const res = await as('aqb-head').post(`/api/annual-plans/${YEAR}/yjj/filing`, {
          receiptNo: '北碚安委办备〔2030〕1号',
        });
        return res.status === 200 ? res.body : undefined;
      }, 'filing accepted');
      expect(filed.receipts.safetyOffice).toBe('北碚安委办备〔2030〕1号');
      const row = await until(async () => {
        const res = await as('aqb-head').get(`/api/plan-cycles/${YEAR}/overview`);
        const yjj = res.body.units.find((u: { departmentId: string }) => u.departmentId === 'yjj');
        return yjj.filed ? yjj : undefined;
      }, 'filed in overview');
      expect(row).toMatchObject({ drafted: true, submitted: true, approved: true, filed: true, status: 'filed' });
      expect(row.receipts.upperAuthority).toMatch(/\S/);
      expect(row.receipts.publication).toMatch(/\S/);
      const completion = await as('aqb-head').get(`/api/plan-cycles/${YEAR}/completion?quarter=1`);
      expect(
        completion.body.departments.find((d: { departmentId: string }) => d.departmentId === 'yjj').quarters,
      ).toEqual([expect.objectContaining({ quarter: 1, planned: 1, completed: 0 })]);
    },
  );

  it(
    'draws targets and inspectors verifiably: seed committed first, recusal respected, impossible requests ' +
      'refused',
    async () => {
      const seed = `北碚区应急管理局-${randomUUID()}`;
      const seedHash = createHash('sha256').update(seed).digest('hex');
      const tooMany = await as('yjj-officer1').post('/api/random-inspections/draws', {
        itemId: 'ri-yjj-001',
        targetCount: 3,
        inspectorsPerTarget: 6,
        seedHash,
      });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.errors).toEqual([
        expect.objectContaining({ field: 'body.inspectorsPerTarget', rule: 'too_many_inspectors' }),
      ]);
      expect((await as('yjj-officer1').get('/api/random-inspections/draws?departmentId=yjj')).body).toEqual([]);

      const created = await as('yjj-officer1').post('/api/random-inspections/draws', {
        itemId: 'ri-yjj-001',
        targetCount: 4,
        inspectorsPerTarget: 2,
        seedHash,
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({ status: 'committed', seed: null, seedHash });
      const wrong = await as('yjj-officer1').post(`/api/random-inspections/draws/${id}/run`, {
        seed: `${seed}-changed`,
      });
      expect(wrong.status).toBe(422);
      expect(wrong.body.errors[0]).toMatchObject({ field: 'body.seed', rule: 'seed_mismatch' });
      const drawn = await as('yjj-officer1').post(`/api/random-inspections/draws/${id}/run`, { seed });
      expect(drawn.status).toBe(200);
      const assignments = drawn.body.assignments as Array<{
        enterpriseId: string;
        mode: string;
        inspectorIds: string[];
      }>;
      // 危险化学品 and 烟花爆竹 units are all inspected; four others are sampled.
      expect(assignments.filter((a) => a.mode === 'full-coverage').map((a) => a.enterpriseId)).toEqual([
        'ent-001',
        'ent-002',
        'ent-003',
        'ent-004',
      ]);
      expect(assignments.filter((a) => a.mode === 'sampled')).toHaveLength(4);
      for (const a of assignments) {
        if (a.enterpriseId === 'ent-005') expect(a.inspectorIds).not.toContain('yjj-officer1');
        if (a.enterpriseId === 'ent-008') expect(a.inspectorIds).not.toContain('yjj-officer2');
      }
      expect((await as('yjj-officer1').post(`/api/random-inspections/draws/${id}/run`, { seed })).status).toBe(409);
      const verify = await system.http('GET', `/api/public/random-inspections/${id}/verify`);
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ seed, seedHash, seedMatches: true, resultMatches: true });

      // 一公开: the list is published through the portal; a result is published with its statutory due date.
      const listed = await until(async () => {
        const res = await as('yjj-officer1').get(`/api/random-inspections/draws/${id}`);
        return res.body.publication?.listReceipt ? res.body : undefined;
      }, 'list published');
      expect(listed.publishDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const recorded = await as('yjj-officer1').post(`/api/random-inspections/draws/${id}/results`, {
        results: [
          {
            enterpriseId: assignments[0]!.enterpriseId,
            decisionDate: today,
            penalty: false,
            summary: '未发现违法行为',
          },
        ],
      });
      expect(recorded.status).toBe(200);
      const published = await until(async () => {
        const res = await as('yjj-officer1').get(`/api/random-inspections/draws/${id}`);
        return res.body.publication?.results?.length === 1 ? res.body.publication.results[0] : undefined;
      }, 'result published');
      expect(published).toMatchObject({ enterpriseId: assignments[0]!.enterpriseId, onTime: true });
      expect(published.receiptNo).toMatch(/\S/);
      const unknownTarget = await as('yjj-officer1').post(`/api/random-inspections/draws/${id}/results`, {
        results: [{ enterpriseId: 'ent-029', decisionDate: today, penalty: false, summary: '无' }],
      });
      expect(unknownTarget.status).toBe(422);
    },
  );
});
