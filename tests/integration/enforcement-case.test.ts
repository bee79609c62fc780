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

const FINE = 500_000;
const today = () => todayInShanghai(Date.now());

const startBody = (decisionNumber: string, overrides: Record<string, unknown> = {}) => ({
  decisionNumber,
  decidedOn: addDays(today(), -201),
  party: { name: '重庆某某机械制造有限公司', unifiedSocialCreditCode: '91500109MA5U654321' },
  fineFen: FINE,
  servedOn: addDays(today(), -200),
  serviceMethod: 'direct',
  departmentId: 'yjj',
  facts: '未按规定开展安全生产教育和培训',
  reasons: '违反《安全生产法》第二十八条',
  legalBasisText: '《安全生产法》第九十七条',
  ...overrides,
});

const path = (n: string) => `/api/enforcement-cases/${encodeURIComponent(n)}`;

/** The simulated court posts a signed callback to our API and reports how it was answered. */
async function courtSays(type: string, caseRef: string, data: Record<string, unknown>, eventId = randomUUID()) {
  const res = await fetch(`${system.agencies.url}/__admin/callbacks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agency: 'court', type, caseRef, data, eventId, wait: true }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { deliveries: Array<{ outcome: string; attempts: Array<{ status?: number }> }> };
  return { eventId, delivery: body.deliveries[0]!, status: body.deliveries[0]!.attempts.at(-1)?.status };
}

describe('enforcement cases through the API, with the simulated court', () => {
  it('refuses a future service date, a negative fine, an unknown or another department, starting nothing', async () => {
    const token = await system.login('yjj-officer1');
    const n = `北碚应急罚〔2026〕${randomUUID().slice(0, 6)}号`;
    const future = await system.http('POST', '/api/enforcement-cases', {
      token,
      body: startBody(n, { servedOn: addDays(today(), 3), decidedOn: today() }),
    });
    expect(future.status).toBe(422);
    expect(future.body.errors[0]).toMatchObject({ field: 'body.servedOn', rule: 'not_future' });
    const negative = await system.http('POST', '/api/enforcement-cases', {
      token,
      body: startBody(n, { fineFen: -100 }),
    });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0]).toMatchObject({ field: 'body.fineFen', message: '罚款金额不能为负数' });
    const unknown = await system.http('POST', '/api/enforcement-cases', {
      token,
      body: startBody(n, { departmentId: 'no-such-dept' }),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'body.departmentId', rule: 'exists' });
    const other = await system.http('POST', '/api/enforcement-cases', {
      token: await system.login('jxw-officer1'),
      body: startBody(n),
    });
    expect(other.status).toBe(403);
    expect((await system.http('GET', path(n), { token })).status).toBe(404);
  });

  it(
    'unpaid case: head approves in the inbox, filed once with the court, accepted (duplicate callback ignored), ' +
      'wrong-stage callback 409, enforced and closed',
    async () => {
      const officer = await system.login('yjj-officer1');
      const head = await system.login('yjj-head');
      const n = `北碚应急罚〔2026〕${randomUUID().slice(0, 6)}号`;
      const demandServedOn = addDays(today(), -30);
      const started = await system.http('POST', '/api/enforcement-cases', {
        token: officer,
        body: startBody(n, { demandServed: { servedOn: demandServedOn, method: 'direct' } }),
      });
      expect(started.status).toBe(201);
      expect((await system.http('POST', '/api/enforcement-cases', { token: officer, body: startBody(n) })).status).toBe(
        409,
      );

      // Found by its case number through the search attributes.
      const listed = await until(async () => {
        for await (const wf of system.temporal.workflow.list({ query: `CaseNumber="${n}"` })) return wf;
        return undefined;
      }, 'workflow listed by CaseNumber');
      expect(listed.workflowId).toBe(started.body.workflowId);

      const task = await until(async () => {
        const res = await system.http('GET', '/api/tasks?view=mine', { token: head });
        return (
          res.body.items as Array<{ id: string; workflowId: string; stepName: string; legalBasis: string | null }>
        ).find((t) => t.workflowId === started.body.workflowId);
      }, 'head approval task');
      expect(task.legalBasis).toBe('《行政强制法》第五十五条');
      const before = await system.http('GET', path(n), { token: officer });
      expect(before.body.stage).toBe('application-approval');
      // 200 days after service the surcharge equals the fine (行政处罚法 Art. 72), shown at request time.
      expect(before.body.balance).toMatchObject({
        fineFen: FINE,
        surchargeFen: FINE,
        totalDueFen: 2 * FINE,
        capped: true,
      });
      expect(
        (
          await system.http('POST', `/api/tasks/${task.id}/actions`, {
            token: head,
            body: { action: 'approve', requestId: randomUUID(), comment: '同意申请强制执行' },
          })
        ).status,
      ).toBe(200);

      const filed = await until(async () => {
        const res = await system.http('GET', path(n), { token: officer });
        return res.body.stage === 'court-acceptance' ? res.body : undefined;
      }, 'filed with the court');
      const receiptNo = filed.case.court.receiptNo as string;
      const deadlines: Record<string, any> = Object.fromEntries(
        (filed.deadlines as Array<{ key: string }>).map((d) => [d.key, d]),
      );
      expect(deadlines['court-acceptance']).toMatchObject({
        owedBy: '法院',
        basisId: 'enforcement.court-acceptance',
        status: 'pending',
        met: null,
        overdue: false,
      });
      expect(deadlines['court-application']).toMatchObject({ owedBy: '本机关', status: 'met', met: true });
      expect(deadlines.payment).toMatchObject({ owedBy: '当事人', status: 'missed', met: false });
      const dueDay = await system.http(
        'GET',
        `/api/calendar/deadline?from=${filed.case.court.filedOn}&basis=enforcement.court-acceptance`,
        { token: officer },
      );
      expect(deadlines['court-acceptance'].dueDate).toBe(dueDay.body.due);

      const tracker = await system.http('GET', '/api/court-tracker', { token: officer });
      const row = (tracker.body as Array<{ caseNumber: string }>).find((r) => r.caseNumber === n) as Record<
        string,
        any
      >;
      expect(row).toMatchObject({
        stage: 'court-acceptance',
        overdueCourtReply: false,
        courtOwes: { what: '法院决定是否受理', owedBy: '法院', dueDate: dueDay.body.due },
      });
      expect(row.courtOwes.workingDaysLeft).toBeGreaterThanOrEqual(4);

      // A ruling before acceptance: the API answers the court 409 and the case is unchanged.
      const early = await courtSays('court.ruling', n, {
        receiptNo,
        courtCaseNo: '（2026）渝0109行审9号',
        ruling: 'enforce',
      });
      expect(early.status).toBe(409);
      expect((await system.http('GET', path(n), { token: officer })).body.stage).toBe('court-acceptance');

      const accepted = await courtSays('court.accepted', n, { receiptNo, courtCaseNo: '（2026）渝0109行审9号' });
      expect(accepted.status).toBe(200);
      const ruling = await until(async () => {
        const res = await system.http('GET', path(n), { token: officer });
        return res.body.stage === 'court-ruling' ? res.body : undefined;
      }, 'awaiting ruling');
      const again = await courtSays(
        'court.accepted',
        n,
        { receiptNo, courtCaseNo: '（2026）渝0109行审9号' },
        accepted.eventId,
      );
      expect(again.status).toBe(200);
      const after = await system.http('GET', path(n), { token: officer });
      expect(
        after.body.timeline.filter((e: { action: string }) => e.action === 'enforcement.court-accepted'),
      ).toHaveLength(1);
      expect(after.body.deadlines).toEqual(ruling.deadlines);

      await courtSays('court.ruling', n, { receiptNo, courtCaseNo: '（2026）渝0109行审9号', ruling: 'enforce' });
      await until(
        async () =>
          (await system.http('GET', path(n), { token: officer })).body.stage === 'court-execution' ? true : undefined,
        'execution',
      );
      await courtSays('court.executed', n, {
        receiptNo,
        courtCaseNo: '（2026）渝0109行审9号',
        executionCaseNo: '（2026）渝0109执9号',
        executedAmountFen: 2 * FINE,
      });
      const closed = await until(async () => {
        const res = await system.http('GET', path(n), { token: officer });
        return res.body.status === 'closed' ? res.body : undefined;
      }, 'closed');
      expect(closed).toMatchObject({ outcome: 'enforced', stage: 'closed' });

      const records = (await (await fetch(`${system.agencies.url}/__admin/records?agency=court`)).json()) as {
        filings: Array<{ caseRef: string; body: Record<string, unknown> }>;
      };
      const filings = records.filings.filter((f) => f.caseRef === n);
      expect(filings).toHaveLength(1);
      expect(filings[0]!.body).toMatchObject({
        penaltyDecisionNo: n,
        fineFen: FINE,
        surchargeFen: FINE,
        demandServedOn,
        agencyHead: '王德明',
        applicantAgency: expect.any(String),
      });

      // A payment recorded for a closed case is refused and audited.
      const late = await system.http('POST', `${path(n)}/actions`, {
        token: officer,
        body: { action: 'record-payment', requestId: randomUUID(), amountFen: 100, paidOn: today() },
      });
      expect(late.status).toBe(409);
      const list = await system.http('GET', '/api/enforcement-cases?status=closed', { token: officer });
      expect((list.body.items as Array<{ caseNumber: string }>).some((i) => i.caseNumber === n)).toBe(true);
    },
  );

  it('a payment on time closes the case; an officer of another department may not act on it', async () => {
    const officer = await system.login('yjj-officer1');
    const n = `北碚应急罚〔2026〕${randomUUID().slice(0, 6)}号`;
    const started = await system.http('POST', '/api/enforcement-cases', {
      token: officer,
      body: startBody(n, { servedOn: today(), decidedOn: today() }),
    });
    expect(started.status).toBe(201);
    const open = await until(async () => {
      const res = await system.http('GET', path(n), { token: officer });
      return res.status === 200 ? res.body : undefined;
    }, 'case visible');
    expect(open.stage).toBe('payment');
    const outsider = await system.http('POST', `${path(n)}/actions`, {
      token: await system.login('jxw-officer1'),
      body: { action: 'record-payment', requestId: randomUUID(), amountFen: FINE, paidOn: today() },
    });
    expect(outsider.status).toBe(403);
    const future = await system.http('POST', `${path(n)}/actions`, {
      token: officer,
      body: { action: 'record-payment', requestId: randomUUID(), amountFen: FINE, paidOn: addDays(today(), 1) },
    });
    expect(future.status).toBe(422);
    const paid = await system.http('POST', `${path(n)}/actions`, {
      token: officer,
      body: {
        action: 'record-payment',
        requestId: randomUUID(),
        amountFen: FINE,
        paidOn: today(),
        reference: '缴款书 0001',
      },
    });
    expect(paid.status).toBe(200);
    const closed = await until(async () => {
      const res = await system.http('GET', path(n), { token: officer });
      return res.body.status === 'closed' ? res.body : undefined;
    }, 'closed');
    expect(closed.outcome).toBe('paid');
    expect(closed.deadlines.find((d: { key: string }) => d.key === 'payment')).toMatchObject({
      status: 'met',
      met: true,
    });

    // Re-entering the closed case's number is refused with a reason; no second case starts behind it.
    const again = await system.http('POST', '/api/enforcement-cases', {
      token: officer,
      body: startBody(n, {
        servedOn: today(),
        decidedOn: today(),
        party: { name: '重复录入测试', unifiedSocialCreditCode: '91500109MA5U654321' },
      }),
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('已办结');
    const still = await system.http('GET', path(n), { token: officer });
    expect(still.body).toMatchObject({ status: 'closed', outcome: 'paid' });
  });
});
