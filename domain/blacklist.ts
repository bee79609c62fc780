// Blacklist (黑名单, §十三) rules: the restriction period and the restrictions a listing carries. Pure.
import { compareIsoDates, isIsoDate, type IsoDate } from './dates';

export const blacklistRestrictions = ['financing', 'procurement', 'bidding', 'land', 'honours'] as const;
export type BlacklistRestriction = (typeof blacklistRestrictions)[number];
export const blacklistRestrictionLabels: Record<BlacklistRestriction, string> = {
  financing: '融资授信',
  procurement: '政府采购',
  bidding: '工程招投标',
  land: '国有土地出让',
  honours: '评先评优',
};

export type BlacklistStatus = 'pending-approval' | 'rejected' | 'awaiting-start' | 'listed' | 'removed';

export const blacklistStatusLabels: Record<BlacklistStatus, string> = {
  'pending-approval': '审批中',
  rejected: '未批准列入',
  'awaiting-start': '待生效',
  listed: '公示中',
  removed: '已移出',
};

export interface RestrictionPeriod {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** The field and rule broken by a restriction period, or null when it is valid. */
export function restrictionPeriodProblem(
  period: RestrictionPeriod,
): { field: 'startsOn' | 'endsOn'; rule: string; message: string } | null {
  if (!isIsoDate(period.startsOn)) return { field: 'startsOn', rule: 'invalid_date', message: '限制期开始日期无效' };
  if (!isIsoDate(period.endsOn)) return { field: 'endsOn', rule: 'invalid_date', message: '限制期结束日期无效' };
  if (compareIsoDates(period.endsOn, period.startsOn) < 0)
    return { field: 'endsOn', rule: 'end_before_start', message: '限制期结束日期不得早于开始日期' };
  return null;
}

/** The restriction is in force on a date when the date lies within the period, both ends included. */
export function isRestrictedOn(period: RestrictionPeriod, date: IsoDate): boolean {
  return compareIsoDates(period.startsOn, date) <= 0 && compareIsoDates(date, period.endsOn) <= 0;
}
