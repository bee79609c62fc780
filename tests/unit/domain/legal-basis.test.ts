import { describe, expect, it } from 'vitest';
import { deadlineFor, getLegalBasis, isLegalBasisId, legalBases, type LegalBasisId } from '../../../domain/legal-basis';
import { unitForStatute } from '../../../domain/periods';
import { snapshot } from './support';

describe('legal-basis catalogue', () => {
  it('has unique ids, a citation and a Chinese description for every entry', () => {
    const ids = legalBases.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const basis of legalBases) {
      expect(basis.citation).not.toBe('');
      expect(basis.description).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('agrees with unitForStatute wherever the unit follows from the statute rules', () => {
    const checked: string[] = [];
    for (const basis of legalBases) {
      if (basis.unit !== 'calendar-days' && basis.unit !== 'working-days') continue;
      if (basis.unitBasis !== undefined) continue; // stated in the text itself, or our own default
      expect({ id: basis.id, unit: unitForStatute(basis.law, basis.amount) }).toEqual({
        id: basis.id,
        unit: basis.unit,
      });
      checked.push(basis.id);
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'enforcement.payment',
        'enforcement.demand-wait',
        'enforcement.court-acceptance',
        'enforcement.enforcement-ruling',
        'enforcement.enforcement-ruling-with-hearing',
        'enforcement.reconsideration-window',
      ]),
    );
  });

  it('marks configurable defaults and unverified readings (with the reason) as unconfirmed', () => {
    const unconfirmed = legalBases.filter((b) => !b.confirmed).map((b) => b.id);
    expect(unconfirmed).toEqual([
      'enforcement.litigation-window-unstated',
      'accident.publication',
      'entrustment.expiry-reminder-30',
      'entrustment.expiry-reminder-7',
      'calendar.statutory-holidays',
      'approval.step-default',
    ]);
    for (const basis of legalBases) {
      if (basis.configurable) expect(basis.confirmed).toBe(false);
      if (!basis.confirmed && !basis.configurable)
        expect((basis as { reading?: string }).reading).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each([
    ['enforcement.payment', 15, 'calendar-days', '《行政处罚法》第六十七条'],
    ['enforcement.reconsideration-window', 60, 'calendar-days', '《行政复议法》第二十条'],
    ['enforcement.litigation-window', 6, 'months', '《行政诉讼法》第四十六条'],
    ['enforcement.litigation-after-reconsideration', 15, 'calendar-days', '《行政诉讼法》第四十五条'],
    ['enforcement.demand-wait', 10, 'working-days', '《行政强制法》第五十四条、第六十九条'],
    ['enforcement.court-application', 3, 'months', undefined],
    ['enforcement.court-acceptance', 5, 'working-days', undefined],
    ['enforcement.acceptance-review-application', 15, 'calendar-days', undefined],
    ['enforcement.enforcement-ruling', 7, 'working-days', undefined],
    ['enforcement.enforcement-ruling-with-hearing', 30, 'calendar-days', undefined],
    ['criminal.head-decision', 3, 'calendar-days', undefined],
    ['criminal.transfer', 24, 'hours', undefined],
    ['criminal.police-filing-decision', 3, 'calendar-days', undefined],
    ['criminal.exhibit-handover', 3, 'calendar-days', undefined],
    ['accident.unit-report', 1, 'hours', undefined],
    ['accident.upward-report', 2, 'hours', undefined],
    ['accident.investigation-report', 60, 'calendar-days', undefined],
    ['accident.investigation-extension', 60, 'calendar-days', undefined],
    ['accident.approval', 15, 'calendar-days', undefined],
    ['accident.approval-particularly-serious', 30, 'calendar-days', undefined],
    ['accident.copy-to-departments', 30, 'calendar-days', undefined],
    ['accident.publication', 20, 'working-days', undefined],
    ['accident.closure-evaluation', 12, 'months', undefined],
    ['inspection.publish-penalty-decision', 7, 'working-days', '国办发〔2018〕118号'],
    ['inspection.publish-other-decision', 20, 'working-days', '国办发〔2018〕118号'],
    ['approval.step-default', 3, 'working-days', undefined],
  ] as const)('%s is %i %s', (id, amount, unit, citation) => {
    const basis = getLegalBasis(id);
    expect(basis).toMatchObject({ amount, unit });
    if (citation) expect(basis.citation).toBe(citation);
  });

  it('recognises its ids', () => {
    expect(isLegalBasisId('enforcement.payment')).toBe(true);
    expect(isLegalBasisId('enforcement.pay')).toBe(false);
    expect(isLegalBasisId(42)).toBe(false);
    expect(() => getLegalBasis('nope' as LegalBasisId)).toThrow(RangeError);
  });
});

describe('deadlineFor', () => {
  it('computes the payment deadline from receipt of the penalty decision', () => {
    expect(deadlineFor(snapshot, '2026-02-01', 'enforcement.payment')).toEqual({
      basisId: 'enforcement.payment',
      citation: '《行政处罚法》第六十七条',
      due: '2026-02-24',
      unit: 'calendar-days',
      amount: 15,
      provisional: false,
      calendarVersion: 7,
    });
  });

  it('waits ten working days after the demand is served, counting adjusted Saturdays', () => {
    expect(deadlineFor(snapshot, '2026-02-10', 'enforcement.demand-wait').due).toBe('2026-03-02');
  });

  it('gives the police 24 hours by the clock for the transfer', () => {
    expect(deadlineFor(snapshot, '2026-10-01T09:15:00+08:00', 'criminal.transfer').due).toBe(
      '2026-10-02T09:15:00+08:00',
    );
  });

  it('lets a configurable default be overridden, but not a statutory figure', () => {
    expect(deadlineFor(snapshot, '2026-03-02', 'accident.publication').due).toBe('2026-03-30');
    expect(deadlineFor(snapshot, '2026-03-02', 'accident.publication', { amount: 5 }).due).toBe('2026-03-09');
    expect(() => deadlineFor(snapshot, '2026-03-02', 'enforcement.payment', { amount: 30 })).toThrow(/fixed by law/);
  });

  it('puts entrustment expiry reminders on the working day at or before the nominal day', () => {
    // Expiry 2026-10-31: 30 days before is 10-01 (National Day) → 09-30; 7 days before is 10-24 (Sat) → 10-23.
    expect(deadlineFor(snapshot, '2026-10-31', 'entrustment.expiry-reminder-30').due).toBe('2026-09-30');
    expect(deadlineFor(snapshot, '2026-10-31', 'entrustment.expiry-reminder-7').due).toBe('2026-10-23');
  });

  it('gives the annual plan due date, 31 January of the plan year, without rolling', () => {
    expect(deadlineFor(snapshot, '2026-01-05', 'plan.annual-draft')).toMatchObject({
      due: '2026-01-31',
      unit: 'fixed-date',
    });
    expect(deadlineFor(snapshot, '2026-11-20', 'plan.annual-draft').due).toBe('2027-01-31');
  });

  it('expresses closure evaluation as 12 months from approval', () => {
    // 2026-03-14 is a Saturday
    expect(deadlineFor(snapshot, '2025-03-14', 'accident.closure-evaluation').due).toBe('2026-03-16');
  });

  it('refuses to compute a deadline for a step without a period', () => {
    expect(() => deadlineFor(snapshot, '2026-03-02', 'enforcement.application-materials')).toThrow(/no period/);
  });
});
