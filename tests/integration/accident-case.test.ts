import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system';
import { checkResponsesOf } from '../support/response-conformance';

let system: RunningSystem;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  system = await startSystem();
  checkResponsesOf(system); // every answer must match the OpenAPI document
  for (const id of ['yjj-officer1', 'yjj-head', 'gov-leader', 'sfj-reviewer1', 'jxw-head', 'jtj-officer1'])
    tokens[id] = await system.login(id);
});
afterAll(async () => {
  await system?.stop();
});

const YUAN = 100;
const shanghai = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00');

function registration(caseNumber: string, overrides: Record<string, unknown> = {}) {
  return {
    caseNumber,
    occurredAt: shanghai(Date.now() - 3 * 3600_000),
    reportedAt: shanghai(Date.now() - 2.5 * 3600_000),
    place: '北碚区蔡家岗街道同兴北路 88 号',
    enterprise: { name: '重庆某某建材有限公司', unifiedSocialCreditCode: '91500109MA5U654321' },
    industry: '建材',
    deaths: 1,
    seriousInjuries: 0,
    directLossFen: 2_000_000 * YUAN,
    supervisoryDepartmentIds: ['jxw'],
    ...overrides,
  };
}

const act = (userId: string, caseNumber: string, body: Record<string, unknown>) =>
  system.http('POST', `/api/accidents/${encodeURIComponent(caseNumber)}/actions`, {
    token: tokens[userId],
    body: { requestId: randomUUID(), ...body },
  });

async function until<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never: ${what}`);
}

const detailOf = async (caseNumber: string) =>
  (await system.http('GET', `/api/accidents/${encodeURIComponent(caseNumber)}`, { token: tokens['yjj-officer1'] }))
    .body;
const atStage = (caseNumber: string, stage: string) =>
  until(`stage ${stage}`, async () => {
    const d = await detailOf(caseNumber);
    return d?.case?.stage === stage ? d : undefined;
  });

async function approveFromInbox(userId: string, caseNumber: string, comment: string) {
  const task = await until(`task for ${userId}`, async () => {
    const res = await system.http('GET', '/api/tasks?view=mine', { token: tokens[userId] });
    return (res.body.items as Array<{ id: string; caseId: string }>).find((t) => t.caseId === caseNumber);
  });
  const res = await system.http('POST', `/api/tasks/${task.id}/actions`, {
    token: tokens[userId],
    body: { action: 'approve', requestId: randomUUID(), comment },
  });
  expect(res.status).toBe(200);
}

async function portalFilings(caseNumber: string) {
  const res = await fetch(`${system.agencies.url}/__admin/records?agency=disclosure-portal`);
  const records = (await res.json()) as {
    filings: Array<{ caseRef: string; idempotencyKey: string; body: Record<string, string> }>;
  };
  return records.filings.filter((f) => f.caseRef === caseNumber);
}

describe('accident case over HTTP, through the simulated disclosure portal', () => {
  it('refuses bad registrations with the field and rule named, writing nothing', async () => {
    const caseNumber = `SG-${randomUUID().slice(0, 8)}`;
    const negative = await system.http('POST', '/api/accidents', {
      token: tokens['yjj-officer1'],
      body: registration(caseNumber, { deaths: -1, directLossFen: -5 }),
    });
    expect(negative.status).toBe(400);
    expect(negative.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['body.deaths', 'body.directLossFen']),
    );
    const future = await system.http('POST', '/api/accidents', {
      token: tokens['yjj-officer1'],
      body: registration(caseNumber, { occurredAt: shanghai(Date.now() + 86_400_000), reportedAt: undefined }),
    });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'body.occurredAt', rule: 'not_in_future' })]);
    const notSupervisory = await system.http('POST', '/api/accidents', {
      token: tokens['yjj-officer1'],
      body: registration(caseNumber, { supervisoryDepartmentIds: ['gov'] }),
    });
    expect(notSupervisory.status).toBe(422);
    expect((await system.http('GET', `/api/accidents/${caseNumber}`, { token: tokens['yjj-officer1'] })).status).toBe(
      404,
    );
    const unauthenticated = await system.http('POST', '/api/accidents', { body: registration(caseNumber) });
    expect(unauthenticated.status).toBe(401);
  });

  it(
    'registers, investigates, approves, publishes once on the portal, lists it publicly without login, and ' +
      'closes after the evaluation',
    async () => {
      const caseNumber = `SG-${randomUUID().slice(0, 8)}`;
      const created = await system.http('POST', '/api/accidents', {
        token: tokens['yjj-officer1'],
        body: registration(caseNumber),
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ level: 'general', levelName: '一般事故' });
      const registered = await until('investigation deadline', async () => {
        const d = await detailOf(caseNumber);
        return d?.deadlines?.some((x: { key: string }) => x.key === 'investigation-report') ? d : undefined;
      });
      expect(registered.case.stage).toBe('investigation');
      expect(registered.deadlines.map((d: { key: string }) => d.key)).toEqual(
        expect.arrayContaining(['unit-report', 'district-report', 'investigation-report']),
      );
      expect(registered.deadlines.find((d: { key: string }) => d.key === 'unit-report').status).toBe('met');

      // Publishing before the 批复 is refused, audited, and changes nothing.
      const early = await act('yjj-officer1', caseNumber, { action: 'publish' });
      expect(early.status).toBe(409);
      expect(early.body.detail).toContain('批复');
      const outsider = await act('jtj-officer1', caseNumber, {
        action: 'form-team',
        leader: '林峰',
        members: [{ departmentId: 'jtj', name: '高洁' }],
      });
      expect(outsider.status).toBe(403);
      const badFigures = await act('yjj-officer1', caseNumber, {
        action: 'casualty-change',
        deaths: 1,
        seriousInjuries: -2,
        directLossFen: 0,
      });
      expect(badFigures.status).toBe(400);
      expect(badFigures.body.errors[0].field).toBe('body.seriousInjuries');

      expect(
        (
          await act('yjj-head', caseNumber, {
            action: 'form-team',
            leader: '王德明',
            members: [
              { departmentId: 'yjj', name: '李强' },
              { departmentId: 'jxw', name: '徐涛' },
            ],
          })
        ).status,
      ).toBe(200);
      const submitted = await act('yjj-officer1', caseNumber, {
        action: 'submit-report',
        document: { documentNo: '北碚安委〔2026〕21号', title: '重庆某某建材有限公司“高处坠落”事故调查报告' },
        handling: {
          penalties: [{ party: '重庆某某建材有限公司', measure: '罚款', fineFen: 250_000 * YUAN }],
          responsibleUnits: [{ name: '重庆某某建材有限公司' }],
        },
      });
      expect(submitted.status).toBe(200);
      await approveFromInbox('gov-leader', caseNumber, '同意');
      await approveFromInbox('sfj-reviewer1', caseNumber, '删除：死者身份证号码及家属联系方式');
      await atStage(caseNumber, 'awaiting-publication');
      expect(
        (await act('yjj-officer1', caseNumber, { action: 'publish', note: '按保密审查意见处理后公开' })).status,
      ).toBe(200);
      const published = await atStage(caseNumber, 'follow-up');
      expect(published.case.summary.penalties).toEqual([expect.objectContaining({ fineFen: 250_000 * YUAN })]);
      expect(published.deadlines.find((d: { key: string }) => d.key === 'publication').status).toBe('met');

      const filings = await portalFilings(caseNumber);
      expect(filings).toHaveLength(1);
      expect(filings[0]!.body).toMatchObject({
        category: 'accident-report',
        title: expect.stringContaining('北碚安委〔2026〕21号'),
      });

      const listed = await system.http('GET', '/api/public/accident-reports');
      expect(listed.status).toBe(200);
      const mine = listed.body.find((r: { caseNumber: string }) => r.caseNumber === caseNumber);
      expect(mine).toMatchObject({
        approvedOn: published.case.summary.approvedOn,
        levelName: '一般事故',
        documentUrl: expect.stringMatching(/^https:\/\//),
      });
      expect(Date.parse(mine.publishedAt)).toBeGreaterThan(Date.parse(published.case.openedAt));

      expect((await act('jxw-head', caseNumber, { action: 'copy-receipt', departmentId: 'jxw' })).status).toBe(200);
      expect(
        (
          await act('yjj-head', caseNumber, {
            action: 'submit-evaluation',
            document: { documentNo: '北碚安委〔2026〕30号', title: '整改评估报告' },
            conclusion: '整改措施已全部落实',
          })
        ).status,
      ).toBe(200);
      const closed = await atStage(caseNumber, 'closed');
      expect(closed.case).toMatchObject({ status: 'closed', outcome: 'evaluated' });
      expect(closed.deadlines.find((d: { key: string }) => d.key === 'copy:jxw').status).toBe('met');

      // A report for a closed case is refused; the portal still holds the report exactly once (plus the evaluation).
      const late = await act('yjj-officer1', caseNumber, {
        action: 'submit-report',
        document: { documentNo: 'X', title: '补充报告' },
      });
      expect(late.status).toBe(409);
      const after = await portalFilings(caseNumber);
      expect(after.filter((f) => f.idempotencyKey === `${caseNumber}:publication`)).toHaveLength(1);
      expect(after).toHaveLength(2);
      const relisted = await system.http('GET', '/api/public/accident-reports');
      expect(relisted.body.find((r: { caseNumber: string }) => r.caseNumber === caseNumber).evaluationUrl).toMatch(
        /^https:\/\//,
      );
    },
  );
});
