// Issue 19 items 1–8: the pure rules behind the enforcement corrections.
import { describe, expect, it } from 'vitest';
import { surchargeAsOf } from '../../../domain/surcharge';
import { enforcementBalance } from '../../../domain/enforcement-balance';
import { deadlineFor, getLegalBasis } from '../../../domain/legal-basis';
import { deemedServiceDate } from '../../../workflows/enforcement/case-state';
import { snapshot } from './support';

const fine = { fineFen: 100_000, paymentDeadline: '2026-03-02' };

describe('surcharge after a later deferral (行政处罚法 Art. 66; 行政强制法 Art. 42)', () => {
  it('keeps what accrued before the approval and moves only the dates still to come', () => {
    // Overdue 03-03..03-10 (8 days = 24 000 fen); deferral approved 03-10 to 04-30: nothing more until 05-01.
    const deferred = { ...fine, deferredTo: '2026-04-30', scheduleApprovedOn: '2026-03-10' };
    expect(surchargeAsOf({ ...deferred, asOf: '2026-04-30' })).toMatchObject({ overdueDays: 8, surchargeFen: 24_000 });
    expect(surchargeAsOf({ ...deferred, asOf: '2026-05-02' })).toMatchObject({
      overdueDays: 10,
      surchargeFen: 30_000,
    });
    // The old rule (no approval date) erased it.
    expect(surchargeAsOf({ ...fine, deferredTo: '2026-04-30', asOf: '2026-04-30' }).surchargeFen).toBe(0);
  });

  it('applies the same to instalments approved after the deadline', () => {
    const plan = {
      ...fine,
      instalments: [
        { dueDate: '2026-04-01', amountFen: 50_000 },
        { dueDate: '2026-05-01', amountFen: 50_000 },
      ],
      scheduleApprovedOn: '2026-03-05',
    };
    // 3 days on the whole fine before approval; then the first instalment overdue from 04-02.
    expect(surchargeAsOf({ ...plan, asOf: '2026-04-03' })).toMatchObject({ surchargeFen: 9_000 + 3_000 });
  });

  it('reduces accrued surcharge only by a recorded 执行协议 decision, never below zero', () => {
    const money = {
      ...fine,
      pauses: [],
      payments: [],
      reductions: [
        {
          agreementNo: '执协〔2026〕1号',
          decidedOn: '2026-03-12',
          amountFen: 20_000,
          remedialMeasures: '已完成隐患整改',
          basis: getLegalBasis('enforcement.enforcement-agreement').citation,
          decidedBy: '王德明',
        },
      ],
    };
    expect(enforcementBalance(money, '2026-03-11')).toMatchObject({ surchargeFen: 27_000, surchargeReducedFen: 0 });
    expect(enforcementBalance(money, '2026-03-12')).toMatchObject({
      surchargeAccruedFen: 30_000,
      surchargeReducedFen: 20_000,
      surchargeFen: 10_000,
      totalDueFen: 110_000,
    });
  });
});

describe('windows and service', () => {
  it('counts a public notice as served 30 days after publication (民事诉讼法 Art. 95)', () => {
    expect(deemedServiceDate('public-notice', '2026-03-02')).toBe('2026-04-01');
    expect(deemedServiceDate('public-notice', '2026-03-09', '2026-03-02')).toBe('2026-04-01');
    expect(deemedServiceDate('direct', '2026-03-02')).toBe('2026-03-02');
  });

  it('gives one year where the decision did not state the right and period to challenge', () => {
    expect(deadlineFor(snapshot, '2026-03-02', 'enforcement.reconsideration-window-unstated').due).toBe('2027-03-02');
    // 05-01..05 holiday
    expect(deadlineFor(snapshot, '2026-03-02', 'enforcement.reconsideration-window').due).toBe('2026-05-06');
  });

  it('counts the appeal, the silent-body suit and the publication periods as the statutes say', () => {
    expect(deadlineFor(snapshot, '2026-03-02', 'enforcement.appeal-window').due).toBe('2026-03-17');
    expect(deadlineFor(snapshot, '2026-03-02', 'enforcement.litigation-after-silence').due).toBe('2026-03-17');
    // 7 and 3 working days (安全生产法 Art. 78 ¶2; 行政处罚法 Arts. 48, 85), over the 2026 National Day break.
    expect(deadlineFor(snapshot, '2026-09-29', 'enforcement.publication').due).toBe('2026-10-14');
    // adjusted Saturday
    expect(deadlineFor(snapshot, '2026-09-30', 'enforcement.publication-withdrawal').due).toBe('2026-10-10');
    // Reconsideration deemed accepted 5 working days after filing (行政复议法 Arts. 30, 88).
    expect(deadlineFor(snapshot, '2026-09-29', 'enforcement.reconsideration-acceptance').due).toBe('2026-10-12');
  });
});
