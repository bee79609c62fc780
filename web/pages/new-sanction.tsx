// Starting the two cases that follow a serious violation: a criminal case transfer to public security
// (行政执法机关移送涉嫌犯罪案件的规定) and a blacklist entry (失信联合惩戒).
import { blacklistRestrictionLabels, blacklistRestrictions } from '../../domain/blacklist';
import { apiFor, formOf, page, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';
import { renderForm, submitCase, valuesOf, withOptions, type FieldSpec, type FormState } from './case-form';

const transferSpecs: FieldSpec[] = [
  { name: 'caseNumber', label: '移送案件编号', required: true, missing: '请填写移送案件编号' },
  {
    name: 'sourceKind',
    label: '来源案件类型',
    type: 'select',
    required: true,
    apiField: 'source.kind',
    missing: '请选择来源案件类型',
    options: [
      { value: 'enforcement', text: '行政执法案件' },
      { value: 'accident', text: '事故调查' },
    ],
  },
  {
    name: 'sourceCaseNumber',
    label: '来源案件编号',
    required: true,
    apiField: 'source.caseNumber',
    missing: '请填写来源案件编号',
  },
  {
    name: 'suspectName',
    label: '涉嫌犯罪的单位或个人',
    required: true,
    apiField: 'suspect.name',
    missing: '请填写涉嫌犯罪的单位或个人',
  },
  {
    name: 'suspectKind',
    label: '主体类型',
    type: 'select',
    required: true,
    apiField: 'suspect.kind',
    missing: '请选择主体类型',
    options: [
      { value: 'organisation', text: '单位' },
      { value: 'person', text: '个人' },
    ],
  },
  { name: 'suspectCode', label: '统一社会信用代码（单位）', apiField: 'suspect.unifiedSocialCreditCode' },
  {
    name: 'allegedOffence',
    label: '涉嫌罪名',
    required: true,
    missing: '请填写涉嫌罪名',
    hint: '例如：重大责任事故罪、危险作业罪',
  },
  { name: 'facts', label: '涉嫌犯罪的事实', type: 'textarea', required: true, missing: '请填写涉嫌犯罪的事实' },
  {
    name: 'officerIds',
    label: '提出书面报告的执法人员（两名以上）',
    type: 'checkboxes',
    required: true,
    apiField: 'report.officerIds',
    options: [],
  },
  {
    name: 'summary',
    label: '移送报告',
    type: 'textarea',
    required: true,
    apiField: 'report.summary',
    missing: '请填写移送报告',
  },
  {
    name: 'investigationReport',
    label: '涉嫌犯罪案件调查报告（名称）',
    required: true,
    apiField: 'materials.investigationReport.title',
    missing: '请填写调查报告名称',
  },
  {
    name: 'exhibitList',
    label: '涉案物品清单（名称）',
    required: true,
    apiField: 'materials.exhibitList.title',
    missing: '请填写涉案物品清单名称',
  },
];

export async function showNewTransfer(c: ConsoleContext, deps: ConsoleDeps, form?: FormState): Promise<Response> {
  // The report is made by officers of the unit holding enforcement credentials (two or more).
  const res = await apiFor(c, deps).get(`/api/users?departmentId=${encodeURIComponent(c.get('user').departmentId)}`);
  const officers = (
    res.ok ? (res.body as Array<{ id: string; name: string; hasEnforcementCredential: boolean }>) : []
  ).filter((u) => u.hasEnforcementCredential);
  const specs = withOptions(
    transferSpecs,
    'officerIds',
    officers.map((o) => ({ value: o.id, text: o.name })),
  );
  return page(
    c,
    '提出涉嫌犯罪案件移送',
    renderForm(c, '/cases/new/criminal-transfer', '提请审批', specs, form),
    form?.status ?? 200,
  );
}

export async function submitNewTransfer(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const f = await formOf(c);
  const values = valuesOf(f, transferSpecs);
  const v = (name: string) => (values[name] as string) || undefined;
  const body = {
    caseNumber: v('caseNumber'),
    source: { kind: v('sourceKind'), caseNumber: v('sourceCaseNumber') },
    suspect: { name: v('suspectName'), kind: v('suspectKind'), unifiedSocialCreditCode: v('suspectCode') },
    allegedOffence: v('allegedOffence'),
    facts: v('facts'),
    report: { officerIds: values.officerIds, summary: v('summary') },
    materials: {
      investigationReport: { title: v('investigationReport') },
      exhibitList: { title: v('exhibitList') },
      appraisalReports: [],
    },
  };
  return submitCase(c, deps, '/api/criminal-transfers', body, transferSpecs, values, {}, (form) =>
    showNewTransfer(c, deps, form),
  );
}

const blacklistSpecs: FieldSpec[] = [
  { name: 'caseNumber', label: '案件编号', required: true, missing: '请填写案件编号' },
  { name: 'enterpriseName', label: '企业名称', required: true, apiField: 'enterprise.name', missing: '请填写企业名称' },
  {
    name: 'enterpriseCode',
    label: '统一社会信用代码',
    required: true,
    apiField: 'enterprise.unifiedSocialCreditCode',
    missing: '请填写统一社会信用代码',
  },
  { name: 'reason', label: '列入事由', type: 'textarea', required: true, missing: '请填写列入事由' },
  { name: 'decisionNo', label: '列入决定文号', required: true, missing: '请填写列入决定文号' },
  {
    name: 'startsOn',
    label: '限制开始日期',
    type: 'date',
    required: true,
    apiField: 'restriction.startsOn',
    missing: '请填写限制开始日期',
  },
  {
    name: 'endsOn',
    label: '限制结束日期',
    type: 'date',
    required: true,
    apiField: 'restriction.endsOn',
    missing: '请填写限制结束日期',
  },
  {
    name: 'restrictions',
    label: '限制措施',
    type: 'checkboxes',
    required: true,
    options: blacklistRestrictions.map((r) => ({ value: r, text: blacklistRestrictionLabels[r] })),
  },
];

export async function showNewBlacklist(c: ConsoleContext, _deps: ConsoleDeps, form?: FormState): Promise<Response> {
  return page(
    c,
    '提请列入安全生产黑名单',
    renderForm(c, '/cases/new/blacklist', '提请审批', blacklistSpecs, form),
    form?.status ?? 200,
  );
}

export async function submitNewBlacklist(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const f = await formOf(c);
  const values = valuesOf(f, blacklistSpecs);
  const v = (name: string) => (values[name] as string) || undefined;
  const body = {
    caseNumber: v('caseNumber'),
    enterprise: { name: v('enterpriseName'), unifiedSocialCreditCode: v('enterpriseCode') },
    reason: v('reason'),
    decisionNo: v('decisionNo'),
    restriction: { startsOn: v('startsOn'), endsOn: v('endsOn') },
    restrictions: values.restrictions,
  };
  return submitCase(c, deps, '/api/blacklist', body, blacklistSpecs, values, {}, (form) =>
    showNewBlacklist(c, deps, form),
  );
}
