import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '../../domain/dates';
import { startSystem, type RunningSystem } from '../support/system';
import { checkResponsesOf } from '../support/response-conformance';
import { until } from '../support/poll';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
  checkResponsesOf(system); // every answer must match the OpenAPI document
});
afterAll(async () => {
  await system?.stop();
});

/** Approves the user's open task on the workflow through the inbox. */
async function approveInInbox(userId: string, workflowId: string) {
  const token = await system.login(userId);
  const task = await until(async () => {
    const res = await system.http('GET', '/api/tasks?view=mine', { token });
    return (res.body.items as Array<{ id: string; workflowId: string; status: string }>).find(
      (t) => t.workflowId === workflowId && t.status === 'open',
    );
  }, `${userId} task`);
  const res = await system.http('POST', `/api/tasks/${task.id}/actions`, {
    token,
    body: { action: 'approve', requestId: randomUUID(), comment: '同意' },
  });
  expect(res.status).toBe(200);
}

const validBody = (caseNumber: string, startsOn: string, endsOn: string) => ({
  caseNumber,
  enterprise: { name: '重庆北碚某建材有限公司', unifiedSocialCreditCode: '91500109MA60ABCD1X' },
  reason: '瞒报生产安全事故',
  decisionNo: `北碚安委黑〔2026〕${caseNumber}号`,
  restriction: { startsOn, endsOn },
  restrictions: ['financing', 'procurement'],
});

describe('blacklist and the public violations query', () => {
  it('answers the public query without a token, and names the field on a bad query', async () => {
    const res = await system.http('GET', `/api/public/violations?q=${encodeURIComponent('不存在的企业')}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ query: '不存在的企业', blacklist: [] });
    const short = await system.http('GET', '/api/public/violations?q=a');
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('query.q');
  });

  it('refuses a restriction ending before it starts, naming the field, and starts nothing', async () => {
    const token = await system.login('yjj-officer1');
    const caseNumber = `HMD-${randomUUID().slice(0, 6)}`;
    const res = await system.http('POST', '/api/blacklist', {
      token,
      body: validBody(caseNumber, '2026-12-10', '2026-12-01'),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'body.restriction.endsOn', message: '限制期结束日期不得早于开始日期' }),
    ]);
    const missing = await system.http('GET', `/api/blacklist/${caseNumber}`, { token });
    expect(missing.status).toBe(404);
    const bad = await system.http('POST', '/api/blacklist', {
      token,
      body: {
        ...validBody(caseNumber, '2026-12-01', '2026-12-10'),
        enterprise: { name: '某企业', unifiedSocialCreditCode: 'ABC' },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.enterprise.unifiedSocialCreditCode');
  });

  it(
    'lists an enterprise after the department head and the 安委办 approve, and the public finds it by name and by ' +
      'credit code',
    async () => {
      const officer = await system.login('yjj-officer1');
      const caseNumber = `HMD-${randomUUID().slice(0, 6)}`;
      const today = todayInShanghai(Date.now());
      const endsOn = addDays(today, 365);
      const started = await system.http('POST', '/api/blacklist', {
        token: officer,
        body: validBody(caseNumber, today, endsOn),
      });
      expect(started.status).toBe(201);
      const again = await system.http('POST', '/api/blacklist', {
        token: officer,
        body: validBody(caseNumber, today, endsOn),
      });
      expect(again.status).toBe(409);

      await approveInInbox('yjj-head', started.body.workflowId);
      await approveInInbox('aqb-head', started.body.workflowId);

      const found = await until(async () => {
        const res = await system.http('GET', `/api/public/violations?q=${encodeURIComponent('北碚某建材')}`);
        return res.body.blacklist.find(
          (e: { decisionNo: string }) => e.decisionNo === `北碚安委黑〔2026〕${caseNumber}号`,
        );
      }, 'public entry');
      expect(found).toMatchObject({
        enterpriseName: '重庆北碚某建材有限公司',
        status: 'listed',
        statusLabel: '公示中',
        listedOn: today,
        startsOn: today,
        endsOn,
        restrictions: ['融资授信', '政府采购'],
      });
      const byCode = await system.http('GET', '/api/public/violations?q=91500109ma60abcd1x');
      expect(byCode.body.blacklist.map((e: { decisionNo: string }) => e.decisionNo)).toContain(
        `北碚安委黑〔2026〕${caseNumber}号`,
      );
      const entry = system.agencies.simulator.state.filings.find(
        (f) => f.agency === 'credit-publicity' && f.caseRef === caseNumber,
      );
      expect(entry?.body).toMatchObject({
        listedOn: today,
        expiresOn: endsOn,
        enterprise: { unifiedSocialCreditCode: '91500109MA60ABCD1X' },
      });

      const detail = await system.http('GET', `/api/blacklist/${caseNumber}`, { token: officer });
      expect(detail.status).toBe(200);
      expect(detail.body.entry).toMatchObject({ status: 'listed', entryNo: entry!.receiptNo });
      expect(detail.body.deadlines).toEqual([
        expect.objectContaining({ key: 'restriction-end', dueDate: endsOn, status: 'pending' }),
      ]);

      // Another department can neither read nor act on the case; a removal without a reason is refused.
      const outsider = await system.login('jxw-head');
      expect(
        (
          await system.http('POST', `/api/blacklist/${caseNumber}/removal-requests`, {
            token: outsider,
            body: { reason: '已整改' },
          })
        ).status,
      ).toBe(403);
      const noReason = await system.http('POST', `/api/blacklist/${caseNumber}/removal-requests`, {
        token: officer,
        body: { reason: ' ' },
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0].field).toBe('body.reason');
      const removal = await system.http('POST', `/api/blacklist/${caseNumber}/removal-requests`, {
        token: officer,
        body: { reason: '企业已完成整改' },
      });
      expect(removal.status).toBe(200);
      const twice = await system.http('POST', `/api/blacklist/${caseNumber}/removal-requests`, {
        token: officer,
        body: { reason: '再次申请' },
      });
      expect(twice.status).toBe(409);
    },
  );
});
