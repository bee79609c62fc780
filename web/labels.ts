// Chinese labels for the identifiers the API returns.
import { agencyNames } from '../agencies/types';
import { serviceMethodLabels } from '../workflows/enforcement/types';
import { auditActionName } from './audit-labels';
import { yuan } from './pages/workbench/format';

export const roleLabels: Record<string, string> = {
  officer: '执法人员',
  'department-head': '部门负责人',
  'legal-reviewer': '法制审核员',
  'district-leader': '区政府领导',
  'safety-office': '安委办',
  admin: '系统管理员',
};

export const kindLabels: Record<string, string> = {
  enforcement: '申请法院强制执行',
  'criminal-transfer': '涉嫌犯罪案件移送',
  accident: '事故调查',
  blacklist: '失信惩戒（黑名单）',
  'annual-plan': '年度监督检查计划',
  'plan-cycle': '年度计划周期',
  entrustment: '委托执法',
  'approval-request': '审批事项',
};

export const actionLabels: Record<string, string> = {
  approve: '同意',
  reject: '不同意',
  return: '退回',
  withdraw: '撤回',
  transfer: '转办',
  'add-signer': '加签',
  urge: '催办',
  comment: '意见',
  resubmit: '重新提交',
  retry: '重试',
  abandon: '放弃',
};

export const taskKindLabels: Record<string, string> = {
  approval: '审批',
  revision: '修改',
  'needs-attention': '需人工处理',
  action: '办理',
};
export const taskStatusLabels: Record<string, string> = {
  open: '待办',
  waiting: '等待',
  done: '已办',
  cancelled: '已取消',
};
export const deadlineStatusLabels: Record<string, string> = {
  pending: '进行中',
  met: '按期完成',
  missed: '已逾期',
  cancelled: '已取消',
};
export const caseStatusLabels: Record<string, string> = { open: '办理中', closed: '已办结' };
export const owedByLabels: Record<string, string> = {
  court: '人民法院',
  party: '当事人',
  agency: '本机关',
  department: '本部门',
  'public-security': '公安机关',
  procuratorate: '检察院',
  'upper-authority': '上级机关',
  'safety-office': '安委办',
  government: '区政府',
};

/** Audit actions (`enforcement.payment-recorded` → 登记缴款); an action without a name reads as its kind's record. */
export function auditActionLabel(action: string): string {
  const named = auditActionName(action);
  if (named) return named;
  const group = action.split('.', 1)[0] ?? '';
  return `${groupLabels[group] ?? '办理'}记录`;
}

const groupLabels: Record<string, string> = {
  approval: '审批',
  enforcement: '强制执行',
  court: '人民法院',
  accident: '事故调查',
  'criminal-transfer': '案件移送',
  criminal: '案件移送',
  blacklist: '黑名单',
  plan: '年度计划',
  'plan-cycle': '年度计划',
  'random-draw': '随机抽查',
  'random-inspection': '随机抽查',
  entrustment: '委托执法',
};

/** Who acted, when it was not a person: the system or an external agency (`agency:court` → 人民法院). */
export function actorLabel(id: string, names: Map<string, string>): string {
  const known = names.get(id);
  if (known) return known;
  if (id === 'system') return '系统';
  if (id.startsWith('agency:'))
    return (agencyNames as Record<string, string>)[id.slice('agency:'.length)] ?? '外部机构';
  return id;
}

/** Approval step ids that are not named in the inbox. */
export const stepLabels: Record<string, string> = {
  initiator: '发起人（修改后重新提交）',
};

export const label = (map: Record<string, string>, key: string | null | undefined): string =>
  key ? (map[key] ?? key) : '—';

/** Case summary fields a task page shows, in the words of the documents (unknown fields are not shown). */
export const summaryFieldLabels: Record<string, string> = {
  decisionNumber: '处罚决定书文号',
  decisionNo: '决定书文号',
  servedOn: '送达日期',
  serviceMethod: '送达方式',
  fineYuan: '罚款金额（元）',
  allegedOffence: '涉嫌罪名',
  reason: '事由',
  level: '事故等级',
  levelName: '事故等级',
  occurredAt: '发生时间',
  investigatedBy: '调查组织单位',
  approvedOn: '批复日期',
  year: '年度',
  items: '检查事项数',
  planVersion: '计划版本',
  orgName: '受委托组织',
  agencyName: '委托机关',
  termStart: '委托期限起',
  termEnd: '委托期限止',
  territory: '委托区域',
  letterNumber: '委托书文号',
  escalated: '逾期上报单位数',
  outcome: '结果',
};

/** Values of enumerated summary fields. */
export const summaryValueLabels: Record<string, Record<string, string>> = {
  serviceMethod: serviceMethodLabels,
  level: { 'particularly-serious': '特别重大事故', serious: '重大事故', major: '较大事故', general: '一般事故' },
  investigatedBy: {
    'state-council': '国务院',
    province: '省级人民政府',
    city: '设区的市级人民政府',
    district: '县级人民政府',
  },
};

/** A summary field's value as a person reads it: known enumerations in Chinese, ISO times as 年月日. */
export function summaryValue(key: string, value: unknown): string {
  const text = String(value);
  const named = summaryValueLabels[key]?.[text];
  if (named) return named;
  if (typeof value === 'boolean') return value ? '是' : '否';
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(text);
  if (iso) return `${iso[1]}年${Number(iso[2])}月${Number(iso[3])}日${iso[4] ? ` ${iso[4]}:${iso[5]}` : ''}`;
  return text;
}

// ---- The enforcement workbench (罚款强制执行): the values its facts and forms carry ----

export const challengeKindLabels: Record<string, string> = { reconsideration: '行政复议', litigation: '行政诉讼' };
export const challengeEventLabels: Record<string, string> = { filed: '已申请（起诉）', decided: '已作出决定（判决）' };
export const challengeOutcomeLabels: Record<string, string> = {
  upheld: '维持',
  revoked: '撤销',
  varied: '变更（罚款数额）',
};
export const courtReviewEventLabels: Record<string, string> = {
  filed: '已向上一级法院申请复议',
  decided: '上一级法院已作出复议裁定',
};
export const courtReviewOutcomeLabels: Record<string, string> = {
  accepted: '裁定受理',
  enforce: '裁定准予执行',
  refused: '维持原裁定',
};
export const deferralKindLabels: Record<string, string> = { deferral: '暂缓缴纳', instalments: '分期缴纳' };
export const deferralStatusLabels: Record<string, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '未批准',
};
export const enforcementActionLabels: Record<string, string> = {
  'record-payment': '登记缴款',
  'request-deferral': '申请暂缓或分期缴纳',
  'record-challenge': '登记行政复议或诉讼',
  'record-demand-service': '登记催告书送达',
  'record-statement': '登记当事人陈述申辩',
  'supplement-materials': '补正申请强制执行材料',
  'record-court-review': '登记上一级法院复议',
};

/** The API's field names as they appear inside its messages (`servedOn 不能早于…`), in the form's words. */
export const enforcementFieldLabels: Record<string, string> = {
  amountFen: '缴款金额',
  paidOn: '缴款日期',
  reference: '缴款凭证号',
  deferredTo: '暂缓至',
  instalments: '分期计划',
  reason: '申请理由',
  servedOn: '送达日期',
  method: '送达方式',
  recipient: '签收人',
  receivedOn: '收到日期',
  summary: '陈述申辩内容',
  facts: '违法事实',
  reasons: '作出决定的理由',
  legalBasisText: '决定依据',
  newFineFen: '变更后的罚款金额',
  outcome: '结果',
  event: '事项',
  kind: '类别',
  date: '日期',
  comment: '备注',
};

/** A refusal message with the API's field names and enumeration values replaced by Chinese words. */
export function chineseMessage(message: string): string {
  let out = message;
  for (const [code, text] of Object.entries(enforcementFieldLabels))
    out = out.replace(new RegExp(`\\b${code}\\b`, 'g'), text);
  out = out.replace(/（(\d{4})-(\d{2})-(\d{2})）/g, (_m, y, mo, d) => `（${y}年${Number(mo)}月${Number(d)}日）`);
  out = out.replace(/(\d+) 分/g, (_m, n) => yuan(Number(n)));
  return out;
}
