// Money and dates as the workbench shows them, and the API's refusals made readable in Chinese.
import { describe, expect, it } from 'vitest';
import { chineseMessage } from '../../../web/labels';
import { cnDate, dayAfter, yuan } from '../../../web/pages/workbench/format';

describe('workbench formatting', () => {
  it('shows fen as yuan with thousands separators and two decimals', () => {
    expect(yuan(1_000_000)).toBe('10,000.00 元');
    expect(yuan(5)).toBe('0.05 元');
    expect(yuan(0)).toBe('0.00 元');
    expect(yuan(123_456_789_01)).toBe('123,456,789.01 元');
    expect(yuan(undefined)).toBe('—');
  });

  it('shows dates as 年月日 and finds the next day across a month end', () => {
    expect(cnDate('2026-11-29')).toBe('2026年11月29日');
    expect(cnDate('2027-01-06T00:00:00+08:00')).toBe('2027年1月6日');
    expect(cnDate(undefined)).toBe('—');
    expect(dayAfter('2027-02-28')).toBe('2027-03-01');
  });

  it("rewrites the engine's field names, ISO dates and fen amounts in a refusal", () => {
    expect(chineseMessage('servedOn 不能早于催告书制作之日（2026-11-29）')).toBe(
      '送达日期 不能早于催告书制作之日（2026年11月29日）',
    );
    expect(chineseMessage('分期金额合计 900000 分，应等于罚款 1000000 分（且尚未部分缴纳）')).toBe(
      '分期金额合计 9,000.00 元，应等于罚款 10,000.00 元（且尚未部分缴纳）',
    );
    expect(chineseMessage('paidOn 不能晚于今天（2026-12-07）')).not.toMatch(/[a-zA-Z]/);
  });
});
