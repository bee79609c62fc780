// 条例 Arts. 9–11 (reporting chain), 29 (60 days, one extension ≤ 60, appraisal not counted); 2026 holidays from the
// notice.
import { describe, expect, it } from 'vitest';
import {
  checkAccidentFigures,
  checkOccurredAt,
  investigationDue,
  needsWarningTalk,
  pausedDaysBetween,
  reportingChain,
} from '../../../domain/accident-case';
import { snapshot } from './support';

describe('accident case rules', () => {
  it('dates the report 60 days after the accident, rolled past the May Day holiday', () => {
    expect(investigationDue(snapshot, '2026-03-02T09:30:00+08:00', { extensionDays: 0, pausedDays: 0 }).dueDate).toBe(
      '2026-05-06',
    );
  });

  it('adds an approved extension (Sunday rolls to Monday) and the days of technical appraisal', () => {
    expect(investigationDue(snapshot, '2026-03-02', { extensionDays: 30, pausedDays: 0 }).dueDate).toBe('2026-06-01');
    expect(investigationDue(snapshot, '2026-03-02', { extensionDays: 0, pausedDays: 10 }).dueDate).toBe('2026-05-11');
    expect(pausedDaysBetween('2026-03-10', '2026-03-20')).toBe(10);
  });

  it('never extends by more than 60 days', () => {
    expect(() => investigationDue(snapshot, '2026-03-02', { extensionDays: 61, pausedDays: 0 })).toThrow(RangeError);
  });

  it('chains the 1-hour unit report and 2-hour upward reports, to the State Council for 重大 and above', () => {
    const chain = reportingChain('serious', '2026-03-02T22:30:00+08:00', snapshot);
    expect(chain.map((l) => [l.key, l.dueAt])).toEqual([
      ['unit-report', '2026-03-02T23:30:00+08:00'],
      ['district-report', '2026-03-03T01:30:00+08:00'],
      ['city-report', '2026-03-03T03:30:00+08:00'],
    ]);
    expect(reportingChain('general', '2026-03-02T22:30:00+08:00', snapshot)).toHaveLength(2);
  });

  it('refuses negative figures and an accident in the future, naming the field', () => {
    expect(checkAccidentFigures({ deaths: -1, seriousInjuries: 0, directLossFen: 1.5 })).toEqual([
      expect.objectContaining({ field: 'body.deaths', rule: 'non_negative' }),
      expect.objectContaining({ field: 'body.directLossFen', rule: 'integer' }),
    ]);
    const now = Date.parse('2026-03-02T10:00:00+08:00');
    expect(checkOccurredAt('2026-03-02T10:00:01+08:00', now)).toEqual([
      expect.objectContaining({ rule: 'not_in_future' }),
    ]);
    expect(checkOccurredAt('2026-03-02T09:59:00+08:00', now)).toEqual([]);
  });

  it('calls for a warning talk after a larger or a repeated accident', () => {
    expect(needsWarningTalk('general', 0)).toBe(false);
    expect(needsWarningTalk('general', 1)).toBe(true);
    expect(needsWarningTalk('major', 0)).toBe(true);
  });
});
