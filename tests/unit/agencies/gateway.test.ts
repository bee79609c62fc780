import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAgencyGateway, AgencyRejectedError, AgencyUnavailableError } from '../../../agencies/gateway';
import { gatewayConfigUnder } from '../../../agencies/config';
import { agencyIds } from '../../../agencies/types';
import { courtApplication, criminalTransfer, startAgencies, type Agencies } from './harness';

// Callbacks are not under test here: every agency is driven by hand, so none are sent.
let agencies: Agencies;
beforeAll(async () => {
  agencies = await startAgencies({ manual: agencyIds }, 300);
});
afterEach(async () => {
  await agencies.admin('POST', '/reset');
});
afterAll(async () => {
  await agencies.close();
});

describe('agency gateway against the simulator', () => {
  it('files an enforcement application once although the activity tried three times', async () => {
    const application = { idempotencyKey: '北碚应急罚〔2026〕12号/court-application', ...courtApplication() };
    const receipts = [
      await agencies.gateway.court.fileEnforcementApplication(application),
      await agencies.gateway.court.fileEnforcementApplication(application),
      await agencies.gateway.court.fileEnforcementApplication(application),
    ];

    expect(receipts[0]!.receiptNo).toMatch(/^渝0109法收〔\d{4}〕1号$/);
    expect(receipts[1]).toEqual(receipts[0]);
    expect(receipts[2]).toEqual(receipts[0]);
    const { body } = await agencies.admin('GET', '/records?agency=court');
    expect(body.filings).toHaveLength(1);
    expect(body.filings[0]).toMatchObject({
      caseRef: '北碚应急罚〔2026〕12号',
      receiptNo: receipts[0]!.receiptNo,
      idempotencyKey: '北碚应急罚〔2026〕12号/court-application',
    });
    expect(body.requests.map((r: { status: number; replayed?: boolean }) => [r.status, r.replayed ?? false])).toEqual([
      [201, false],
      [201, true],
      [201, true],
    ]);
  });

  it('refuses the same idempotency key with a different application (422)', async () => {
    const key = '北碚应急罚〔2026〕13号/court-application';
    await agencies.gateway.court.fileEnforcementApplication({
      idempotencyKey: key,
      ...courtApplication('北碚应急罚〔2026〕13号'),
    });
    const changed = { idempotencyKey: key, ...courtApplication('北碚应急罚〔2026〕13号'), fineFen: 3_000_000 };

    const error = await agencies.gateway.court.fileEnforcementApplication(changed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgencyRejectedError);
    expect(error).toMatchObject({
      status: 422,
      retryable: false,
      problem: { title: '同一幂等键已用于内容不同的请求' },
    });
    expect(agencies.state.filings).toHaveLength(1);
  });

  it('surfaces a 5xx as a retryable AgencyUnavailableError, and the retry then files', async () => {
    await agencies.admin('POST', '/faults', { agency: 'public-security', kind: '5xx' });
    const transfer = { idempotencyKey: 'case-7/transfer', ...criminalTransfer() };

    const error = await agencies.gateway.publicSecurity.transferCriminalCase(transfer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgencyUnavailableError);
    expect(error).toMatchObject({ agency: 'public-security', reason: 'server-error', status: 503, retryable: true });
    expect(agencies.state.filings).toHaveLength(0);

    const receipt = await agencies.gateway.publicSecurity.transferCriminalCase(transfer);
    expect(receipt.receiptNo).toMatch(/^北公移受〔\d{4}〕1号$/);
    expect(agencies.state.filings).toHaveLength(1);
  });

  it('surfaces a refused filing as a non-retryable AgencyRejectedError with the 4xx status', async () => {
    await agencies.admin('POST', '/faults', { agency: 'court', kind: 'refuse' });

    const error = await agencies.gateway.court
      .fileEnforcementApplication({ idempotencyKey: 'case-8/court-application', ...courtApplication() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgencyRejectedError);
    expect(error).toMatchObject({
      agency: 'court',
      status: 422,
      retryable: false,
      problem: { title: '北碚区人民法院不予受理' },
    });
    expect((error as Error).message).toContain('北碚区人民法院拒绝了请求（HTTP 422）');
    expect(agencies.state.filings).toHaveLength(0);
  });

  it('aborts at the client timeout when the agency hangs; the retry gets the filing it had taken in', async () => {
    await agencies.admin('POST', '/faults', { agency: 'upper-authority', kind: 'timeout', delayMs: 10_000 });
    const filing = { idempotencyKey: 'plan-2026-yjj/upper-filing', ...planFiling() };

    const started = Date.now();
    const error = await agencies.gateway.upperAuthority.filePlan(filing).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(AgencyUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', retryable: true });
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(2_000);

    const receipt = await agencies.gateway.upperAuthority.filePlan(filing);
    expect(receipt.receiptNo).toMatch(/^渝应急备〔\d{4}〕1号$/);
    expect(agencies.state.filings).toHaveLength(1);
  });

  it('answers 504 once a hang outlasts its delay, which the gateway treats as retryable', async () => {
    await agencies.admin('POST', '/faults', { agency: 'court', kind: 'timeout', delayMs: 50 });
    const error = await agencies.gateway.court.getStatus({ receiptNo: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'server-error', status: 504, retryable: true });
    expect(agencies.state.requests).toMatchObject([{ fault: 'timeout', status: 504 }]);
  });

  it('answers a slow agency late but successfully', async () => {
    await agencies.admin('POST', '/faults', { agency: 'notification', kind: 'slow', delayMs: 150 });
    const started = Date.now();
    const sent = await agencies.gateway.notification.send({
      idempotencyKey: 'case-9/notify-party',
      channel: 'sms',
      to: '13800138000',
      template: 'payment-demand',
      params: { caseNo: '北碚应急罚〔2026〕12号' },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(sent.messageId).toMatch(/^MSG\d{4}00000001$/);
  });

  it('propagates the caller cancellation as itself, not as an agency failure', async () => {
    await agencies.admin('POST', '/faults', { agency: 'court', kind: 'slow', delayMs: 5_000 });
    const controller = new AbortController();
    const reason = new Error('activity cancelled');
    setTimeout(() => controller.abort(reason), 50);

    const error = await agencies.gateway.court
      .fileEnforcementApplication(
        { idempotencyKey: 'case-10/court-application', ...courtApplication() },
        controller.signal,
      )
      .catch((e: unknown) => e);
    expect(error).toBe(reason);
  });

  it('classifies a refused connection as retryable', async () => {
    const gateway = createAgencyGateway(gatewayConfigUnder('http://127.0.0.1:9'));
    const error = await gateway.procuratorate
      .sendCopy({ idempotencyKey: 'k', caseRef: 'c', transferLetterNo: 't', materials: [{ title: '移送书' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgencyUnavailableError);
    expect(error).toMatchObject({ reason: 'network', retryable: true });
  });

  it('rejects a wrong credential as 401', async () => {
    const gateway = createAgencyGateway(
      gatewayConfigUnder(agencies.url, { credentials: { court: 'stolen-credential' } }),
    );
    const error = await gateway.court.getStatus({ receiptNo: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgencyRejectedError);
    expect(error).toMatchObject({ status: 401, problem: { title: '身份凭证缺失或无效' } });
  });
});

describe('simulator request checks', () => {
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${agencies.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const auth = { authorization: 'Bearer anjian-agency-dev-credential', 'idempotency-key': 'k-1' };

  it('answers 401 without the bearer credential, and files nothing', async () => {
    const res = await post('/court/enforcement-applications', courtApplication(), { 'idempotency-key': 'k-1' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(agencies.state.filings).toHaveLength(0);
    expect(agencies.state.requests).toMatchObject([{ agency: 'court', status: 401 }]);
  });

  it('answers 400 naming each malformed field', async () => {
    const { penaltyDecisionNo: _omitted, ...application } = courtApplication();
    const res = await post('/court/enforcement-applications', { ...application, fineFen: -5, materials: [{}] }, auth);
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 400, title: '请求参数校验失败' });
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'fineFen',
      'materials[0].title',
      'penaltyDecisionNo',
    ]);
    expect(problem.errors.find((e: { field: string }) => e.field === 'penaltyDecisionNo')).toMatchObject({
      message: '缺少必填字段',
    });
    expect(problem.detail).toContain('penaltyDecisionNo：缺少必填字段');
    expect(agencies.state.filings).toHaveLength(0);
  });

  it('answers 400 for a mobile number that cannot receive an SMS', async () => {
    const res = await post('/notification/messages', { channel: 'sms', to: '12345', template: 't', params: {} }, auth);
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toMatchObject([{ field: 'to', rule: 'invalid_format' }]);
  });

  it('answers 400 naming the header when the idempotency key is missing', async () => {
    const res = await post('/court/enforcement-applications', courtApplication(), {
      authorization: auth.authorization,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toMatchObject([{ field: 'Idempotency-Key' }]);
  });
});

function planFiling() {
  return {
    caseRef: 'plan-2026-yjj',
    planYear: 2026,
    department: '北碚区应急管理局',
    title: '北碚区应急管理局2026年度安全生产监督检查计划',
    approvedOn: '2026-01-20',
    document: { title: '年度监督检查计划' },
  };
}
