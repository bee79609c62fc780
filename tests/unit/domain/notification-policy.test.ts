import { describe, expect, it } from 'vitest';
import { requireIsoDateTime } from '../../../domain/dates';
import {
  deliveryTime,
  isImmediate,
  mainlandMobile,
  notificationKind,
  renderNotification,
} from '../../../domain/notification-policy';
import { snapshot } from './support';

const at = (s: string) => requireIsoDateTime(s);

describe('working-hours delivery', () => {
  it('sends at once inside working hours on a working day', () => {
    expect(deliveryTime(snapshot, at('2026-03-03T10:15:00+08:00'), false)).toBe(at('2026-03-03T10:15:00+08:00'));
  });

  it('holds a message queued before 09:00 until 09:00 the same working day', () => {
    expect(deliveryTime(snapshot, at('2026-03-03T00:00:00+08:00'), false)).toBe(at('2026-03-03T09:00:00+08:00'));
  });

  it('holds an evening message until 09:00 the next working day', () => {
    expect(deliveryTime(snapshot, at('2026-03-03T18:00:00+08:00'), false)).toBe(at('2026-03-04T09:00:00+08:00'));
  });

  it('carries a Friday night message over the weekend, and over the National Day holiday', () => {
    expect(deliveryTime(snapshot, at('2026-03-06T21:00:00+08:00'), false)).toBe(at('2026-03-09T09:00:00+08:00'));
    // 30 September 2026 evening: 1–7 October are holidays, 8 October is the next working day.
    expect(deliveryTime(snapshot, at('2026-09-30T20:00:00+08:00'), false)).toBe(at('2026-10-08T09:00:00+08:00'));
  });

  it('treats an adjusted working day (调休上班) as a working day', () => {
    // Sunday 20 September 2026 is worked in exchange for the National Day holiday.
    expect(deliveryTime(snapshot, at('2026-09-19T12:00:00+08:00'), false)).toBe(at('2026-09-20T09:00:00+08:00'));
  });

  it('sends immediate messages at once, at night or on a holiday', () => {
    expect(deliveryTime(snapshot, at('2026-10-02T03:00:00+08:00'), true)).toBe(at('2026-10-02T03:00:00+08:00'));
  });
});

describe('what goes at once', () => {
  it('urges and hour-counted deadlines, not day-counted reminders', () => {
    expect(isImmediate({ key: 'wf:s#1:urge:r1:u', template: 'approval.urged', params: {} })).toBe(true);
    expect(
      isImmediate({
        key: 'wf:upward-report:2026-03-02:half-period:u',
        template: 'accident.deadline-reminder',
        params: {},
      }),
    ).toBe(true);
    expect(
      isImmediate({ key: 'wf:x', template: 'criminal-transfer.reminder', params: { basis: 'criminal.transfer' } }),
    ).toBe(true);
    expect(isImmediate({ key: 'wf:s#1:due-day:u', template: 'approval.reminder', params: { moment: 'due-day' } })).toBe(
      false,
    );
  });

  it('classifies messages for the notification centre and renders them in Chinese', () => {
    expect(notificationKind('approval.urged')).toBe('urge');
    expect(notificationKind('approval.overdue')).toBe('escalation');
    expect(notificationKind('plan.overdue-escalated')).toBe('escalation');
    expect(notificationKind('approval.reminder')).toBe('reminder');
    const r = renderNotification('approval.reminder', {
      caseTitle: '罚款延期缴纳申请',
      step: '部门负责人审核',
      moment: 'one-working-day-before',
      dueDate: '2026-03-16',
    });
    expect(r).toEqual({
      title: '审批期限提醒',
      body: '罚款延期缴纳申请；环节：部门负责人审核；到期前一个工作日；期限：2026-03-16',
    });
  });

  it('accepts only mainland mobile numbers', () => {
    expect(mainlandMobile.test('13800138000')).toBe(true);
    expect(mainlandMobile.test('+8613800138000')).toBe(false);
    expect(mainlandMobile.test('85291234567')).toBe(false);
    expect(mainlandMobile.test('1380013800')).toBe(false);
  });
});
