import { afterEach, describe, expect, it } from 'vitest';
import {
  courtApplication,
  criminalTransfer,
  startAgencies,
  startReceiver,
  waitUntil,
  type Agencies,
  type Receiver,
} from './harness';

// A receiver per test: a callback still in flight from an earlier test's simulator cannot reach this one.
let receiver: Receiver;
let agencies: Agencies | undefined;
afterEach(async () => {
  await agencies?.close();
  agencies = undefined;
  await receiver?.close();
});

async function start(options: Parameters<typeof startAgencies>[0] = {}) {
  receiver = await startReceiver();
  agencies = await startAgencies({ callbackBaseUrl: receiver.url, ...options });
  return agencies;
}

const key = (step: string) => ({ idempotencyKey: `北碚应急罚〔2026〕12号/${step}` });

describe('signed callbacks from the simulated agencies', () => {
  it('the court accepts, rules to enforce and executes, each callback signed and in order', async () => {
    const { gateway } = await start();
    const { receiptNo } = await gateway.court.fileEnforcementApplication({
      ...key('court-application'),
      ...courtApplication(),
    });

    const received = await receiver.waitFor(3);
    expect(received.map((r) => r.event.type)).toEqual(['court.accepted', 'court.ruling', 'court.executed']);
    expect(received.every((r) => r.agency === 'court' && r.check.ok)).toBe(true);
    expect(received.every((r) => r.eventId === r.event.eventId && r.event.caseRef === '北碚应急罚〔2026〕12号')).toBe(
      true,
    );
    expect(new Set(received.map((r) => r.eventId)).size).toBe(3);
    const [accepted, ruling, executed] = received.map((r) => r.event);
    expect(accepted!.data).toMatchObject({ receiptNo, courtCaseNo: expect.stringMatching(/^（\d{4}）渝0109行审1号$/) });
    expect(ruling!.data).toMatchObject({ receiptNo, ruling: 'enforce' });
    expect(executed!.data).toMatchObject({
      executionCaseNo: expect.stringMatching(/^（\d{4}）渝0109执1号$/),
      executedAmountFen: 2_600_000,
    });

    const status = await gateway.court.getStatus({ receiptNo });
    expect(status).toMatchObject({
      receiptNo,
      status: 'executed',
      ruling: 'enforce',
      courtCaseNo: (accepted!.data as { courtCaseNo: string }).courtCaseNo,
    });
  });

  it('a duplicate-callback fault delivers the same event id twice', async () => {
    const { gateway, admin } = await start();
    await admin('POST', '/faults', { agency: 'public-security', kind: 'duplicate-callback' });
    await gateway.publicSecurity.transferCriminalCase({ ...key('transfer'), ...criminalTransfer() });

    const received = await receiver.waitFor(2);
    expect(received.map((r) => r.event.type)).toEqual(['police.filed', 'police.filed']);
    expect(received[1]!.eventId).toBe(received[0]!.eventId);
    expect(received.every((r) => r.check.ok)).toBe(true);
  });

  it('an out-of-order fault takes the decisions on time but delivers them last-first', async () => {
    const { gateway, admin } = await start();
    await admin('POST', '/faults', { agency: 'court', kind: 'out-of-order-callbacks' });
    await gateway.court.fileEnforcementApplication({ ...key('court-application'), ...courtApplication() });

    const received = await receiver.waitFor(3);
    expect(received.map((r) => r.event.type)).toEqual(['court.executed', 'court.ruling', 'court.accepted']);
    const occurred = received.map((r) => Date.parse(r.event.occurredAt));
    expect(occurred[0]).toBeGreaterThanOrEqual(occurred[2]!);
  });

  it('keeps retrying while our API is down, re-signing each attempt', async () => {
    const { gateway, state } = await start();
    receiver.answerWith(503, 503);
    await gateway.disclosurePortal.publish({
      ...key('publish-decision'),
      caseRef: '北碚应急罚〔2026〕12号',
      title: '重庆某某化工有限公司行政处罚决定信息公开',
      category: 'penalty-decision',
      issuedBy: '重庆市北碚区应急管理局',
      content: '当事人违反《安全生产法》第四十一条，处罚款人民币贰万元。',
    });

    const [published] = await receiver.waitFor(1);
    expect(published!.event.type).toBe('disclosure.published');
    expect(published!.check.ok).toBe(true);
    // The receiver has the body before the simulator has the answer, so wait for the outcome.
    await waitUntil(() => state.callbacks[0]?.outcome === 'delivered');
    expect(state.callbacks[0]!.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
  });

  it('does not retry a callback our API refused (e.g. a bad signature)', async () => {
    const { gateway, state } = await start();
    receiver.answerWith(401);
    await gateway.publicSecurity.transferCriminalCase({ ...key('transfer'), ...criminalTransfer() });

    await waitUntil(() => state.callbacks[0]?.outcome === 'rejected');
    expect(state.callbacks[0]!.attempts).toHaveLength(1);
  });

  it('gives up after the configured attempts when our API stays unreachable', async () => {
    const { gateway, state } = await start({ callbackBaseUrl: 'http://127.0.0.1:9' });
    await gateway.publicSecurity.transferCriminalCase({ ...key('transfer'), ...criminalTransfer() });

    await waitUntil(() => state.callbacks[0]?.outcome === 'gave-up');
    expect(state.callbacks[0]!.attempts).toHaveLength(5);
    expect(state.callbacks[0]!.attempts[0]!.error).toContain('fetch failed');
  });

  it('the police refuse to file under a decision-stage fault, then file on reconsideration', async () => {
    const { gateway, admin } = await start();
    await admin('POST', '/faults', { agency: 'public-security', kind: 'refuse', stage: 'decision' });
    const { receiptNo } = await gateway.publicSecurity.transferCriminalCase({
      ...key('transfer'),
      ...criminalTransfer(),
    });

    const [refused] = await receiver.waitFor(1);
    expect(refused!.event).toMatchObject({
      type: 'police.refused',
      data: { receiptNo, decisionNo: expect.stringMatching(/^北公不立字〔\d{4}〕1号$/) },
    });
    expect(await gateway.publicSecurity.getDecision({ receiptNo })).toMatchObject({ status: 'refused' });

    await gateway.publicSecurity.requestReconsideration({
      ...key('reconsideration'),
      caseRef: '北碚应急罚〔2026〕12号',
      receiptNo,
      reasons: '现场勘验笔录证明存在违章动火作业',
    });
    const [, answered] = await receiver.waitFor(2);
    expect(answered!.event).toMatchObject({
      type: 'police.reconsideration-answered',
      data: { receiptNo, outcome: 'filed' },
    });
    expect(await gateway.publicSecurity.getDecision({ receiptNo })).toMatchObject({ status: 'filed' });
  });

  it('follows the statutory periods when asked: acceptance on day 5, ruling 7 days later', async () => {
    const dayMs = 20;
    const { gateway } = await start({ statutoryMode: true, dayMs, defaultDelayMs: 0 });
    const filedAt = Date.now();
    await gateway.court.fileEnforcementApplication({ ...key('court-application'), ...courtApplication() });

    const received = await receiver.waitFor(2);
    const at = (i: number) => Date.parse(received[i]!.event.occurredAt) - filedAt;
    expect(at(0)).toBeGreaterThanOrEqual(5 * dayMs - 5);
    expect(at(1) - at(0)).toBeGreaterThanOrEqual(7 * dayMs - 5);
  });
});

describe('callbacks on demand (POST /__admin/callbacks)', () => {
  it('lets a test drive a refusal ruling on a court that does not answer by itself', async () => {
    const { gateway, admin } = await start({ manual: ['court'] });
    const { receiptNo } = await gateway.court.fileEnforcementApplication({
      ...key('court-application'),
      ...courtApplication(),
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(0);

    const caseRef = '北碚应急罚〔2026〕12号';
    const courtCaseNo = '（2026）渝0109行审88号';
    const accepted = await admin('POST', '/callbacks', {
      agency: 'court',
      type: 'court.accepted',
      caseRef,
      data: { receiptNo, courtCaseNo },
      wait: true,
    });
    expect(accepted.status).toBe(200);
    const ruling = await admin('POST', '/callbacks', {
      agency: 'court',
      type: 'court.ruling',
      caseRef,
      eventId: 'court-ruling-1',
      data: { receiptNo, courtCaseNo, ruling: 'refuse', reason: '被执行人已申请行政复议' },
      wait: true,
    });
    expect(ruling.body.deliveries).toMatchObject([{ eventId: 'court-ruling-1', outcome: 'delivered' }]);

    expect(receiver.received.map((r) => [r.event.type, r.check.ok])).toEqual([
      ['court.accepted', true],
      ['court.ruling', true],
    ]);
    expect(await gateway.court.getStatus({ receiptNo })).toMatchObject({
      status: 'ruled',
      ruling: 'refuse',
      courtCaseNo,
    });
  });

  it('sends a payment notice from the payment channel', async () => {
    const { admin } = await start();
    const paid = { amountFen: 2_000_000, paidAt: '2026-01-18T09:30:00+08:00', paymentRef: 'FS5001092026000123' };
    const res = await admin('POST', '/callbacks', {
      agency: 'payment',
      type: 'payment.received',
      caseRef: '北碚应急罚〔2026〕12号',
      data: paid,
    });
    expect(res.status).toBe(202);

    const [payment] = await receiver.waitFor(1);
    expect(payment).toMatchObject({
      agency: 'payment',
      eventId: res.body.eventId,
      check: { ok: true },
      event: { type: 'payment.received', data: paid },
    });
  });

  it('refuses a malformed event with 400 naming the field', async () => {
    const { admin } = await start();
    const bad = await admin('POST', '/callbacks', {
      agency: 'court',
      type: 'court.ruling',
      caseRef: 'c',
      data: { receiptNo: 'r', courtCaseNo: 'n', ruling: 'maybe' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toMatchObject([{ field: 'data.ruling' }]);

    const wrongAgency = await admin('POST', '/callbacks', {
      agency: 'court',
      type: 'police.filed',
      caseRef: 'c',
      data: { receiptNo: 'r', decisionNo: 'd' },
    });
    expect(wrongAgency.status).toBe(400);
    expect(wrongAgency.body.errors).toMatchObject([
      { field: 'type', message: '北碚区人民法院不发送「police.filed」回调' },
    ]);
  });

  it('reset forgets records and cancels answers still scheduled', async () => {
    const { gateway, admin, state } = await start({ defaultDelayMs: 200 });
    await gateway.court.fileEnforcementApplication({ ...key('court-application'), ...courtApplication() });
    expect((await admin('POST', '/reset')).status).toBe(204);

    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(0);
    expect(state.filings).toHaveLength(0);
    expect((await admin('GET', '/health')).body).toMatchObject({ status: 'ok', pendingCallbacks: 0 });
    const again = await gateway.court.fileEnforcementApplication({
      ...key('court-application'),
      ...courtApplication(),
    });
    expect(again.receiptNo).toMatch(/〕1号$/);
  });
});
