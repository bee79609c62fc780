// The form that starts a case from the console, described by a list of fields. The API validates;
// its field errors are mapped back to the form's fields and shown beside them, in Chinese.
import type { FC } from 'hono/jsx';
import { caseFor } from '../../api/cases/console-reads';
import { errorsByField } from '../api-client';
import { Field, Notice, describedBy } from '../layout';
import { apiFor, dbOf, done, problemStatus, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';

export interface FieldSpec {
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

export interface FormState {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  status: 400 | 403 | 404 | 409 | 422;
}

const Input: FC<{ spec: FieldSpec; value: string | string[] | undefined; error?: string }> = ({
  spec,
  value,
  error,
}) => {
  const common = {
    id: spec.name,
    name: spec.name,
    'aria-describedby': describedBy(spec.name, error, spec.hint),
    'aria-invalid': error ? 'true' : undefined,
  };
  const text = typeof value === 'string' ? value : '';
  switch (spec.type) {
    case 'textarea':
      return (
        <textarea {...common} maxlength={5000}>
          {text}
        </textarea>
      );
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
      return (
        <input {...common} type={spec.type ?? 'text'} value={text} step={spec.type === 'number' ? 'any' : undefined} />
      );
  }
};

export function renderForm(c: ConsoleContext, action: string, submit: string, specs: FieldSpec[], form?: FormState) {
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
              <legend>
                {s.label}
                {s.required ? (
                  <span class="req" aria-hidden="true">
                    {' '}
                    *
                  </span>
                ) : null}
              </legend>
              <Input spec={s} value={form?.values[s.name]} />
              {e[s.name] ? (
                <p class="error" id={`${s.name}-error`} role="alert">
                  {e[s.name]}
                </p>
              ) : null}
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

/** The submitted values, one per field (all the ticked boxes of a checkbox group). */
export function valuesOf(
  form: { get(name: string): string; all(name: string): string[] },
  specs: FieldSpec[],
): FormState['values'] {
  return Object.fromEntries(specs.map((s) => [s.name, s.type === 'checkboxes' ? form.all(s.name) : form.get(s.name)]));
}

/** The fields with the choices of `name` filled in (choices read from the API only when the form is shown). */
export function withOptions(specs: FieldSpec[], name: string, options: FieldSpec['options']): FieldSpec[] {
  return specs.map((s) => (s.name === name ? { ...s, options } : s));
}

/** Amounts are typed in yuan with at most two decimals; the API counts in fen. */
export function yuanToFen(text: string): number | undefined {
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(text)) return undefined;
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** A `datetime-local` value is Beijing time. */
export const beijing = (local: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+08:00` : local || undefined;

/**
 * Sends the body; on success waits (briefly) for the case's first record so the timeline is not empty,
 * then goes there. On refusal maps the API's fields back to the form's and shows the form again.
 */
export async function submitCase(
  c: ConsoleContext,
  deps: ConsoleDeps,
  path: string,
  body: Record<string, unknown>,
  specs: FieldSpec[],
  values: FormState['values'],
  localErrors: Record<string, string>,
  show: (f: FormState) => Promise<Response>,
) {
  // A field the form could not read is sent empty, so the API refuses too and names every other field at once.
  const res = await apiFor(c, deps).post(path, body);
  if (res.ok) {
    const workflowId = res.body.workflowId as string;
    for (let i = 0; i < 25 && !(await caseFor(dbOf(c), c.get('user'), workflowId)); i++)
      await new Promise((r) => setTimeout(r, 200));
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
