// Which enforcement powers may be entrusted, and to whom (委托执法, policy §十六, §十).
// Returns every reason a proposed entrustment must be refused; an empty list means it may proceed
// (the legal affairs office still reviews the scope, 重庆市安全生产条例 Art. 60).

export type PowerType = 'penalty' | 'inspection' | 'compulsory-measure' | 'compulsory-execution' | 'licensing';

export type OrganisationKind =
  'administrative-organ' | 'public-affairs-organisation' | 'enterprise' | 'social-organisation' | 'individual';

export interface EntrustedOrganisation {
  kind: OrganisationKind;
  /** 依法成立. */
  establishedByLaw: boolean;
  /** Staff who know the law and hold enforcement credentials (取得行政执法资格). */
  credentialedStaff: boolean;
  /** Can organise the technical inspection or appraisal the work needs. */
  hasTechnicalCapacity: boolean;
  /**
   * The powers would reach this organisation from a body that itself holds them only by
   * entrustment — i.e. the proposal is a re-entrustment (再委托).
   */
  isEntrustedBody: boolean;
}

export interface EntrustmentProposal {
  powers: readonly PowerType[];
  entrustedOrg: EntrustedOrganisation;
  /** Whether the entrusted work needs technical inspection or appraisal; assumed for work safety. */
  requiresTechnicalInspection?: boolean;
}

export type EntrustmentRule =
  | 'empty-scope'
  | 'compulsory-measure-not-entrustable'
  | 'compulsory-execution-not-entrustable'
  | 'licensing-only-to-administrative-organ'
  | 're-entrustment'
  | 'not-established-by-law'
  | 'no-public-affairs-function'
  | 'no-credentialed-staff'
  | 'no-technical-capacity';

export interface EntrustmentRefusal {
  rule: EntrustmentRule;
  /** The power concerned, when the refusal is about one power. */
  power?: PowerType;
  basis: string;
  message: string;
}

export const POWER_NAMES: Readonly<Record<PowerType, string>> = {
  penalty: '行政处罚',
  inspection: '监督检查',
  'compulsory-measure': '行政强制措施',
  'compulsory-execution': '行政强制执行',
  licensing: '行政许可',
};

export function entrustmentRefusals(proposal: EntrustmentProposal): EntrustmentRefusal[] {
  const { entrustedOrg: org } = proposal;
  const powers = [...new Set(proposal.powers)];
  const refusals: EntrustmentRefusal[] = [];

  if (powers.length === 0) {
    refusals.push({ rule: 'empty-scope', basis: '《行政处罚法》第二十条', message: '委托书未载明任何委托事项' });
  }
  if (powers.includes('compulsory-measure')) {
    refusals.push({
      rule: 'compulsory-measure-not-entrustable',
      power: 'compulsory-measure',
      basis: '《行政强制法》第十七条',
      message: '行政强制措施权不得委托，只能由法律、法规规定的行政机关在法定职权范围内实施',
    });
  }
  if (powers.includes('compulsory-execution')) {
    refusals.push({
      rule: 'compulsory-execution-not-entrustable',
      power: 'compulsory-execution',
      basis: '北碚府办发〔2016〕65号第十六条；《行政强制法》第十三条',
      message: '行政强制属于法定不得委托的事项，行政强制执行不得委托',
    });
  }
  if (powers.includes('licensing') && org.kind !== 'administrative-organ') {
    refusals.push({
      rule: 'licensing-only-to-administrative-organ',
      power: 'licensing',
      basis: '《行政许可法》第二十四条；北碚府办发〔2016〕65号第十六条',
      message: '行政许可只能委托其他行政机关实施，不得委托事业单位、企业或者其他组织',
    });
  }
  if (org.isEntrustedBody) {
    refusals.push({
      rule: 're-entrustment',
      basis: '《行政处罚法》第二十条；《行政许可法》第二十四条',
      message: '受委托组织不得再委托其他组织或者个人实施，只能由委托机关直接委托',
    });
  }

  // 行政处罚法 Art. 21 conditions, applied to penalty and inspection work (policy §十六 requires
  // entrusted enforcement to follow the statutory procedure).
  if (powers.some((power) => power === 'penalty' || power === 'inspection')) {
    const conditions = '《行政处罚法》第二十一条';
    if (!org.establishedByLaw) {
      refusals.push({ rule: 'not-established-by-law', basis: conditions, message: '受委托组织必须依法成立' });
    }
    if (org.kind !== 'public-affairs-organisation' && org.kind !== 'administrative-organ') {
      refusals.push({
        rule: 'no-public-affairs-function',
        basis: conditions,
        message: '受委托组织必须具有管理公共事务职能，企业、社会组织和个人不得受委托执法',
      });
    }
    if (!org.credentialedStaff) {
      refusals.push({
        rule: 'no-credentialed-staff',
        basis: conditions,
        message: '受委托组织必须有熟悉有关法律、法规、规章和业务并取得行政执法资格的工作人员',
      });
    }
    if (proposal.requiresTechnicalInspection !== false && !org.hasTechnicalCapacity) {
      refusals.push({
        rule: 'no-technical-capacity',
        basis: conditions,
        message: '需要进行技术检查或者技术鉴定的，受委托组织应当有条件组织进行相应的技术检查或者技术鉴定',
      });
    }
  }
  return refusals;
}
