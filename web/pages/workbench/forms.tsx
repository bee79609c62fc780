// The forms of the enforcement workbench: one per action the API accepts (POST /api/enforcement-cases/:n/actions).
// Each shows its legal basis, the API's refusal beside the field in Chinese, and keeps what was typed.
// A fresh requestId per render makes each submitted form one idempotent action.
import { randomUUID } from 'node:crypto';
import type { Child, FC } from 'hono/jsx';
import { serviceMethodLabels, serviceMethods } from '../../../workflows/enforcement/types';
import { Field, Notice, describedBy } from '../../layout';
import {
  challengeKindLabels,
  challengeOutcomeLabels,
  courtReviewOutcomeLabels,
  deferralKindLabels,
  enforcementActionLabels,
} from '../../labels';

export interface InstalmentRow {
  dueDate: string;
  amountYuan: string;
}

/** What was typed into one action's form, and the API's objections to it. */
export interface BenchForm {
  action: string;
  values: Record<string, string>;
  rows: InstalmentRow[];
  errors: Record<string, string>;
}

export interface FormContext {
  actionUrl: string;
  csrf: string;
  today: string;
  /** The form that was just refused (or is being edited: rows added or removed). */
  form?: BenchForm;
}

type Option = { value: string; text: string };
const options = (labels: Record<string, string>, keys?: readonly string[]): Option[] =>
  (keys ?? Object.keys(labels)).map((k) => ({ value: k, text: labels[k] ?? k }));

/** One action's form: heading, legal basis, hidden action and requestId, fields, submit. */
const ActionForm: FC<{ ctx: FormContext; action: string; basis: string; submit: string; children?: Child }> = ({
  ctx,
  action,
  basis,
  submit,
  children,
}) => {
  const mine = ctx.form?.action === action ? ctx.form : undefined;
  const general = mine?.errors._;
  return (
    <form id={`form-${action}`} class="stack card" method="post" action={`${ctx.actionUrl}#form-${action}`} novalidate>
      <h3>{enforcementActionLabels[action]}</h3>
      <p class="muted">法律依据：{basis}</p>
      {general ? <Notice kind="error">{general}</Notice> : null}
      <input type="hidden" name="_csrf" value={ctx.csrf} />
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="requestId" value={randomUUID()} />
      {children}
      <div>
        <button type="submit">{submit}</button>
      </div>
    </form>
  );
};

interface InputProps {
  ctx: FormContext;
  action: string;
  name: string;
  label: string;
  type?: 'text' | 'date' | 'number' | 'textarea' | 'select';
  required?: boolean;
  hint?: string;
  options?: Option[];
  initial?: string;
}

/** A field whose id is unique on the page (`record-payment-paidOn`), with the error and typed value of its form. */
const Input: FC<InputProps> = ({ ctx, action, name, label, type = 'text', required, hint, options: opts, initial }) => {
  const mine = ctx.form?.action === action ? ctx.form : undefined;
  const id = `${action}-${name}`;
  const error = mine?.errors[name];
  const value = mine ? (mine.values[name] ?? '') : (initial ?? '');
  const common = {
    id,
    name,
    'aria-describedby': describedBy(id, error, hint),
    'aria-invalid': error ? 'true' : undefined,
  };
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required}>
      {type === 'textarea' ? (
        <textarea {...common} maxlength={5000}>
          {value}
        </textarea>
      ) : type === 'select' ? (
        <select {...common}>
          <option value="">请选择</option>
          {(opts ?? []).map((o) => (
            <option value={o.value} selected={value === o.value}>
              {o.text}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={type} value={value} step={type === 'number' ? '0.01' : undefined} />
      )}
    </Field>
  );
};

export const PaymentForm: FC<{ ctx: FormContext; basis: string; dueFen: number }> = ({ ctx, basis, dueFen }) => {
  const a = 'record-payment';
  return (
    <ActionForm ctx={ctx} action={a} basis={basis} submit="登记缴款">
      <Input
        ctx={ctx}
        action={a}
        name="amountYuan"
        label="缴款金额（元）"
        type="number"
        required
        initial={(dueFen / 100).toFixed(2)}
      />
      <Input ctx={ctx} action={a} name="paidOn" label="缴款日期" type="date" required initial={ctx.today} />
      <Input ctx={ctx} action={a} name="reference" label="缴款凭证号" hint="银行或非税收入缴款书号码" />
    </ActionForm>
  );
};

/** Deferral or instalments; the schedule's rows are added and removed by the server (works without script). */
export const DeferralForm: FC<{ ctx: FormContext; basis: string }> = ({ ctx, basis }) => {
  const a = 'request-deferral';
  const mine = ctx.form?.action === a ? ctx.form : undefined;
  const rows = mine?.rows.length ? mine.rows : [{ dueDate: '', amountYuan: '' }];
  const err = mine?.errors ?? {};
  return (
    <ActionForm ctx={ctx} action={a} basis={basis} submit="提请部门负责人审批">
      <Input
        ctx={ctx}
        action={a}
        name="kind"
        label="申请事项"
        type="select"
        required
        options={options(deferralKindLabels)}
        initial="instalments"
      />
      <Input ctx={ctx} action={a} name="deferredTo" label="暂缓至" type="date" hint="申请暂缓缴纳时填写" />
      <fieldset
        class={err.instalments ? 'field invalid' : 'field'}
        aria-describedby={describedBy(`${a}-instalments`, err.instalments)}
      >
        <legend>分期计划（申请分期缴纳时填写；各期合计应等于罚款）</legend>
        <table class="schedule">
          <thead>
            <tr>
              <th scope="col">期次</th>
              <th scope="col">缴纳日期</th>
              <th scope="col">金额（元）</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr>
                <td>第{i + 1}期</td>
                <td>
                  <input
                    type="date"
                    name="instalmentDate"
                    value={r.dueDate}
                    aria-label={`第${i + 1}期缴纳日期`}
                    aria-invalid={err[`instalments.${i}.dueDate`] ? 'true' : undefined}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    step="0.01"
                    name="instalmentAmount"
                    value={r.amountYuan}
                    aria-label={`第${i + 1}期金额（元）`}
                    aria-invalid={err[`instalments.${i}.amountFen`] ? 'true' : undefined}
                  />
                </td>
                <td>
                  <button
                    type="submit"
                    name="op"
                    value={`remove-${i}`}
                    class="secondary"
                    aria-label={`删除第${i + 1}期`}
                    formnovalidate
                  >
                    删除
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" name="op" value="add-row" class="secondary" formnovalidate>
          增加一期
        </button>
        {err.instalments ? (
          <p class="error" id={`${a}-instalments-error`} role="alert">
            {err.instalments}
          </p>
        ) : null}
      </fieldset>
      <Input
        ctx={ctx}
        action={a}
        name="reason"
        label="申请理由"
        type="textarea"
        required
        hint="说明当事人确有经济困难的情况"
      />
    </ActionForm>
  );
};

export const ChallengeForm: FC<{
  ctx: FormContext;
  basis: string;
  pending?: { kind: string; filedOn: string };
}> = ({ ctx, basis, pending }) => {
  const a = 'record-challenge';
  if (!pending)
    return (
      <ActionForm ctx={ctx} action={a} basis={basis} submit="登记申请（起诉）">
        <input type="hidden" name="event" value="filed" />
        <Input
          ctx={ctx}
          action={a}
          name="kind"
          label="复议或诉讼"
          type="select"
          required
          options={options(challengeKindLabels)}
        />
        <Input ctx={ctx} action={a} name="date" label="申请（起诉）日期" type="date" required />
        <Input ctx={ctx} action={a} name="comment" label="备注" hint="复议机关或受理法院、案号" />
      </ActionForm>
    );
  return (
    <ActionForm ctx={ctx} action={a} basis={basis} submit={`登记${challengeKindLabels[pending.kind]}结果`}>
      <input type="hidden" name="event" value="decided" />
      <input type="hidden" name="kind" value={pending.kind} />
      <Input ctx={ctx} action={a} name="date" label="决定（判决）日期" type="date" required />
      <Input
        ctx={ctx}
        action={a}
        name="outcome"
        label="结果"
        type="select"
        required
        options={options(challengeOutcomeLabels)}
      />
      <Input
        ctx={ctx}
        action={a}
        name="newFineYuan"
        label="变更后的罚款金额（元）"
        type="number"
        hint="结果为变更时填写"
      />
      <Input
        ctx={ctx}
        action={a}
        name="instance"
        label="审级"
        type="select"
        options={options({ first: '一审', second: '二审', retrial: '再审' })}
        hint="行政诉讼时填写"
      />
      <Input ctx={ctx} action={a} name="comment" label="备注" hint="决定书或判决书文号" />
    </ActionForm>
  );
};

export const DemandServiceForm: FC<{ ctx: FormContext; basis: string; documentNo?: string }> = ({
  ctx,
  basis,
  documentNo,
}) => {
  const a = 'record-demand-service';
  return (
    <ActionForm ctx={ctx} action={a} basis={basis} submit="登记送达">
      {documentNo ? <p>催告书：{documentNo}</p> : null}
      <Input ctx={ctx} action={a} name="servedOn" label="送达日期" type="date" required initial={ctx.today} />
      <Input
        ctx={ctx}
        action={a}
        name="method"
        label="送达方式"
        type="select"
        required
        options={serviceMethods.map((m) => ({ value: m, text: serviceMethodLabels[m] }))}
      />
      <Input ctx={ctx} action={a} name="recipient" label="签收人" />
    </ActionForm>
  );
};

export const StatementForm: FC<{ ctx: FormContext; basis: string }> = ({ ctx, basis }) => {
  const a = 'record-statement';
  return (
    <ActionForm ctx={ctx} action={a} basis={basis} submit="登记陈述申辩">
      <Input ctx={ctx} action={a} name="receivedOn" label="收到日期" type="date" required initial={ctx.today} />
      <Input ctx={ctx} action={a} name="summary" label="陈述申辩内容" type="textarea" required />
    </ActionForm>
  );
};

export const MaterialsForm: FC<{ ctx: FormContext; basis: string }> = ({ ctx, basis }) => {
  const a = 'supplement-materials';
  return (
    <ActionForm ctx={ctx} action={a} basis={basis} submit="补正材料">
      <Input ctx={ctx} action={a} name="facts" label="违法事实" type="textarea" />
      <Input ctx={ctx} action={a} name="reasons" label="作出决定的理由" type="textarea" />
      <Input ctx={ctx} action={a} name="legalBasisText" label="决定依据" type="textarea" />
    </ActionForm>
  );
};

export const CourtReviewForm: FC<{
  ctx: FormContext;
  basis: string;
  event: 'filed' | 'decided';
  outcomes: string[];
}> = ({ ctx, basis, event, outcomes }) => {
  const a = 'record-court-review';
  return (
    <ActionForm ctx={ctx} action={a} basis={basis} submit={event === 'filed' ? '登记复议申请' : '登记复议裁定'}>
      <input type="hidden" name="event" value={event} />
      <Input
        ctx={ctx}
        action={a}
        name="date"
        label={event === 'filed' ? '申请复议日期' : '裁定日期'}
        type="date"
        required
      />
      {event === 'decided' ? (
        <Input
          ctx={ctx}
          action={a}
          name="outcome"
          label="裁定结果"
          type="select"
          required
          options={options(courtReviewOutcomeLabels, outcomes)}
        />
      ) : null}
    </ActionForm>
  );
};
