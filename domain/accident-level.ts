// Accident levels (生产安全事故报告和调查处理条例, 国务院令第493号, Art. 3). Lower bounds are
// inclusive ("以上"包括本数, "以下"不包括本数); the highest level reached by any figure decides.
import type { LegalBasisId } from './legal-basis';

export type AccidentLevel = 'particularly-serious' | 'serious' | 'major' | 'general';
export type InvestigatingGovernment = 'state-council' | 'province' | 'city' | 'district';
export type AccidentMeasure = 'deaths' | 'serious-injuries' | 'direct-economic-loss';

export interface AccidentFigures {
  deaths: number;
  /** Serious injuries, including acute industrial poisoning (重伤，包括急性工业中毒). */
  seriousInjuries: number;
  /** Direct economic loss in fen (1 元 = 100 fen). */
  directLossFen: number;
  /** Other (non-serious) injuries; only used to tell whether there were no casualties at all. */
  otherInjuries?: number;
}

export interface AccidentClassification {
  level: AccidentLevel;
  /** 特别重大 / 重大 / 较大 / 一般 (+ 事故). */
  nameZh: string;
  /** The figures that reached this level. */
  decidedBy: AccidentMeasure[];
  /** Art. 19. */
  investigatedBy: InvestigatingGovernment;
  investigatedByZh: string;
  /**
   * Art. 19 ¶2: a general accident with no casualties may be delegated to the unit itself.
   * Only true when otherInjuries is given as 0 too.
   */
  mayDelegateToUnit: boolean;
  /** Art. 32: days to approve (批复) the report, and the most it may be extended. */
  approvalDays: number;
  approvalExtensionDays: number;
  approvalBasisId: LegalBasisId;
}

const YUAN = 100; // fen

interface LevelRule {
  level: AccidentLevel;
  nameZh: string;
  minDeaths: number;
  minSeriousInjuries: number;
  minDirectLossFen: number;
  investigatedBy: InvestigatingGovernment;
  investigatedByZh: string;
  approvalDays: number;
  approvalExtensionDays: number;
  approvalBasisId: LegalBasisId;
}

/** Highest first. */
const LEVEL_RULES: readonly LevelRule[] = [
  {
    level: 'particularly-serious',
    nameZh: '特别重大事故',
    minDeaths: 30,
    minSeriousInjuries: 100,
    minDirectLossFen: 100_000_000 * YUAN, // 1亿元
    investigatedBy: 'state-council',
    investigatedByZh: '国务院或者国务院授权有关部门',
    approvalDays: 30,
    approvalExtensionDays: 30,
    approvalBasisId: 'accident.approval-particularly-serious',
  },
  {
    level: 'serious',
    nameZh: '重大事故',
    minDeaths: 10,
    minSeriousInjuries: 50,
    minDirectLossFen: 50_000_000 * YUAN, // 5000万元
    investigatedBy: 'province',
    investigatedByZh: '事故发生地省级人民政府',
    approvalDays: 15,
    approvalExtensionDays: 0,
    approvalBasisId: 'accident.approval',
  },
  {
    level: 'major',
    nameZh: '较大事故',
    minDeaths: 3,
    minSeriousInjuries: 10,
    minDirectLossFen: 10_000_000 * YUAN, // 1000万元
    // In a municipality directly under the central government (重庆) local rules say who acts here.
    investigatedBy: 'city',
    investigatedByZh: '事故发生地设区的市级人民政府',
    approvalDays: 15,
    approvalExtensionDays: 0,
    approvalBasisId: 'accident.approval',
  },
  {
    level: 'general',
    nameZh: '一般事故',
    minDeaths: 0,
    minSeriousInjuries: 0,
    minDirectLossFen: 0,
    investigatedBy: 'district',
    investigatedByZh: '事故发生地县级人民政府（本区为区人民政府）',
    approvalDays: 15,
    approvalExtensionDays: 0,
    approvalBasisId: 'accident.approval',
  },
];

export function classifyAccident(figures: AccidentFigures): AccidentClassification {
  for (const [field, value] of Object.entries(figures)) {
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${field} must be a non-negative whole number, got ${String(value)}`);
    }
  }
  const { deaths, seriousInjuries, directLossFen } = figures;
  for (const rule of LEVEL_RULES) {
    const decidedBy: AccidentMeasure[] = [];
    if (deaths >= rule.minDeaths) decidedBy.push('deaths');
    if (seriousInjuries >= rule.minSeriousInjuries) decidedBy.push('serious-injuries');
    if (directLossFen >= rule.minDirectLossFen) decidedBy.push('direct-economic-loss');
    if (rule.level !== 'general' && decidedBy.length === 0) continue;
    return {
      level: rule.level,
      nameZh: rule.nameZh,
      decidedBy: rule.level === 'general' ? [] : decidedBy,
      investigatedBy: rule.investigatedBy,
      investigatedByZh: rule.investigatedByZh,
      mayDelegateToUnit:
        rule.level === 'general' && deaths === 0 && seriousInjuries === 0 && figures.otherInjuries === 0,
      approvalDays: rule.approvalDays,
      approvalExtensionDays: rule.approvalExtensionDays,
      approvalBasisId: rule.approvalBasisId,
    };
  }
  throw new Error('unreachable: the general level always matches');
}
