// 生产安全事故报告和调查处理条例 Art. 3: "以上"包括本数; the highest level reached decides.
import { describe, expect, it } from 'vitest';
import { classifyAccident, type AccidentFigures } from '../../../domain/accident-level';

const none: AccidentFigures = { deaths: 0, seriousInjuries: 0, directLossFen: 0 };
const yuan = (amount: number) => Math.round(amount * 100);

describe('accident level', () => {
  it.each([
    ['2 deaths', { deaths: 2 }, 'general', '一般事故'],
    ['3 deaths', { deaths: 3 }, 'major', '较大事故'],
    ['9 deaths', { deaths: 9 }, 'major', '较大事故'],
    ['10 deaths', { deaths: 10 }, 'serious', '重大事故'],
    ['29 deaths', { deaths: 29 }, 'serious', '重大事故'],
    ['30 deaths', { deaths: 30 }, 'particularly-serious', '特别重大事故'],
    ['9 serious injuries', { seriousInjuries: 9 }, 'general', '一般事故'],
    ['10 serious injuries', { seriousInjuries: 10 }, 'major', '较大事故'],
    ['49 serious injuries', { seriousInjuries: 49 }, 'major', '较大事故'],
    ['50 serious injuries', { seriousInjuries: 50 }, 'serious', '重大事故'],
    ['100 serious injuries', { seriousInjuries: 100 }, 'particularly-serious', '特别重大事故'],
    ['9 999 999.99 元 loss', { directLossFen: yuan(9_999_999.99) }, 'general', '一般事故'],
    ['10 000 000 元 loss', { directLossFen: yuan(10_000_000) }, 'major', '较大事故'],
    ['49 999 999.99 元 loss', { directLossFen: yuan(49_999_999.99) }, 'major', '较大事故'],
    ['50 000 000 元 loss', { directLossFen: yuan(50_000_000) }, 'serious', '重大事故'],
    ['99 999 999.99 元 loss', { directLossFen: yuan(99_999_999.99) }, 'serious', '重大事故'],
    ['100 000 000 元 loss', { directLossFen: yuan(100_000_000) }, 'particularly-serious', '特别重大事故'],
  ] as const)('%s → %s', (_name, figures, level, nameZh) => {
    expect(classifyAccident({ ...none, ...figures })).toMatchObject({ level, nameZh });
  });

  it('takes the highest level any figure reaches', () => {
    const result = classifyAccident({ deaths: 1, seriousInjuries: 12, directLossFen: yuan(60_000_000) });
    expect(result).toMatchObject({ level: 'serious', decidedBy: ['direct-economic-loss'], investigatedBy: 'province' });
  });

  it('names who investigates and the approval period (Arts. 19, 32)', () => {
    expect(classifyAccident({ ...none, deaths: 1 })).toMatchObject({
      investigatedBy: 'district',
      approvalDays: 15,
      approvalExtensionDays: 0,
      approvalBasisId: 'accident.approval',
    });
    expect(classifyAccident({ ...none, deaths: 5 })).toMatchObject({ investigatedBy: 'city', approvalDays: 15 });
    expect(classifyAccident({ ...none, deaths: 31 })).toMatchObject({
      investigatedBy: 'state-council',
      approvalDays: 30,
      approvalExtensionDays: 30,
      approvalBasisId: 'accident.approval-particularly-serious',
      decidedBy: ['deaths'],
    });
  });

  it('allows delegating a general accident to the unit only when nobody was hurt', () => {
    expect(classifyAccident({ ...none, directLossFen: yuan(200_000), otherInjuries: 0 }).mayDelegateToUnit).toBe(true);
    // injuries unknown
    expect(classifyAccident({ ...none, directLossFen: yuan(200_000) }).mayDelegateToUnit).toBe(false);
    expect(classifyAccident({ ...none, otherInjuries: 2 }).mayDelegateToUnit).toBe(false);
  });

  it('rejects negative or fractional figures', () => {
    expect(() => classifyAccident({ ...none, deaths: -1 })).toThrow(RangeError);
    expect(() => classifyAccident({ ...none, directLossFen: 10.5 })).toThrow(RangeError);
  });
});
