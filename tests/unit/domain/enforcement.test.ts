import { describe, expect, it } from 'vitest';
import {
  courtApplicationMaterials,
  missingCourtMaterials,
  type CourtApplicationFacts,
} from '../../../domain/court-application';
import { enforcementBalance, finalDueDate, formatYuan } from '../../../domain/enforcement-balance';
import { buildPaymentDemand } from '../../../domain/payment-demand';

describe('enforcement balance', () => {
  const money = { fineFen: 1_000_000, paymentDeadline: '2026-03-16', pauses: [], payments: [] };

  it('owes the fine only up to the deadline, then 3 % a day, capped at the fine', () => {
    expect(enforcementBalance(money, '2026-03-16')).toMatchObject({
      surchargeFen: 0,
      totalDueFen: 1_000_000,
      settled: false,
    });
    expect(enforcementBalance(money, '2026-03-20')).toMatchObject({
      overdueDays: 4,
      surchargeFen: 120_000,
      totalDueFen: 1_120_000,
    });
    expect(enforcementBalance(money, '2026-12-31')).toMatchObject({
      surchargeFen: 1_000_000,
      capped: true,
      totalDueFen: 2_000_000,
    });
  });

  it(
    'applies payments to the fine first, the excess to the surcharge, and ignores payments after the day asked ' +
      'about',
    () => {
      const paid = { ...money, payments: [{ date: '2026-03-18', amountFen: 1_060_000 }] };
      expect(enforcementBalance(paid, '2026-03-18')).toMatchObject({
        surchargeFen: 60_000,
        outstandingFineFen: 0,
        outstandingSurchargeFen: 0,
        settled: true,
      });
      expect(enforcementBalance(paid, '2026-03-17')).toMatchObject({ paidFen: 0, surchargeFen: 30_000 });
    },
  );

  it('moves the due date with a deferral or the last instalment', () => {
    expect(finalDueDate({ ...money, deferredTo: '2026-05-01' })).toBe('2026-05-01');
    expect(
      finalDueDate({
        ...money,
        instalments: [
          { dueDate: '2026-06-30', amountFen: 500_000 },
          { dueDate: '2026-04-30', amountFen: 500_000 },
        ],
      }),
    ).toBe('2026-06-30');
    expect(formatYuan(1_234_567)).toBe('12,345.67元');
  });
});

describe('payment demand (催告书)', () => {
  it('carries the four items of 行政强制法 Art. 35 with the amounts and a number', () => {
    const demand = buildPaymentDemand({
      decisionNumber: '北碚应急罚〔2026〕7号',
      decidedOn: '2026-01-05',
      departmentName: '区应急管理局',
      party: { name: '某公司', unifiedSocialCreditCode: '91500109MA5U123456' },
      outstandingFineFen: 500_000,
      surchargeFen: 150_000,
      issuedOn: '2026-04-01',
      sequence: 1,
    });
    expect(demand.documentNo).toBe('北碚应急罚〔2026〕7号催字第1号');
    expect(demand.amounts).toEqual({
      outstandingFineFen: 500_000,
      surchargeFen: 150_000,
      totalFen: 650_000,
      asOf: '2026-04-01',
    });
    expect(demand.sections.map((s) => s.heading)).toEqual([
      '一、履行义务的期限',
      '二、履行义务的方式',
      '三、涉及金钱给付的金额和给付方式',
      '四、当事人依法享有的陈述权和申辩权',
    ]);
    expect(demand.sections[0]!.body).toContain('十个工作日内');
    expect(demand.sections[2]!.body).toContain('6,500.00元');
    expect(demand.sections[3]!.body).toContain('陈述和申辩');
  });
});

describe('court application materials (行政强制法 Art. 55)', () => {
  const complete: CourtApplicationFacts = {
    decisionNumber: 'X',
    decidedOn: '2026-01-05',
    facts: '事实',
    reasons: '理由',
    legalBasisText: '依据',
    demand: { documentNo: 'D', servedOn: '2026-04-01' },
    noStatement: true,
    targetFen: 100,
  };

  it('is complete with every item; the head signature is required only when asked', () => {
    expect(missingCourtMaterials(complete, { requireSignature: false })).toEqual([]);
    expect(missingCourtMaterials(complete, { requireSignature: true }).map((m) => m.key)).toEqual(['application']);
    expect(
      missingCourtMaterials(
        { ...complete, signature: { agencyHead: '王', signedOn: '2026-04-20' } },
        { requireSignature: true },
      ),
    ).toEqual([]);
  });

  it('names what is missing', () => {
    const missing = missingCourtMaterials(
      {
        ...complete,
        reasons: undefined,
        legalBasisText: undefined,
        demand: { documentNo: 'D' },
        noStatement: false,
        statement: { receivedOn: '2026-04-02', summary: '申辩', reviewed: false },
      },
      { requireSignature: false },
    );
    expect(missing.map((m) => [m.key, m.missing])).toEqual([
      ['facts-reasons-basis', '缺少作出决定的理由、依据'],
      ['party-opinions', '当事人的陈述申辩尚未复核'],
      ['demand-record', '催告书尚未送达'],
    ]);
    expect(
      courtApplicationMaterials({ ...complete, targetFen: 0 }, { requireSignature: false }).find(
        (m) => m.key === 'enforcement-target',
      )!.present,
    ).toBe(false);
  });
});
