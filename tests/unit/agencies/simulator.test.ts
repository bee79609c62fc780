import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgencyRejectedError } from '../../../agencies/gateway';
import { agencyIds } from '../../../agencies/types';
import { criminalTransfer, startAgencies, type Agencies } from './harness';

let agencies: Agencies;
beforeAll(async () => {
  agencies = await startAgencies({ manual: agencyIds });
});
afterEach(async () => {
  await agencies.admin('POST', '/reset');
});
afterAll(async () => {
  await agencies.close();
});

const enterprise = { name: '重庆某某化工有限公司', unifiedSocialCreditCode: '91500109MA5U123456' };

describe('the other agencies', () => {
  it('the disclosure portal publishes at a gov.cn address and withdraws once', async () => {
    const { disclosurePortal } = agencies.gateway;
    const published = await disclosurePortal.publish({
      idempotencyKey: 'accident-2026-3/publish-report',
      caseRef: 'accident-2026-3',
      title: '北碚区“3·2”火灾事故调查报告',
      category: 'accident-report',
      issuedBy: '重庆市北碚区人民政府',
      content: '事故调查报告全文',
    });
    expect(published.receiptNo).toMatch(/^北碚公开〔\d{4}〕1号$/);
    expect(published.documentUrl).toMatch(/^https:\/\/www\.beibei\.gov\.cn\/zwgk\/gsgg\/\d{6}\/t\d{8}_1\.html$/);

    const withdrawal = { caseRef: 'accident-2026-3', receiptNo: published.receiptNo, reason: '报告经复核需更正' };
    const withdrawn = await disclosurePortal.withdraw({ idempotencyKey: 'accident-2026-3/withdraw-1', ...withdrawal });
    expect(withdrawn.receiptNo).toBe(published.receiptNo);
    const again = await disclosurePortal
      .withdraw({ idempotencyKey: 'accident-2026-3/withdraw-2', ...withdrawal })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AgencyRejectedError);
    expect(again).toMatchObject({ status: 409, problem: { title: '该文件已撤回' } });
  });

  it('the credit system lists an enterprise once per decision and removes the entry', async () => {
    const { creditPublicity } = agencies.gateway;
    const entry = {
      caseRef: '北碚应急罚〔2026〕12号',
      enterprise,
      reason: '拒不执行安全监管监察指令',
      decisionNo: '（北碚）应急罚〔2026〕12号',
      listedOn: '2026-07-01',
    };
    const listed = await creditPublicity.addBlacklistEntry({ idempotencyKey: 'case-12/blacklist', ...entry });
    expect(listed.entryNo).toMatch(/^渝信黑〔\d{4}〕1号$/);

    const twice = await creditPublicity
      .addBlacklistEntry({ idempotencyKey: 'case-12/blacklist-again', ...entry })
      .catch((e: unknown) => e);
    expect(twice).toMatchObject({ status: 409, problem: { entryNo: listed.entryNo } });

    const removed = await creditPublicity.removeBlacklistEntry({
      idempotencyKey: 'case-12/unlist',
      caseRef: entry.caseRef,
      entryNo: listed.entryNo,
      reason: '信用修复完成',
    });
    expect(removed.entryNo).toBe(listed.entryNo);
    await expect(
      creditPublicity.addBlacklistEntry({ idempotencyKey: 'case-12/blacklist-3', ...entry }),
    ).resolves.toMatchObject({
      entryNo: expect.stringMatching(/〕2号$/),
    });
  });

  it('the procuratorate receives the copy and the upper authority the plan, each with its own number', async () => {
    const copy = await agencies.gateway.procuratorate.sendCopy({
      idempotencyKey: 'case-12/procuratorate-copy',
      caseRef: '北碚应急罚〔2026〕12号',
      transferLetterNo: '北碚应急移〔2026〕1号',
      materials: [{ title: '涉嫌犯罪案件移送书（抄送）' }],
    });
    expect(copy.receiptNo).toMatch(/^北检收〔\d{4}〕1号$/);
  });

  it('the police will not reconsider a case they have not refused', async () => {
    const { receiptNo } = await agencies.gateway.publicSecurity.transferCriminalCase({
      idempotencyKey: 'case-12/transfer',
      ...criminalTransfer(),
    });
    const error = await agencies.gateway.publicSecurity
      .requestReconsideration({
        idempotencyKey: 'case-12/reconsider',
        caseRef: '北碚应急罚〔2026〕12号',
        receiptNo,
        reasons: '理由',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, problem: { title: '该案件未作出不予立案决定，无需复议' } });
    expect(await agencies.gateway.publicSecurity.getDecision({ receiptNo })).toEqual({ receiptNo, status: 'pending' });
  });

  it('answers 404 in the agency’s words for an unknown receipt', async () => {
    const error = await agencies.gateway.court
      .getStatus({ receiptNo: '渝0109法收〔2026〕999号' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 404,
      problem: { title: '未找到强制执行申请', detail: '编号「渝0109法收〔2026〕999号」不存在' },
    });
  });
});

describe('admin endpoints', () => {
  it('validates faults, lists them, applies count, and clears them per agency', async () => {
    const bad = await agencies.admin('POST', '/faults', { agency: 'court', kind: 'meltdown', count: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['count', 'kind']);

    await agencies.admin('POST', '/faults', { agency: 'court', kind: '5xx', count: 2, status: 502 });
    await agencies.admin('POST', '/faults', { agency: 'notification', kind: 'refuse' });
    expect((await agencies.admin('GET', '/faults')).body.faults).toMatchObject([
      { agency: 'court', kind: '5xx', remaining: 2 },
      { agency: 'notification', kind: 'refuse', remaining: 1 },
    ]);

    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        await agencies.gateway.court.getStatus({ receiptNo: 'x' }).catch((e: { status: number }) => e.status),
      );
    }
    expect(statuses).toEqual([502, 502, 404]);

    expect((await agencies.admin('DELETE', '/faults?agency=notification')).body).toEqual({ cleared: 1 });
    expect((await agencies.admin('GET', '/faults')).body.faults).toEqual([]);
  });

  it('filters records by agency', async () => {
    await agencies.gateway.procuratorate.sendCopy({
      idempotencyKey: 'k-copy',
      caseRef: 'c',
      transferLetterNo: 't',
      materials: [{ title: 'm' }],
    });
    await agencies.gateway.publicSecurity.transferCriminalCase({ idempotencyKey: 'k-transfer', ...criminalTransfer() });

    const { body } = await agencies.admin('GET', '/records?agency=procuratorate');
    expect(body.filings).toMatchObject([{ agency: 'procuratorate', kind: 'transfer-copy', idempotencyKey: 'k-copy' }]);
    expect((await agencies.admin('GET', '/records')).body.filings).toHaveLength(2);
    expect((await agencies.admin('GET', '/records?agency=tax-office')).status).toBe(400);
  });
});
