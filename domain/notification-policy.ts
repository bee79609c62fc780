// When and how a queued notification is delivered: working hours on the statutory calendar, kinds of
// message, Chinese titles and the mainland mobile rule. Pure; used by the delivery activities and the API.
import { isWorkingDay, rollForwardToWorkingDay, type CalendarSnapshot } from './calendar';
import { addDays, dayNumberFromParts, requireIsoDate, SHANGHAI_OFFSET_MINUTES, todayInShanghai } from './dates';

export const notificationChannels = ['sms', 'wecom'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];
export const channelNames: Record<NotificationChannel, string> = { sms: '短信', wecom: '政务微信工作通知' };

/** Mainland China mobile numbers (11 digits, 13x–19x); the gateway refuses any other SMS recipient. */
export const mainlandMobile = /^1[3-9]\d{9}$/;

/** Working hours for reminders: 09:00–18:00 Asia/Shanghai on a working day of the statutory calendar. */
export const WORK_START_HOUR = 9;
export const WORK_END_HOUR = 18;

/**
 * Legal bases counted in hours (accident reporting, 条例 Arts. 9 and 11; the 24-hour transfer, 移送规定 Art. 5):
 * a message about them goes at once, whatever the hour.
 */
export const hourCountedBases = ['accident.unit-report', 'accident.upward-report', 'criminal.transfer'] as const;
const hourCountedSteps = ['unit-report', 'upward-report', 'criminal-transfer', 'transfer-24h'];

export type NotificationKind =
  'reminder' | 'urge' | 'escalation' | 'return' | 'decision' | 'callback' | 'digest' | 'other';

export interface QueuedMessage {
  key: string;
  template: string;
  params: Record<string, string>;
}

export function notificationKind(template: string, key = ''): NotificationKind {
  if (template === 'approval.urged') return 'urge';
  if (template === 'notification.digest') return 'digest';
  if (/overdue|escalat/.test(template)) return 'escalation';
  if (/reminder|behind-schedule/.test(template)) return 'reminder';
  if (/return/.test(template) || key.includes(':returned')) return 'return';
  if (/approved|rejected|decided|not-approved|refused|upheld/.test(template)) return 'decision';
  if (/court-|police|received|accepted|ruled|executed|filed/.test(template)) return 'callback';
  return 'other';
}

/** Urges and hour-counted deadlines go at once; everything else waits for working hours. */
export function isImmediate(message: QueuedMessage): boolean {
  if (notificationKind(message.template) === 'urge') return true;
  const text = [message.key, ...Object.values(message.params)].join(' ');
  return hourCountedBases.some((b) => text.includes(b)) || hourCountedSteps.some((s) => message.key.includes(`:${s}`));
}

const HOUR = 3_600_000;

/** Epoch millis of `hour`:00 Asia/Shanghai on `date`. */
export function shanghaiHourOn(date: string, hour: number): number {
  return (dayNumberFromParts(requireIsoDate(date)) * 24 + hour) * HOUR - SHANGHAI_OFFSET_MINUTES * 60_000;
}

/**
 * When a message queued at `now` may be sent: at once inside working hours (or when immediate), else at
 * 09:00 on the next working day (today's 09:00 if today is a working day and it is not yet 09:00).
 */
export function deliveryTime(calendar: CalendarSnapshot, now: number, immediate: boolean): number {
  if (immediate) return now;
  const today = todayInShanghai(now);
  if (isWorkingDay(calendar, today)) {
    if (now < shanghaiHourOn(today, WORK_START_HOUR)) return shanghaiHourOn(today, WORK_START_HOUR);
    if (now < shanghaiHourOn(today, WORK_END_HOUR)) return now;
  }
  return shanghaiHourOn(rollForwardToWorkingDay(calendar, addDays(today, 1)), WORK_START_HOUR);
}

const templateTitles: Record<string, string> = {
  'approval.assigned': '新的审批待办',
  'approval.reminder': '审批期限提醒',
  'approval.urged': '催办',
  'approval.overdue': '审批已逾期',
  'accident.deadline-reminder': '事故处理期限提醒',
  'accident.deadline-overdue': '事故处理期限已逾期',
  'accident.report-copied': '事故调查报告抄送',
  'plan.draft-reminder': '年度监督检查计划编制提醒',
  'plan.overdue-escalated': '年度监督检查计划逾期',
  'plan.behind-schedule': '年度监督检查计划执行滞后',
  'entrustment.expiry-reminder': '委托执法期限届满提醒',
  'enforcement.payment-reminder': '罚款缴纳期限提醒',
  'enforcement.court-overdue': '法院答复已逾期',
  'enforcement.closed': '强制执行案件已结案',
  'enforcement.payment-received': '罚款已缴纳',
  'notification.digest': '每日待办摘要',
};

const momentNames: Record<string, string> = {
  'half-period': '期限过半',
  'one-working-day-before': '到期前一个工作日',
  'due-day': '今日到期',
};

/** The Chinese title and one-line body shown in the centre and sent on the channels. */
export function renderNotification(template: string, params: Record<string, string>): { title: string; body: string } {
  const title = templateTitles[template] ?? '案件通知';
  const parts = [
    params.caseTitle ?? params.caseId,
    params.step ? `环节：${params.step}` : undefined,
    params.moment ? (momentNames[params.moment] ?? params.moment) : undefined,
    params.dueDate ? `期限：${params.dueDate}` : undefined,
    params.urgedBy ? `催办人：${params.urgedBy}` : undefined,
    params.summary,
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  return { title, body: parts.join('；') || title };
}
