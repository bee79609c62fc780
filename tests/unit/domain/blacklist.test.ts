import { describe, expect, it } from 'vitest';
import { isRestrictedOn, restrictionPeriodProblem } from '../../../domain/blacklist';

describe('blacklist restriction period (§十三)', () => {
  it('refuses an end before the start, naming the end', () => {
    expect(restrictionPeriodProblem({ startsOn: '2026-12-10', endsOn: '2026-12-01' })).toMatchObject({
      field: 'endsOn',
      rule: 'end_before_start',
    });
    expect(restrictionPeriodProblem({ startsOn: '2026-02-30', endsOn: '2026-12-01' })).toMatchObject({
      field: 'startsOn',
      rule: 'invalid_date',
    });
    expect(restrictionPeriodProblem({ startsOn: '2026-12-01', endsOn: '2026-12-01' })).toBeNull();
  });

  it('restricts on both end days and not outside them', () => {
    const period = { startsOn: '2026-12-01', endsOn: '2027-11-30' };
    expect(isRestrictedOn(period, '2026-12-01')).toBe(true);
    expect(isRestrictedOn(period, '2027-11-30')).toBe(true);
    expect(isRestrictedOn(period, '2026-11-30')).toBe(false);
    expect(isRestrictedOn(period, '2027-12-01')).toBe(false);
  });
});
