// Starting a case from the console: an officer enters a served penalty decision (the enforcement case)
// or registers an accident. The API validates; its field errors are shown beside the fields, in Chinese.
import type { FC } from 'hono/jsx';
import { findCase } from '../../db/queries/cases';
import { serviceMethodLabels, serviceMethods } from '../../workflows/enforcement/types';
import { errorsByField } from '../api-client';
import { Field, Notice, describedBy } from '../layout';
import { apiFor, dbOf, done, formOf, page, problemStatus, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';

interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'datetime-local' | 'number' | 'textarea' | 'select' | 'checkboxes';
  required?: boolean;
  hint?: string;
  options?: Array<{ value: string; text: string }>;
  /** The API's name for the field, when it differs (e.g. `party.name`). */
  apiField?: string;
  /** What to say when a required field is left empty (the API's zod message is generic). */
  missing?: string;
}

interface FormState {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  status: 400 | 403 | 404 | 409 | 422;
}

const Input: FC<{ spec: FieldSpec; value: string | string[] | undefined; error?: string }> = ({ spec, value, error }) => {
  const common = { id: spec.name, name: spec.name, 'aria-describedby': describedBy(spec.name, error, spec.hint), 'aria-invalid': error ? 'true' : undefined };
  const text = typeof value === 'string' ? value : '';
  switch (spec.type) {
    case 'textarea':
      return <textarea {...common} maxlength={5000}>{text}</textarea>;
    case 'select':
      return (
        <select {...common}>
          <option value="">请选择</option>
          {spec.options!.map((o) => (
            <option value={o.value} selected={text === o.value}>
              {o.text}
            </option>
          ))}
        </select>
      );
    case 'checkboxes': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div class="choices">
          {spec.options!.map((o) => (
            <label>
              <input type="checkbox" name={spec.name} value={o.value} checked={chosen.includes(o.value)} />
              {o.text}
            </label>
          ))}
        </div>
      );
    }
    default:
      return <input {...common} type={spec.type ?? 'text'} value={text} step={spec.type === 'number' ? 'any' : undefined} />;
  }
};

function renderForm(c: ConsoleContext, action: string, submit: string, specs: FieldSpec[], form?: FormState) {
  const e = form?.errors ?? {};
  return (
    <>
      {form && Object.keys(e).length > 0 ? <Notice kind="error">{e._ ?? '请修改标出的内容后重新提交。'}</Notice> : null}
      <form class="stack card" method="post" action={action} novalidate>
        <input type="hidden" name="_csrf" value={c.get('csrf')} />
        {specs.map((s) =>
          s.type === 'checkboxes' ? (
            // A group of choices is a fieldset whose legend names it, not a label pointing at one box.
            <fieldset class={e[s.name] ? 'field invalid' : 'field'} aria-describedby={describedBy(s.name, e[s.name])}>
              <legend>{s.label}</legend>
              <Input spec={s} value={form?.values[s.name]} />
              {e[s.name] ? <p class="error" id={`${s.name}-error`} role="alert">{e[s.name]}</p> : null}
            </fieldset>
          ) : (
            <Field id={s.name} label={s.label} error={e[s.name]} hint={s.hint} required={s.required}>
              <Input spec={s} value={form?.values[s.name]} error={e[s.name]} />
            </Field>
          ),
        )}
        <div>
          <button type="submit">{submit}</button>
        </div>
      </form>
    </>
  );
}

/** Amounts are typed in yuan with at most two decimals; the API counts in fen. */
export function yuanToFen(text: string): number | undefined {
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(text)) return undefined;
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** A `datetime-local` value is Beijing time. */
const beijing = (local: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+08:00` : local || undefined);

/**
 * Sends the body; on success waits (briefly) for the case's first record so the timeline is not empty,
 * then goes there. On refusal maps the API's fields back to the form's and shows the form again.
 */
async function submitCase(c: ConsoleContext, deps: ConsoleDeps, path: string, body: Record<string, unknown>, specs: FieldSpec[], values: FormState['values'], localErrors: Record<string, string>, show: (f: FormState) => Promise<Response>) {
  // A field the form could not read is sent empty, so the API refuses too and names every other field at once.
  const res = await apiFor(c, deps).post(path, body);
  if (res.ok) {
    const workflowId = res.body.workflowId as string;
    for (let i = 0; i < 25 && !(await findCase(dbOf(c), c.get('user'), workflowId)); i++) await new Promise((r) => setTimeout(r, 200));
    return done(c, `/cases/${encodeURIComponent(workflowId)}`);
  }
  const byApi = errorsByField(res.problem);
  const errors: Record<string, string> = { ...localErrors };
  for (const s of specs) {
    if (errors[s.name]) continue;
    const message = byApi[s.apiField ?? s.name];
    if (message) errors[s.name] = s.missing && !values[s.name]?.length ? s.missing : message;
  }
  if (Object.keys(errors).length === 0) errors._ = res.problem?.detail ?? res.problem?.title ?? '提交失败';
  return show({ values, errors, status: problemStatus(res.status) });
}

// ---- The enforcement case: a penalty decision that has been served (行政处罚法 Art. 61, 67). ----

const enforcementSpecs: FieldSpec[] = [
  { name: 'decisionNumber', label: '行政处罚决定书文号', required: true, missing: '请填写处罚决定书文号', hint: '例如：北碚应急罚〔2026〕12号' },
  { name: 'decidedOn', label: '决定日期', type: 'date', required: true, missing: '请填写决定日期' },
  { name: 'partyName', label: '当事人名称', required: true, apiField: 'party.name', missing: '请填写当事人名称' },
  { name: 'partyCode', label: '统一社会信用代码', apiField: 'party.unifiedSocialCreditCode' },
  { name: 'fineYuan', label: '罚款金额（元）', type: 'number', required: true, apiField: 'fineFen', hint: '没有罚款的填 0，并列明整改义务' },
  { name: 'rectification', label: '整改义务', type: 'textarea', hint: '每行一项' },
  { name: 'servedOn', label: '送达日期', type: 'date', required: true, missing: '请填写送达日期', hint: '缴款期限自送达之日起计算十五日' },
  { name: 'serviceMethod', label: '送达方式', type: 'select', required: true, missing: '请选择送达方式', options: serviceMethods.map((m) => ({ value: m, text: serviceMethodLabels[m] })) },
  { name: 'facts', label: '违法事实', type: 'textarea' },
  { name: 'legalBasisText', label: '处罚依据', type: 'textarea' },
];

export async function showNewEnforcement(c: ConsoleContext, _deps: ConsoleDeps, form?: FormState): Promise<Response> {
  return page(c, '录入已送达的处罚决定', renderForm(c, '/cases/new/enforcement', '立案', enforcementSpecs, form), form?.status ?? 200);
}

export async function submitNewEnforcement(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const f = await formOf(c);
  const values = Object.fromEntries(enforcementSpecs.map((s) => [s.name, f.get(s.name)]));
  const localErrors: Record<string, string> = {};
  const fineFen = yuanToFen(values.fineYuan!);
  if (fineFen === undefined) localErrors.fineYuan = '请填写罚款金额（元），最多两位小数';
  const rectification = values.rectification!.split('\n').map((l) => l.trim()).filter(Boolean);
  const opt = (v: string | undefined) => v || undefined;
  const body = {
    decisionNumber: values.decisionNumber, decidedOn: values.decidedOn,
    party: { name: values.partyName, unifiedSocialCreditCode: opt(values.partyCode) },
    fineFen, rectification: rectification.length ? rectification : undefined,
    servedOn: values.servedOn, serviceMethod: opt(values.serviceMethod), departmentId: c.get('user').departmentId,
    facts: opt(values.facts), legalBasisText: opt(values.legalBasisText),
  };
  return submitCase(c, deps, '/api/enforcement-cases', body, enforcementSpecs, values, localErrors, (form) => showNewEnforcement(c, deps, form));
}

// ---- The accident: registered when reported (生产安全事故报告和调查处理条例 Art. 9). ----

async function accidentSpecs(c: ConsoleContext, deps: ConsoleDeps): Promise<FieldSpec[]> {
  const res = await apiFor(c, deps).get('/api/departments');
  const supervisory = (res.ok ? (res.body as Array<{ id: string; name: string; hasSupervisoryDuty: boolean }>) : []).filter((d) => d.hasSupervisoryDuty);
  return [
    { name: 'caseNumber', label: '事故编号', required: true, missing: '请填写事故编号' },
    { name: 'occurredAt', label: '发生时间', type: 'datetime-local', required: true, missing: '请填写事故发生时间' },
    { name: 'reportedAt', label: '接报时间', type: 'datetime-local', hint: '事故单位应在 1 小时内报告' },
    { name: 'place', label: '发生地点', required: true, missing: '请填写发生地点' },
    { name: 'enterpriseName', label: '事故单位', required: true, apiField: 'enterprise.name', missing: '请填写事故单位名称' },
    { name: 'enterpriseCode', label: '统一社会信用代码', required: true, apiField: 'enterprise.unifiedSocialCreditCode', missing: '请填写统一社会信用代码' },
    { name: 'industry', label: '行业', required: true, missing: '请填写行业' },
    { name: 'deaths', label: '死亡人数', type: 'number', required: true },
    { name: 'seriousInjuries', label: '重伤人数（含急性工业中毒）', type: 'number', required: true },
    { name: 'directLossYuan', label: '直接经济损失（元）', type: 'number', required: true, apiField: 'directLossFen' },
    { name: 'supervisoryDepartmentIds', label: '负有安全生产监督管理职责的部门（抄送）', type: 'checkboxes', options: supervisory.map((d) => ({ value: d.id, text: d.name })) },
  ];
}

export async function showNewAccident(c: ConsoleContext, deps: ConsoleDeps, form?: FormState): Promise<Response> {
  return page(c, '登记生产安全事故', renderForm(c, '/cases/new/accident', '登记', await accidentSpecs(c, deps), form), form?.status ?? 200);
}

export async function submitNewAccident(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const f = await formOf(c);
  const specs = await accidentSpecs(c, deps);
  const values: FormState['values'] = Object.fromEntries(specs.map((s) => [s.name, s.type === 'checkboxes' ? f.all(s.name) : f.get(s.name)]));
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
    caseNumber: values.caseNumber, occurredAt: beijing(values.occurredAt as string), reportedAt: beijing(values.reportedAt as string),
    place: values.place, enterprise: { name: values.enterpriseName, unifiedSocialCreditCode: values.enterpriseCode },
    industry: values.industry, deaths: count('deaths'), seriousInjuries: count('seriousInjuries'), directLossFen,
    supervisoryDepartmentIds: values.supervisoryDepartmentIds,
  };
  return submitCase(c, deps, '/api/accidents', body, specs, values, localErrors, (form) => showNewAccident(c, deps, form));
}
