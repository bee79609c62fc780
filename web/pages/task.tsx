// Task detail (GET /api/tasks/:id): the case, its steps, comments and history, and the decision form
// posting to POST /api/tasks/:id/actions. A refused decision re-renders the form with the API's errors beside the
// fields.
import type { StepState } from '../../workflows/approval/types';
import type { ApprovalView } from '../../workflows/approval/messages';
import { workingDaysBetween } from '../../domain/calendar';
import { todayInShanghai } from '../../domain/dates';
import { errorsByField } from '../api-client';
import { caseFor, caseNumberOfTask, currentCalendarSnapshot } from '../../api/cases/console-reads';
import { DaysLeft, Notice, fmtTime } from '../layout';
import {
  actionLabels,
  actorLabel,
  auditActionLabel,
  chineseMessage,
  kindLabels,
  label,
  summaryFieldLabels,
  summaryValue,
  taskKindLabels,
  taskStatusLabels,
} from '../labels';
import { apiFor, dbOf, done, formOf, page, problemStatus, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';
import { DecisionForm, type DecisionValues } from './task-form';
import { slotResult, taskSubstance } from './task-substance';

const outcomeText = (o: StepState['outcome']) =>
  !o
    ? '进行中'
    : o.kind === 'approved'
      ? '通过'
      : o.kind === 'rejected'
        ? '不同意'
        : o.kind === 'returned'
          ? `退回（${o.to === 'initiator' ? '发起人' : '之前的环节'}）`
          : '已撤回';

async function render(
  c: ConsoleContext,
  deps: ConsoleDeps,
  id: string,
  form?: {
    values: DecisionValues;
    errors: Record<string, string>;
    notice?: string;
    status: 400 | 403 | 404 | 409 | 422;
  },
) {
  const api = apiFor(c, deps);
  const res = await api.get(`/api/tasks/${encodeURIComponent(id)}`);
  if (!res.ok)
    return page(
      c,
      '待办详情',
      <Notice kind="error">{res.problem?.detail ?? res.problem?.title}</Notice>,
      problemStatus(res.status),
    );
  const { task, approval, history } = res.body as { task: any; approval: ApprovalView | null; history: any[] };
  const user = c.get('user');
  const db = dbOf(c);
  const [usersRes, deptRes, caseRow, snapshot] = await Promise.all([
    api.get('/api/users'),
    api.get('/api/departments'),
    caseFor(db, user, task.workflowId),
    currentCalendarSnapshot(db),
  ]);
  const units = new Map<string, string>((deptRes.ok ? deptRes.body : []).map((d: any) => [d.id, d.name]));
  const people = (usersRes.ok ? usersRes.body : [])
    .filter((u: any) => u.id !== user.id)
    .map((u: any) => ({ id: u.id, name: u.name, unit: units.get(u.departmentId) ?? u.departmentId }));
  const names = new Map<string, string>((usersRes.ok ? usersRes.body : []).map((u: any) => [u.id, u.name]));
  const who = (id: string | null | undefined) => (id ? actorLabel(id, names) : '—');
  const steps: StepState[] = [...(approval?.completed ?? []), ...(approval?.current ? [approval.current] : [])];
  const returnTargets = [
    { id: 'initiator', name: '发起人（修改后重新提交）' },
    ...[...new Map((approval?.completed ?? []).map((s) => [s.stepId, s.name])).entries()].map(([sid, name]) => ({
      id: sid,
      name,
    })),
  ];
  const today = todayInShanghai(Date.now());
  const daysLeft = task.dueDate ? workingDaysBetween(snapshot, today, task.dueDate) : null;
  const canAct = task.status === 'open' && task.assigneeId === user.id;
  const substance = await taskSubstance(c, deps, task);
  const comments = steps.flatMap((s) => s.decisions.filter((d) => d.comment).map((d) => ({ ...d, step: s.name })));
  return page(
    c,
    `待办：${task.stepName}`,
    <>
      {form?.notice ? <Notice kind="error">{form.notice}</Notice> : null}
      <section class="card" aria-labelledby="case-h">
        <h2 id="case-h">案件</h2>
        <dl class="facts">
          <dt>事项</dt>
          <dd>{task.caseTitle}</dd>
          <dt>编号</dt>
          <dd>
            <a href={`/cases/${encodeURIComponent(task.workflowId)}`}>{task.caseId}</a>（查看办理时间线）
          </dd>
          <dt>类别</dt>
          <dd>{label(kindLabels, task.workflowKind)}</dd>
          {caseRow ? (
            <>
              <dt>阶段</dt>
              <dd>{caseRow.stageLabel}</dd>
            </>
          ) : null}
          <dt>环节</dt>
          <dd>
            {task.stepName}（{label(taskKindLabels, task.kind)}，{label(taskStatusLabels, task.status)}）
          </dd>
          <dt>办理人</dt>
          <dd>
            {who(task.assigneeId)}
            {task.actingForId ? `（代理 ${who(task.actingForId)}）` : ''}
          </dd>
          <dt>期限</dt>
          <dd>
            {task.dueDate ?? '—'} <DaysLeft days={daysLeft} provisional={task.provisional} />
          </dd>
          <dt>法律依据</dt>
          <dd>{task.legalBasis ?? '—'}</dd>
          {task.kind === 'revision' ? (
            <>
              <dt>退回人</dt>
              <dd>{who(String(task.detail?.returnedBy ?? ''))}</dd>
              <dt>退回意见</dt>
              <dd class="note">{String(task.detail?.comment ?? '')}</dd>
            </>
          ) : null}
          {caseRow
            ? Object.entries(caseRow.summary ?? {})
                .filter(([k, v]) => v !== null && typeof v !== 'object' && summaryFieldLabels[k])
                .slice(0, 12)
                .map(([k, v]) => (
                  <>
                    <dt>{summaryFieldLabels[k]}</dt>
                    <dd>{summaryValue(k, v)}</dd>
                  </>
                ))
            : null}
        </dl>
      </section>
      {substance}
      {canAct ? (
        <DecisionForm
          taskId={task.id}
          kind={task.kind}
          csrf={c.get('csrf')}
          values={form?.values ?? {}}
          errors={form?.errors ?? {}}
          returnTargets={returnTargets}
          people={people}
        />
      ) : null}
      {steps.length > 0 ? (
        <section aria-labelledby="steps-h">
          <h2 id="steps-h">审批环节</h2>
          <table class="responsive">
            <thead>
              <tr>
                <th scope="col">环节</th>
                <th scope="col">审批人</th>
                <th scope="col">期限</th>
                <th scope="col">结果</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr class={s.overdue ? 'overdue' : undefined}>
                  <td data-label="环节">
                    {s.name}
                    {s.legalBasis ? <div class="muted">{s.legalBasis}</div> : null}
                  </td>
                  <td data-label="审批人">
                    {s.slots.map((sl) => (
                      <div>
                        {sl.assigneeName}
                        {sl.actingForName ? `（代理 ${sl.actingForName}）` : ''}：{slotResult(s, sl)}
                        {sl.decidedAt ? <span class="muted"> {fmtTime(sl.decidedAt)}</span> : null}
                      </div>
                    ))}
                  </td>
                  <td data-label="期限">{s.dueDate}</td>
                  <td data-label="结果">{outcomeText(s.outcome)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section aria-labelledby="comments-h">
        <h2 id="comments-h">各环节意见</h2>
        {comments.length === 0 ? <p class="muted">暂无意见。</p> : null}
        <ul>
          {comments.map((d) => (
            <li>
              {fmtTime(d.at)} {d.actorName}（{d.step}，{actionLabels[d.action] ?? d.action}）：{d.comment}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">办理记录</h2>
        <ol class="timeline">
          {history.map((h) => (
            <li>
              <span class="when">{fmtTime(h.at)}</span> {who(h.actor)}
              {h.actingFor ? `（代理 ${who(h.actingFor)}）` : ''}：{auditActionLabel(h.action)}
              {h.outcome !== 'ok' ? (
                <span class="badge danger">{h.outcome === 'denied' ? '被拒绝' : '未通过'}</span>
              ) : null}
              {h.comment ? <div>{chineseMessage(h.comment)}</div> : null}
              {h.legalBasis ? <div class="muted">依据：{h.legalBasis}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </>,
    form?.status ?? 200,
  );
}

export const showTask = (c: ConsoleContext, deps: ConsoleDeps) => render(c, deps, c.req.param('id') ?? '');

/** POST /tasks/:id: the decision goes to POST /api/tasks/:id/actions; empty fields are left out. */
export async function submitDecision(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const id = c.req.param('id') ?? '';
  const form = await formOf(c);
  const values: DecisionValues = {
    action: form.get('action'),
    comment: form.get('comment'),
    returnTo: form.get('returnTo'),
    targetUserId: form.get('targetUserId'),
    position: form.get('position'),
  };
  const action = values.action;
  const body: Record<string, string> = { requestId: form.get('requestId') };
  if (action) body.action = action;
  if (values.comment) body.comment = values.comment;
  if (action === 'return' && values.returnTo) body.returnTo = values.returnTo;
  if ((action === 'transfer' || action === 'add-signer') && values.targetUserId)
    body.targetUserId = values.targetUserId;
  if (action === 'add-signer' && values.position) body.position = values.position;
  const res = await apiFor(c, deps).post(`/api/tasks/${encodeURIComponent(id)}/actions`, body);
  if (res.ok) {
    const caseNumber = await caseNumberOfTask(dbOf(c), id);
    return done(c, `/inbox?done=${encodeURIComponent(action ?? '')}&case=${encodeURIComponent(caseNumber)}`);
  }
  const errors = errorsByField(res.problem);
  if (!action && !errors.action) errors.action = '请选择办理意见';
  const placed = ['action', 'comment', 'returnTo', 'targetUserId', 'position'];
  const unplaced = Object.keys(errors).some((k) => !placed.includes(k)) || Object.keys(errors).length === 0;
  return render(c, deps, id, {
    values,
    errors,
    notice: unplaced ? `${res.problem?.title}：${res.problem?.detail ?? ''}` : '请修改标出的内容后重新提交。',
    status: problemStatus(res.status),
  });
}
