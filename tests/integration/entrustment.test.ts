import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entrustments } from '../../db/schema';
import { addDays, todayInShanghai } from '../../domain/dates';
import { startSystem, type RunningSystem } from '../support/system';
import { checkResponsesOf } from '../support/response-conformance';

let system: RunningSystem;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  system = await startSystem();
  checkResponsesOf(system); // every answer must match the OpenAPI document
  for (const id of ['yjj-officer1', 'yjj-head', 'sfj-reviewer1', 'sfj-head', 'gxq-head', 'jtj-head'])
    tokens[id] = await system.login(id);
});
afterAll(async () => {
  await system?.stop();
});

const today = todayInShanghai(Date.now());
const call = (userId: string, method: string, path: string, body?: unknown) =>
  system.http(method, path, { token: tokens[userId], body });

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await probe();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never reached: ${what}`);
}

async function approveMyTask(userId: string, workflowId: string, comment: string) {
  const task = await until(
    async () =>
      (
        (await call(userId, 'GET', '/api/tasks?view=mine')).body.items as Array<{ id: string; workflowId: string }>
      ).find((x) => x.workflowId === workflowId),
    (x) => x !== undefined,
    `task of ${userId}`,
  );
  const res = await call(userId, 'POST', `/api/tasks/${task!.id}/actions`, {
    action: 'approve',
    requestId: randomUUID(),
    comment,
  });
  expect(res.status).toBe(200);
}

const countRows = async () =>
  Number(
    (
      (await system.database.db.execute(sql`select count(*)::int as n from entrustments`)) as unknown as Array<{
        n: number;
      }>
    )[0]!.n,
  );

describe('entrusted enforcement through the API', () => {
  it(
    'refuses what may not be entrusted with each rule and basis, and ' + 'bad input naming the field, writing nothing',
    async () => {
      const draft = {
        orgId: 'gxq',
        powerIds: ['yjj-cf-001'],
        territory: '北碚高新区规划范围',
        termStart: today,
        termEnd: addDays(today, 200),
      };
      const before = await countRows();

      const compulsion = await call('yjj-officer1', 'POST', '/api/entrustments', {
        ...draft,
        powerIds: ['yjj-cf-001', 'yjj-qz-001', 'yjj-zx-001'],
      });
      expect(compulsion.status).toBe(422);
      expect(compulsion.headers.get('content-type')).toContain('application/problem+json');
      expect(compulsion.body.refusals.map((r: { rule: string; basis: string }) => [r.rule, r.basis])).toEqual([
        ['compulsory-measure-not-entrustable', '《行政强制法》第十七条'],
        ['compulsory-execution-not-entrustable', expect.stringContaining('第十六条')],
      ]);
      const licensing = await call('yjj-officer1', 'POST', '/api/entrustments', {
        ...draft,
        orgId: 'yjj-zfdd',
        powerIds: ['yjj-xk-001'],
      });
      expect(licensing.body.errors).toEqual([
        expect.objectContaining({
          field: 'body.powerIds',
          rule: 'licensing-only-to-administrative-organ',
          message: expect.stringContaining('《行政许可法》第二十四条'),
        }),
      ]);
      const noStaff = await call('yjj-officer1', 'POST', '/api/entrustments', { ...draft, orgId: 'jgz' });
      expect(noStaff.body.errors.map((e: { rule: string }) => e.rule)).toEqual([
        'no-credentialed-staff',
        'no-technical-capacity',
      ]);
      expect(noStaff.body.refusals[0].basis).toBe('《行政处罚法》第二十一条');

      const reversed = await call('yjj-officer1', 'POST', '/api/entrustments', {
        ...draft,
        termEnd: addDays(today, -1),
      });
      expect(reversed.status).toBe(400);
      expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'body.termEnd', rule: 'term-reversed' })]);
      const unknownPower = await call('yjj-officer1', 'POST', '/api/entrustments', {
        ...draft,
        powerIds: ['yjj-cf-001', 'yjj-cf-999'],
      });
      expect(unknownPower.status).toBe(422);
      expect(unknownPower.body.errors).toEqual([expect.objectContaining({ field: 'body.powerIds.1', rule: 'exists' })]);
      const unknownOrg = await call('yjj-officer1', 'POST', '/api/entrustments', { ...draft, orgId: 'nowhere' });
      expect(unknownOrg.body.errors).toEqual([expect.objectContaining({ field: 'body.orgId', rule: 'exists' })]);
      const notHeld = await call('yjj-officer1', 'POST', '/api/entrustments', { ...draft, powerIds: ['jtj-cf-001'] });
      expect(notHeld.body.errors).toEqual([expect.objectContaining({ field: 'body.powerIds.0', rule: 'not_held' })]);

      const notAgency = await call('sfj-head', 'POST', '/api/entrustments', draft);
      expect(notAgency.status).toBe(403);
      expect(await countRows()).toBe(before);
      const catalogue = await call('yjj-officer1', 'GET', '/api/power-catalogue?department=yjj');
      expect(catalogue.body.map((p: { type: string }) => p.type)).toEqual(
        expect.arrayContaining(['penalty', 'inspection', 'compulsory-measure', 'compulsory-execution', 'licensing']),
      );
      const listed = await call('yjj-officer1', 'GET', '/api/entrustments?agency=yjj');
      expect(listed.body.total).toBe(0);
    },
  );

  it(
    'reviews, approves, publishes and activates an entrustment; answers the authorisation query; revokes it ' +
      'mid-term',
    async () => {
      const termEnd = addDays(today, 200);
      const submitted = await call('yjj-officer1', 'POST', '/api/entrustments', {
        orgId: 'gxq',
        powerIds: ['yjj-cf-001', 'yjj-jc-001'],
        territory: '北碚高新区规划范围',
        termStart: today,
        termEnd,
      });
      expect(submitted.status).toBe(201);
      const { workflowId, draftNumber } = submitted.body;
      expect(draftNumber).toMatch(/^WT-yjj-\d{4}-\d{3}$/);

      await approveMyTask('sfj-reviewer1', workflowId, '委托范围合法，受委托组织符合《行政处罚法》第二十一条');
      await approveMyTask('yjj-head', workflowId, '同意委托');
      const active = await until(
        () => call('yjj-head', 'GET', `/api/entrustments/${draftNumber}`),
        (r) => r.body.status === 'active' && r.body.publications.length === 2,
        'active',
      );
      const letterNumber = active.body.letterNumber as string;
      // Numbered per agency and year; other test files may have issued letters before this one.
      expect(letterNumber).toMatch(new RegExp(`^北碚应急管理局委〔${draftNumber.slice(7, 11)}〕\\d+号$`));
      expect(active.body.letter).toMatchObject({ number: letterNumber, term: { start: today, end: termEnd } });
      const records = (await (
        await fetch(`${system.agencies.url}/__admin/records?agency=disclosure-portal`)
      ).json()) as {
        filings: Array<{ caseRef: string; body: { issuedBy: string } }>;
      };
      expect(
        records.filings
          .filter((f) => f.caseRef === draftNumber)
          .map((f) => f.body.issuedBy)
          .sort(),
      ).toEqual(['北碚高新区管委会', '区应急管理局'].sort());

      const allowed = await call(
        'gxq-head',
        'GET',
        `/api/entrustments/authorize?org=gxq&power=yjj-cf-001&date=${today}`,
      );
      expect(allowed.body).toMatchObject({
        allowed: true,
        actInNameOf: { agencyId: 'yjj', agencyName: '区应急管理局' },
        entrustment: { letterNumber },
      });
      const outside = await call(
        'gxq-head',
        'GET',
        `/api/entrustments/authorize?org=gxq&power=yjj-cf-001&date=${addDays(termEnd, 1)}`,
      );
      expect(outside.body).toMatchObject({ allowed: false, reason: 'expired' });
      const badQuery = await call('gxq-head', 'GET', `/api/entrustments/authorize?org=gxq&power=nothing&date=${today}`);
      expect(badQuery.status).toBe(422);
      expect(badQuery.body.errors[0]).toMatchObject({ field: 'query.power', rule: 'exists' });

      expect((await call('yjj-head', 'GET', '/api/entrustments?status=active&org=gxq')).body.total).toBe(1);
      expect((await call('yjj-head', 'GET', '/api/entrustments?expiringWithinDays=30')).body.total).toBe(0);
      expect(
        (await call('yjj-head', 'GET', '/api/entrustments?expiringWithinDays=250&agency=yjj')).body.items.map(
          (i: { letterNumber: string }) => i.letterNumber,
        ),
      ).toEqual([letterNumber]);
      const found = await until(
        async () => {
          const out: string[] = [];
          for await (const wf of system.temporal.workflow.list({
            query:
              `WorkflowKind = 'entrustment' AND CaseNumber = '${letterNumber}' AND DepartmentId = 'yjj' AND ` +
              `CaseStage = 'in-force'`,
          }))
            out.push(wf.workflowId);
          return out;
        },
        (ids) => ids.length === 1,
        'visibility',
      );
      expect(found).toEqual([workflowId]);

      // The park holds the power only by entrustment: it may not pass it on (行政处罚法 Art. 20).
      const reEntrust = await call('gxq-head', 'POST', '/api/entrustments', {
        orgId: 'yjj-zfdd',
        powerIds: ['yjj-cf-001'],
        territory: '北碚高新区',
        termStart: today,
        termEnd: addDays(today, 30),
      });
      expect(reEntrust.status).toBe(422);
      expect(reEntrust.body.refusals).toEqual([
        expect.objectContaining({ rule: 're-entrustment', basis: expect.stringContaining('《行政处罚法》第二十条') }),
      ]);

      const foreign = await call('jtj-head', 'POST', `/api/entrustments/${draftNumber}/changes`, {
        requestId: randomUUID(),
        kind: 'revoke',
        reason: '不是委托机关',
      });
      expect(foreign.status).toBe(403);
      const denials = (await system.database.db.execute(
        sql`select actor from audit_log where action = 'entrustment.change-revoke' and outcome = 'denied'`,
      )) as unknown as Array<{ actor: string }>;
      expect(denials.map((d) => d.actor)).toEqual(['jtj-head']);
      const revoke = await call('yjj-head', 'POST', `/api/entrustments/${draftNumber}/changes`, {
        requestId: randomUUID(),
        kind: 'revoke',
        reason: '园区执法力量调整',
      });
      expect(revoke.status).toBe(202);
      await approveMyTask('yjj-head', workflowId, '同意撤销');
      const revoked = await until(
        () => call('yjj-head', 'GET', `/api/entrustments/${draftNumber}`),
        (r) => r.body.status === 'revoked' && r.body.publications.length === 4,
        'revoked',
      );
      expect(revoked.body.revokedOn).toBe(today);
      const refused = await call(
        'gxq-head',
        'GET',
        `/api/entrustments/authorize?org=gxq&power=yjj-cf-001&date=${today}`,
      );
      expect(refused.body).toMatchObject({ allowed: false, reason: 'revoked', entrustment: { letterNumber } });
      const again = await call('yjj-head', 'POST', `/api/entrustments/${draftNumber}/changes`, {
        requestId: randomUUID(),
        kind: 'revoke',
        reason: '再次撤销',
      });
      expect(again.status).toBe(409);
    },
  );

  it('refuses to revoke a lapsed entrustment and changes nothing', async () => {
    // A register entry whose term ended last month, as its workflow left it.
    await system.database.db.insert(entrustments).values({
      workflowId: 'entrustment-WT-yjj-2020-001',
      draftNumber: 'WT-yjj-2020-001',
      letterNumber: '北碚应急管理局委〔2020〕1号',
      agencyId: 'yjj',
      agencyName: '区应急管理局',
      orgId: 'bwq',
      orgName: '北温泉街道',
      powerIds: ['yjj-cf-001'],
      powers: [],
      territory: '北温泉街道辖区',
      termStart: '2020-01-01',
      termEnd: addDays(today, -30),
      status: 'lapsed',
      revokedOn: null,
      suspensions: [],
      publications: [],
      updatedAt: new Date().toISOString(),
      version: 9,
    });
    const res = await call('yjj-head', 'POST', '/api/entrustments/WT-yjj-2020-001/changes', {
      requestId: randomUUID(),
      kind: 'revoke',
      reason: '补办撤销',
    });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('届满失效，不能撤销');
    const [row] = await system.database.db
      .select()
      .from(entrustments)
      .where(eq(entrustments.draftNumber, 'WT-yjj-2020-001'));
    expect(row).toMatchObject({ status: 'lapsed', revokedOn: null, version: 9 });
    expect((await call('yjj-head', 'GET', '/api/entrustments?status=lapsed')).body.total).toBe(1);
  });
});
