// Starting a case from the console: an officer enters a served penalty decision (the enforcement case)
// or registers an accident.
import { serviceMethodLabels, serviceMethods } from '../../workflows/enforcement/types';
import { apiFor, formOf, page, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';
import {
  beijing,
  renderForm,
  submitCase,
  valuesOf,
  withOptions,
  yuanToFen,
  type FieldSpec,
  type FormState,
} from './case-form';

// ---- The enforcement case: a penalty decision that has been served (行政处罚法 Art. 61, 67). ----

const enforcementSpecs: FieldSpec[] = [
  {
    name: 'decisionNumber',
    label: '行政处罚决定书文号',
    required: true,
    missing: '请填写处罚决定书文号',
    hint: '例如：北碚应急罚〔2026〕12号',
  },
  { name: 'decidedOn', label: '决定日期', type: 'date', required: true, missing: '请填写决定日期' },
  { name: 'partyName', label: '当事人名称', required: true, apiField: 'party.name', missing: '请填写当事人名称' },
  { name: 'partyCode', label: '统一社会信用代码', apiField: 'party.unifiedSocialCreditCode' },
  {
    name: 'fineYuan',
    label: '罚款金额（元）',
    type: 'number',
    required: true,
    apiField: 'fineFen',
    hint: '没有罚款的填 0，并列明整改义务',
  },
  { name: 'rectification', label: '整改义务', type: 'textarea', hint: '每行一项' },
  {
    name: 'servedOn',
    label: '送达日期',
    type: 'date',
    required: true,
    missing: '请填写送达日期',
    hint: '缴款期限自送达之日起计算十五日',
  },
  {
    name: 'serviceMethod',
    label: '送达方式',
    type: 'select',
    required: true,
    missing: '请选择送达方式',
    options: serviceMethods.map((m) => ({ value: m, text: serviceMethodLabels[m] })),
  },
  { name: 'facts', label: '违法事实', type: 'textarea' },
  { name: 'legalBasisText', label: '处罚依据', type: 'textarea' },
];

export async function showNewEnforcement(c: ConsoleContext, _deps: ConsoleDeps, form?: FormState): Promise<Response> {
  return page(
    c,
    '录入已送达的处罚决定',
    renderForm(c, '/cases/new/enforcement', '立案', enforcementSpecs, form),
    form?.status ?? 200,
  );
}

export async function submitNewEnforcement(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const f = await formOf(c);
  const values = valuesOf(f, enforcementSpecs) as Record<string, string>;
  const localErrors: Record<string, string> = {};
  const fineFen = yuanToFen(values.fineYuan!);
  if (fineFen === undefined) localErrors.fineYuan = '请填写罚款金额（元），最多两位小数';
  const rectification = values
    .rectification!.split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const opt = (v: string | undefined) => v || undefined;
  const body = {
    decisionNumber: values.decisionNumber,
    decidedOn: values.decidedOn,
    party: { name: values.partyName, unifiedSocialCreditCode: opt(values.partyCode) },
    fineFen,
    rectification: rectification.length ? rectification : undefined,
    servedOn: values.servedOn,
    serviceMethod: opt(values.serviceMethod),
    departmentId: c.get('user').departmentId,
    facts: opt(values.facts),
    legalBasisText: opt(values.legalBasisText),
  };
  return submitCase(c, deps, '/api/enforcement-cases', body, enforcementSpecs, values, localErrors, (form) =>
    showNewEnforcement(c, deps, form),
  );
}

// ---- The accident: registered when reported (生产安全事故报告和调查处理条例 Art. 9). ----

const accidentSpecs: FieldSpec[] = [
  { name: 'caseNumber', label: '事故编号', required: true, missing: '请填写事故编号' },
  { name: 'occurredAt', label: '发生时间', type: 'datetime-local', required: true, missing: '请填写事故发生时间' },
  { name: 'reportedAt', label: '接报时间', type: 'datetime-local', hint: '事故单位应在 1 小时内报告' },
  { name: 'place', label: '发生地点', required: true, missing: '请填写发生地点' },
  {
    name: 'enterpriseName',
    label: '事故单位',
    required: true,
    apiField: 'enterprise.name',
    missing: '请填写事故单位名称',
  },
  {
    name: 'enterpriseCode',
    label: '统一社会信用代码',
    required: true,
    apiField: 'enterprise.unifiedSocialCreditCode',
    missing: '请填写统一社会信用代码',
  },
  { name: 'industry', label: '行业', required: true, missing: '请填写行业' },
  { name: 'deaths', label: '死亡人数', type: 'number', required: true },
  { name: 'seriousInjuries', label: '重伤人数（含急性工业中毒）', type: 'number', required: true },
  { name: 'directLossYuan', label: '直接经济损失（元）', type: 'number', required: true, apiField: 'directLossFen' },
  {
    name: 'supervisoryDepartmentIds',
    label: '负有安全生产监督管理职责的部门（抄送）',
    type: 'checkboxes',
    options: [],
  },
];

export async function showNewAccident(c: ConsoleContext, deps: ConsoleDeps, form?: FormState): Promise<Response> {
  const res = await apiFor(c, deps).get('/api/departments');
  const supervisory = (
    res.ok ? (res.body as Array<{ id: string; name: string; hasSupervisoryDuty: boolean }>) : []
  ).filter((d) => d.hasSupervisoryDuty);
  const specs = withOptions(
    accidentSpecs,
    'supervisoryDepartmentIds',
    supervisory.map((d) => ({ value: d.id, text: d.name })),
  );
  return page(c, '登记生产安全事故', renderForm(c, '/cases/new/accident', '登记', specs, form), form?.status ?? 200);
}

export async function submitNewAccident(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const f = await formOf(c);
  const values = valuesOf(f, accidentSpecs);
  const localErrors: Record<string, string> = {};
  const count = (name: string) => {
    const v = values[name] as string;
    if (/^\d{1,5}$/.test(v)) return Number(v);
    localErrors[name] = '请填写人数（非负整数）';
    return undefined;
  };
  const directLossFen = yuanToFen(values.directLossYuan as string);
  if (directLossFen === undefined) localErrors.directLossYuan = '请填写金额（元），最多两位小数';
  const body = {
    caseNumber: values.caseNumber,
    occurredAt: beijing(values.occurredAt as string),
    reportedAt: beijing(values.reportedAt as string),
    place: values.place,
    enterprise: { name: values.enterpriseName, unifiedSocialCreditCode: values.enterpriseCode },
    industry: values.industry,
    deaths: count('deaths'),
    seriousInjuries: count('seriousInjuries'),
    directLossFen,
    supervisoryDepartmentIds: values.supervisoryDepartmentIds,
  };
  return submitCase(c, deps, '/api/accidents', body, accidentSpecs, values, localErrors, (form) =>
    showNewAccident(c, deps, form),
  );
}
