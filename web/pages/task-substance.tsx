// What a task decides, shown on the task page (and the 催办 / 撤回 buttons of the initiator, also on the case page).
// Enforcement: the head approving a deferral or instalments sees the plan and the amounts, the head reviewing the
// party's statement reads it, the agency head approving the court application sees the Art. 55 materials and amounts.
import { randomUUID } from 'node:crypto';
import type { Child } from 'hono/jsx';
import { Notice } from '../layout';
import { apiFor, done, formOf, page, problemStatus, type ConsoleDeps } from '../page';
import type { ConsoleContext } from '../session';
import { DeferralFacts, MoneyFacts, fetchEnforcement, type EnforcementDetail } from './workbench/enforcement';
import { cnDate } from './workbench/format';

interface TaskLike {
  workflowId: string;
  workflowKind: string;
  caseId: string;
  stepName?: string;
  status?: string;
}

function EnforcementSubstance({ d, step }: { d: EnforcementDetail; step: string }) {
  const v = d.case;
  const deciding = step.includes('分期') || step.includes('暂缓');
  const statement = step.includes('陈述申辩');
  const court = step.includes('强制执行');
  return (
    <section class="card" aria-labelledby="substance-h">
      <h2 id="substance-h">审批内容</h2>
      {deciding && v.deferral ? (
        <>
          <h3>申请的缴纳计划</h3>
          <DeferralFacts v={v} />
        </>
      ) : null}
      {statement && v.statement ? (
        <>
          <h3>当事人陈述申辩</h3>
          <p>收到日期：{cnDate(v.statement.receivedOn)}</p>
          <blockquote class="note statement">{v.statement.summary}</blockquote>
        </>
      ) : null}
      {court && v.materials?.length ? (
        <>
          <h3>申请材料（《行政强制法》第五十五条）</h3>
          <ul class="materials">
            {v.materials.map((m) => (
              <li>
                {m.label}：{m.present ? '齐备' : `缺少${m.missing ? `（${m.missing}）` : ''}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>应缴金额</h3>
      <MoneyFacts d={d} />
    </section>
  );
}

/** The substance block for a task page; null when the kind has none yet. */
export async function taskSubstance(c: ConsoleContext, deps: ConsoleDeps, task: TaskLike): Promise<Child> {
  if (task.workflowKind !== 'enforcement') return null;
  const res = await fetchEnforcement(c, deps, task.caseId);
  if (!res.ok) return <Notice kind="error">{res.problem?.detail ?? res.problem?.title}</Notice>;
  const approval = res.body.approval as { current?: { name: string } } | null;
  return (
    <>
      <EnforcementSubstance d={res.body} step={task.stepName ?? ''} />
      <ApprovalActions
        c={c}
        workflowId={res.body.workflowId}
        initiatorId={res.body.timeline.find((t) => t.action === 'enforcement.start-requested')?.actor}
        pendingStep={approval?.current?.name}
        back={c.req.path}
      />
    </>
  );
}

/**
 * 催办 and 撤回 for the case's initiator while a step is pending (POST /api/approvals/:workflowId/actions).
 * `initiatorId` is who started the case; the engine checks again.
 */
export function ApprovalActions({
  c,
  workflowId,
  initiatorId,
  pendingStep,
  back,
}: {
  c: ConsoleContext;
  workflowId: string;
  initiatorId: string | null | undefined;
  pendingStep: string | null | undefined;
  back: string;
}) {
  if (!pendingStep || !initiatorId || initiatorId !== c.get('user').id) return null;
  return (
    <form class="card actions-bar" method="post" action={`/cases/${encodeURIComponent(workflowId)}/approval`}>
      <input type="hidden" name="_csrf" value={c.get('csrf')} />
      <input type="hidden" name="requestId" value={randomUUID()} />
      <input type="hidden" name="back" value={back} />
      <span>
        待审批环节：{pendingStep}
        <span class="muted">（发起人可催办或撤回）</span>
      </span>
      <label>
        说明 <input name="comment" maxlength={2000} />
      </label>
      <button type="submit" name="action" value="urge">
        催办
      </button>
      <button type="submit" name="action" value="withdraw" class="secondary">
        撤回申请
      </button>
    </form>
  );
}

/** For an enforcement case page: the pending step's name and the initiator, read from the API. */
export async function enforcementApprovalActions(
  c: ConsoleContext,
  deps: ConsoleDeps,
  caseNumber: string,
  back: string,
): Promise<Child> {
  const res = await fetchEnforcement(c, deps, caseNumber);
  if (!res.ok || res.body.status !== 'open') return null;
  const approval = res.body.approval as { current?: { name: string } } | null;
  const initiator = res.body.timeline.find((t) => t.action === 'enforcement.start-requested')?.actor;
  return (
    <ApprovalActions
      c={c}
      workflowId={res.body.workflowId}
      initiatorId={initiator}
      pendingStep={approval?.current?.name}
      back={back}
    />
  );
}

/** POST /cases/:workflowId/approval: 催办 or 撤回, then back to the page it came from. */
export async function submitApprovalAction(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const workflowId = c.req.param('workflowId') ?? '';
  const f = await formOf(c);
  const action = f.get('action');
  const back = f.get('back').startsWith('/') ? f.get('back') : `/cases/${encodeURIComponent(workflowId)}`;
  const res = await apiFor(c, deps).post(`/api/approvals/${encodeURIComponent(workflowId)}/actions`, {
    action,
    requestId: f.get('requestId'),
    comment: f.get('comment') || undefined,
  });
  if (res.ok) return done(c, `${back}${back.includes('?') ? '&' : '?'}approval=${encodeURIComponent(action)}`);
  return page(
    c,
    '催办或撤回',
    <>
      <Notice kind="error">{res.problem?.detail ?? res.problem?.title}</Notice>
      <p>
        <a href={back}>返回</a>
      </p>
    </>,
    problemStatus(res.status),
  );
}

const slotStatus: Record<string, string> = {
  pending: '待审批',
  approved: '同意',
  rejected: '不同意',
  transferred: '已转办',
  cancelled: '已取消',
};

/** A slot's result in the steps table: a return is 退回 (the engine records it as the slot's refusal). */
export function slotResult(
  step: { outcome?: { kind: string } | null; decisions?: Array<{ action: string; actorId?: string }> },
  slot: { status: string; assigneeId?: string },
): string {
  const returned =
    slot.status === 'rejected' &&
    (step.outcome?.kind === 'returned' ||
      (step.decisions ?? []).some((d) => d.action === 'return' && (!d.actorId || d.actorId === slot.assigneeId)));
  return returned ? '退回' : (slotStatus[slot.status] ?? '—');
}
