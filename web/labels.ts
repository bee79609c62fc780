// Chinese labels for the identifiers the API returns.

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

/** Audit actions: `approval.approve` → 审批：同意; unknown actions are shown as recorded. */
export function auditActionLabel(action: string): string {
  const known: Record<string, string> = {
    'auth.dev-login': '登录',
    'auth.denied': '未登录访问被拒绝',
    'access.denied': '越权访问被拒绝',
    'substitute.set': '设置代理',
    'calendar.load': '载入放假通知',
    'deadline.recomputed': '期限按新日历重新计算',
  };
  if (known[action]) return known[action];
  const [group, verb] = action.split('.', 2) as [string, string | undefined];
  if (group === 'approval' && verb) {
    const extra: Record<string, string> = {
      opened: '环节开始',
      'step-opened': '环节开始',
      'step-closed': '环节结束',
      overdue: '环节逾期',
      remind: '提醒',
      reminded: '提醒',
      escalated: '逾期上报',
    };
    return `审批：${actionLabels[verb] ?? extra[verb] ?? verb}`;
  }
  if (group === 'case' && verb) {
    const outcome: Record<string, string> = {
      approved: '案件办结（已批准）',
      rejected: '案件办结（未批准）',
      withdrawn: '案件已撤回',
      opened: '立案',
      closed: '办结',
    };
    return outcome[verb] ?? `案件：${verb}`;
  }
  return action;
}

export const label = (map: Record<string, string>, key: string | null | undefined): string =>
  key ? (map[key] ?? key) : '—';
