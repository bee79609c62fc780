// The decision form of a task: approve, reject, return, transfer, add signer (approval tasks), resubmit (revision),
// retry or abandon (needs attention). A fresh requestId per render makes each submitted form one idempotent action.
import { randomUUID } from 'node:crypto';
import type { FC } from 'hono/jsx';
import { Field, describedBy } from '../layout';
import { actionLabels } from '../labels';

export interface DecisionValues {
  action?: string;
  comment?: string;
  returnTo?: string;
  targetUserId?: string;
  position?: string;
}

export interface DecisionFormProps {
  taskId: string;
  kind: string;
  csrf: string;
  values: DecisionValues;
  errors: Record<string, string>;
  /** Steps the case can be returned to, plus the initiator. */
  returnTargets: Array<{ id: string; name: string }>;
  people: Array<{ id: string; name: string; unit: string }>;
}

const actionsByKind: Record<string, string[]> = {
  approval: ['approve', 'reject', 'return', 'transfer', 'add-signer'],
  revision: ['resubmit'],
  'needs-attention': ['retry', 'abandon'],
};

export const DecisionForm: FC<DecisionFormProps> = ({ taskId, kind, csrf, values, errors, returnTargets, people }) => {
  const actions = actionsByKind[kind] ?? [];
  const chosen = values.action ?? (actions.length === 1 ? actions[0] : undefined);
  const err = (name: string) => errors[name];
  return (
    <form
      id="decision"
      class="stack card"
      method="post"
      action={`/tasks/${taskId}`}
      data-decision
      hx-post={`/tasks/${taskId}`}
      hx-target="#decision"
      hx-select="#decision"
      hx-swap="outerHTML"
      novalidate
    >
      <h2>办理</h2>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="requestId" value={randomUUID()} />
      <fieldset
        aria-describedby={describedBy('action', err('action'))}
        aria-invalid={err('action') ? 'true' : undefined}
      >
        <legend>
          办理意见
          <span class="req" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        <div class="choices">
          {actions.map((a) => (
            <label>
              <input type="radio" name="action" value={a} checked={chosen === a} required />
              {actionLabels[a] ?? a}
            </label>
          ))}
        </div>
        {err('action') ? (
          <p class="error" id="action-error" role="alert">
            {err('action')}
          </p>
        ) : null}
      </fieldset>
      <Field
        id="comment"
        label="意见"
        error={err('comment')}
        hint={kind === 'approval' ? '不同意、转办必须填写意见；退回应说明需修改的内容。' : undefined}
      >
        <textarea
          id="comment"
          name="comment"
          maxlength={2000}
          aria-describedby={describedBy('comment', err('comment'), kind === 'approval' ? 'y' : undefined)}
          aria-invalid={err('comment') ? 'true' : undefined}
        >
          {values.comment ?? ''}
        </textarea>
      </Field>
      {kind === 'approval' ? (
        <>
          <div data-for-actions="return">
            <Field id="returnTo" label="退回到" error={err('returnTo')} required>
              <select
                id="returnTo"
                name="returnTo"
                aria-describedby={describedBy('returnTo', err('returnTo'))}
                aria-invalid={err('returnTo') ? 'true' : undefined}
              >
                <option value="">请选择退回到的环节</option>
                {returnTargets.map((t) => (
                  <option value={t.id} selected={values.returnTo === t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div data-for-actions="transfer add-signer">
            <Field id="targetUserId" label="办理人（转办或加签给）" error={err('targetUserId')} required>
              <select
                id="targetUserId"
                name="targetUserId"
                aria-describedby={describedBy('targetUserId', err('targetUserId'))}
                aria-invalid={err('targetUserId') ? 'true' : undefined}
              >
                <option value="">请选择办理人</option>
                {people.map((p) => (
                  <option value={p.id} selected={values.targetUserId === p.id}>
                    {p.name}（{p.unit}）
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div data-for-actions="add-signer">
            <fieldset aria-describedby={describedBy('position', err('position'))}>
              <legend>加签位置</legend>
              <div class="choices">
                <label>
                  <input type="radio" name="position" value="before" checked={values.position === 'before'} />
                  在我之前审批
                </label>
                <label>
                  <input type="radio" name="position" value="after" checked={values.position === 'after'} />
                  在我之后审批
                </label>
              </div>
              {err('position') ? (
                <p class="error" id="position-error" role="alert">
                  {err('position')}
                </p>
              ) : null}
            </fieldset>
          </div>
        </>
      ) : null}
      <div>
        <button type="submit">提交</button>
      </div>
    </form>
  );
};
