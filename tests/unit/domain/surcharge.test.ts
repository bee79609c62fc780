// 加处罚款: 3 % of the fine per overdue day, integer fen, capped at the fine (行政处罚法 Arts. 72, 73).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { surchargeAsOf, SurchargeInputError, type SurchargeInput } from '../../../domain/surcharge';
import { addDays } from '../../../domain/dates';

const base = { fineFen: 100_000, paymentDeadline: '2026-03-01' }; // a 1 000 元 fine, due 1 March

describe('late-payment surcharge scenarios', () => {
  it('accrues 3 % a day from the day after the deadline', () => {
    expect(surchargeAsOf({ ...base, asOf: '2026-03-01' })).toEqual({
      overdueDays: 0,
      surchargeFen: 0,
      capped: false,
      outstandingFineFen: 100_000,
    });
    expect(surchargeAsOf({ ...base, asOf: '2026-03-02' })).toEqual({
      overdueDays: 1,
      surchargeFen: 3_000,
      capped: false,
      outstandingFineFen: 100_000,
    });
    expect(surchargeAsOf({ ...base, asOf: '2026-03-11' })).toEqual({
      overdueDays: 10,
      surchargeFen: 30_000,
      capped: false,
      outstandingFineFen: 100_000,
    });
  });

  it('stops at the amount of the fine (day 34 would be 102 %)', () => {
    expect(surchargeAsOf({ ...base, asOf: addDays('2026-03-01', 33) })).toMatchObject({
      surchargeFen: 99_000,
      capped: false,
    });
    expect(surchargeAsOf({ ...base, asOf: addDays('2026-03-01', 34) })).toMatchObject({
      surchargeFen: 100_000,
      capped: true,
      overdueDays: 34,
    });
    expect(surchargeAsOf({ ...base, asOf: '2027-03-01' })).toMatchObject({ surchargeFen: 100_000, capped: true });
  });

  it("rounds down to whole fen once, in the party's favour", () => {
    // 3 % of 3.33 元 is 9.99 fen a day: 9 fen after one day, 19 (not 18) after two.
    expect(surchargeAsOf({ fineFen: 333, paymentDeadline: '2026-03-01', asOf: '2026-03-02' }).surchargeFen).toBe(9);
    expect(surchargeAsOf({ fineFen: 333, paymentDeadline: '2026-03-01', asOf: '2026-03-03' }).surchargeFen).toBe(19);
  });

  it('does not count days while reconsideration or litigation is pending', () => {
    const pauses = [{ from: '2026-03-05', to: '2026-03-20' }];
    // 03-02..03-04 and 03-21..03-31 count: 3 + 11 days.
    expect(surchargeAsOf({ ...base, asOf: '2026-03-31', pauses })).toMatchObject({
      overdueDays: 14,
      surchargeFen: 42_000,
    });
    expect(surchargeAsOf({ ...base, asOf: '2026-03-31', pauses: [{ from: '2026-03-05' }] })).toMatchObject({
      overdueDays: 3,
      surchargeFen: 9_000,
    });
  });

  it('starts after an approved deferral instead of the original deadline', () => {
    expect(surchargeAsOf({ ...base, deferredTo: '2026-04-30', asOf: '2026-04-30' })).toMatchObject({
      overdueDays: 0,
      surchargeFen: 0,
    });
    expect(surchargeAsOf({ ...base, deferredTo: '2026-04-30', asOf: '2026-05-05' })).toMatchObject({
      overdueDays: 5,
      surchargeFen: 15_000,
    });
  });

  it('charges on the unpaid part after a partial payment, counting the payment day', () => {
    const payments = [{ date: '2026-03-05', amountFen: 50_000 }];
    // 03-02..03-05 on 1 000 元 (4 days, 120 元), 03-06..03-11 on 500 元 (6 days, 90 元).
    expect(surchargeAsOf({ ...base, asOf: '2026-03-11', payments })).toEqual({
      overdueDays: 10,
      surchargeFen: 21_000,
      capped: false,
      outstandingFineFen: 50_000,
    });
  });

  it('stops once the fine is paid in full', () => {
    const payments = [{ date: '2026-03-05', amountFen: 100_000 }];
    expect(surchargeAsOf({ ...base, asOf: '2026-06-30', payments })).toEqual({
      overdueDays: 4,
      surchargeFen: 12_000,
      capped: false,
      outstandingFineFen: 0,
    });
    expect(
      surchargeAsOf({ ...base, asOf: '2026-06-30', payments: [{ date: '2026-02-20', amountFen: 100_000 }] }),
    ).toEqual({ overdueDays: 0, surchargeFen: 0, capped: false, outstandingFineFen: 0 });
  });

  it('charges each overdue instalment from its own due date', () => {
    const instalments = [
      { dueDate: '2026-03-31', amountFen: 40_000 },
      { dueDate: '2026-04-30', amountFen: 30_000 },
      { dueDate: '2026-05-31', amountFen: 30_000 },
    ];
    const payments = [{ date: '2026-03-31', amountFen: 40_000 }];
    // The second instalment (300 元) is unpaid from 05-01; by 05-10 that is 10 days × 9 元.
    expect(surchargeAsOf({ ...base, instalments, payments, asOf: '2026-05-10' })).toEqual({
      overdueDays: 10,
      surchargeFen: 9_000,
      capped: false,
      outstandingFineFen: 60_000,
    });
    // From 06-01 the third is overdue too: 06-01..06-03 on 600 元.
    expect(surchargeAsOf({ ...base, instalments, payments, asOf: '2026-06-03' }).surchargeFen).toBe(
      31 * 900 + 3 * 1_800,
    );
  });

  it('rejects inconsistent input', () => {
    const bad: SurchargeInput[] = [
      { ...base, asOf: '2026-03-10', fineFen: 100.5 },
      { ...base, asOf: '2026-02-30' },
      { ...base, asOf: '2026-03-10', instalments: [{ dueDate: '2026-03-31', amountFen: 1 }] },
      {
        ...base,
        asOf: '2026-03-10',
        deferredTo: '2026-04-01',
        instalments: [{ dueDate: '2026-03-31', amountFen: 100_000 }],
      },
      { ...base, asOf: '2026-03-10', pauses: [{ from: '2026-03-05', to: '2026-03-04' }] },
      { ...base, asOf: '2026-03-10', payments: [{ date: '2026-03-05', amountFen: -1 }] },
    ];
    for (const input of bad) expect(() => surchargeAsOf(input)).toThrow(SurchargeInputError);
  });
});

describe('surcharge properties', () => {
  const scenario = fc.record({
    fineFen: fc.integer({ min: 1, max: 1_000_000_000 }),
    deadlineOffset: fc.integer({ min: 0, max: 400 }),
    asOfOffsets: fc.tuple(fc.integer({ min: -20, max: 120 }), fc.integer({ min: 0, max: 60 })),
    pauses: fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: 120 }),
        length: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
    payments: fc.array(
      fc.record({ offset: fc.integer({ min: -10, max: 120 }), share: fc.integer({ min: 1, max: 100 }) }),
      { maxLength: 3 },
    ),
  });

  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

  const toInput = (s: Scenario, asOfExtra: number): SurchargeInput => {
    const deadline = addDays('2024-01-01', s.deadlineOffset);
    return {
      fineFen: s.fineFen,
      paymentDeadline: deadline,
      asOf: addDays(deadline, s.asOfOffsets[0] + asOfExtra),
      pauses: s.pauses.map((p) => ({
        from: addDays(deadline, p.start),
        ...(p.length === undefined ? {} : { to: addDays(deadline, p.start + p.length) }),
      })),
      payments: s.payments.map((p) => ({
        date: addDays(deadline, p.offset),
        amountFen: Math.max(1, Math.floor((s.fineFen * p.share) / 100)),
      })),
    };
  };

  it('never exceeds the fine and never goes negative', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { surchargeFen, capped } = surchargeAsOf(toInput(s, 0));
        expect(surchargeFen).toBeGreaterThanOrEqual(0);
        expect(surchargeFen).toBeLessThanOrEqual(s.fineFen);
        expect(Number.isInteger(surchargeFen)).toBe(true);
        expect(capped).toBe(surchargeFen === s.fineFen);
      }),
    );
  });

  it('is monotone in asOf', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const earlier = surchargeAsOf(toInput(s, 0));
        const later = surchargeAsOf(toInput(s, s.asOfOffsets[1]));
        expect(later.surchargeFen).toBeGreaterThanOrEqual(earlier.surchargeFen);
        expect(later.overdueDays).toBeGreaterThanOrEqual(earlier.overdueDays);
      }),
    );
  });

  it('equals floor(fine × 3 % × days), capped, when nothing is paid or paused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), fc.integer({ min: 0, max: 60 }), (fineFen, days) => {
        const result = surchargeAsOf({ fineFen, paymentDeadline: '2026-03-01', asOf: addDays('2026-03-01', days) });
        expect(result.surchargeFen).toBe(Math.min(fineFen, Math.floor((fineFen * 3 * days) / 100)));
      }),
    );
  });

  it('a pause or a payment never increases the surcharge', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const full = surchargeAsOf(toInput(s, 0));
        const withoutPauses = surchargeAsOf({ ...toInput(s, 0), pauses: [] });
        const withoutPayments = surchargeAsOf({ ...toInput(s, 0), payments: [] });
        expect(withoutPauses.surchargeFen).toBeGreaterThanOrEqual(full.surchargeFen);
        expect(withoutPayments.surchargeFen).toBeGreaterThanOrEqual(full.surchargeFen);
      }),
    );
  });
});
