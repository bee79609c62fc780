// The approval step as a pure state machine: validated, applied and judged without Temporal,
// so the same rules serve the workflow's validators, its handlers and unit tests.
import type {
  ActionInput,
  ActionKind,
  ApprovalStepSpec,
  Decision,
  RejectionCode,
  Slot,
  StepOutcome,
  StepState,
} from './types';
import { activeSlots } from '../../domain/approval-slots';

export interface Rejection {
  code: RejectionCode;
  message: string;
}

export interface StepContext {
  initiatorId: string;
  /** Steps before this one in the chain, which 退回 may name, plus 'initiator'. */
  returnTargets: string[];
  /** The working day an urge on `today` counts against (a rest day counts as the next working day). */
  urgeDay: string;
}

const alwaysNeedComment: ActionKind[] = ['reject', 'return', 'transfer', 'comment'];

export function needsComment(spec: ApprovalStepSpec, kind: ActionKind): boolean {
  return alwaysNeedComment.includes(kind) || (spec.commentRequiredFor ?? []).includes(kind);
}

export { activeSlots };

export function activeSlotOf(state: StepState, actorId: string): Slot | undefined {
  return activeSlots(state).find((s) => s.assigneeId === actorId);
}

const reject = (code: RejectionCode, message: string): Rejection => ({ code, message });

// Control characters other than tab and line breaks, and lone UTF-16 surrogates.
const unstorableText = new RegExp(
  '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]|' +
    '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]',
);
const unstorable = (text: unknown) => typeof text === 'string' && unstorableText.test(text);

/**
 * 四眼原则 (segregation of duties): a slot held by the initiator, or by a substitute acting for the initiator,
 * may not decide the initiator's own request.
 */
export function conflictsWithInitiator(slot: Pick<Slot, 'assigneeId' | 'actingForId'>, initiatorId: string): boolean {
  return slot.assigneeId === initiatorId || slot.actingForId === initiatorId;
}

/**
 * The participants a step opens with: those free of conflict with the initiator, so the step goes to the next
 * eligible approver. When nobody is eligible the seeds stay, and every decision is refused with the reason
 * (the holder may still transfer the step to an eligible colleague).
 */
export function eligibleSeeds<T extends Pick<Slot, 'assigneeId' | 'actingForId'>>(
  seeds: T[],
  initiatorId: string,
): T[] {
  const eligible = seeds.filter((s) => !conflictsWithInitiator(s, initiatorId));
  return eligible.length > 0 ? eligible : seeds;
}

const selfDecision = (slot: Slot, actorId: string) =>
  reject(
    'SEGREGATION_OF_DUTIES',
    slot.actingForId && slot.assigneeId === actorId && slot.actingForId !== actorId
      ? '代理人不得代发起人审批其本人发起的事项（四眼原则），请转办其他人员'
      : '不得审批本人发起的事项（四眼原则），请转办其他人员',
  );

/** Synchronous validation: everything an Update validator needs is in the step's state. */
export function validateAction(
  spec: ApprovalStepSpec,
  state: StepState,
  ctx: StepContext,
  kind: ActionKind,
  input: ActionInput,
): Rejection | null {
  // a repeated request is answered, not re-applied
  if (state.decisions.some((d) => d.requestId === input.requestId)) return null;
  if (state.outcome) return reject('STEP_CLOSED', `环节「${state.name}」已办结，不能再操作`);
  const comment = input.comment?.trim() ?? '';
  // Defence in depth behind the API's input guard: text PostgreSQL cannot store would fail the step's effects.
  if (unstorable(input.comment) || unstorable(input.returnTo)) {
    return reject('INVALID_ACTION', '意见不得包含控制字符或不成对的 UTF-16 代理字符');
  }
  if (needsComment(spec, kind) && comment.length === 0) {
    return reject('COMMENT_REQUIRED', kind === 'transfer' ? '转办必须填写理由' : '此操作必须填写意见');
  }
  const actor = input.actor;
  const mine = activeSlotOf(state, actor.id);
  switch (kind) {
    case 'approve':
    case 'reject':
    case 'return':
    case 'transfer':
    case 'add-signer': {
      if (!mine) {
        const decided = state.slots.some(
          (s) => s.assigneeId === actor.id && (s.status === 'approved' || s.status === 'rejected'),
        );
        if (decided) return reject('ALREADY_DECIDED', '您已在此环节作出决定');
        return reject('NOT_ASSIGNEE', `环节「${state.name}」当前不由您办理`);
      }
      if (kind !== 'transfer' && conflictsWithInitiator(mine, ctx.initiatorId)) return selfDecision(mine, actor.id);
      if (kind === 'return' && !ctx.returnTargets.includes(input.returnTo ?? '')) {
        return reject('UNKNOWN_STEP', `只能退回到之前的环节: ${ctx.returnTargets.join('、')}`);
      }
      if (kind === 'transfer' || kind === 'add-signer') {
        const target = input.target;
        if (!target) return reject('NOT_ELIGIBLE', '必须指定办理人');
        if (target.id === actor.id) return reject('NOT_ELIGIBLE', '不能指定本人');
        if (target.id === ctx.initiatorId)
          return reject('SEGREGATION_OF_DUTIES', `${target.name} 是本事项的发起人，不得审批本人发起的事项（四眼原则）`);
        if (state.slots.some((s) => s.assigneeId === target.id && s.status === 'pending'))
          return reject('NOT_ELIGIBLE', `${target.name} 已是本环节的办理人`);
        if (kind === 'transfer' && !target.roles.some((r) => spec.participants.roles.includes(r))) {
          return reject(
            'NOT_ELIGIBLE',
            `${target.name} 不具备本环节要求的角色 (${spec.participants.roles.join('、')})`,
          );
        }
        if (kind === 'add-signer' && input.position !== 'before' && input.position !== 'after') {
          return reject('INVALID_ACTION', '加签必须指明在本人之前或之后');
        }
      }
      return null;
    }
    case 'withdraw':
      if (actor.id !== ctx.initiatorId) return reject('NOT_INITIATOR', '只有发起人可以撤回');
      if (state.slots.some((s) => s.status === 'approved' || s.status === 'rejected'))
        return reject('NOT_WITHDRAWABLE', '已有人作出决定，不能撤回');
      return null;
    case 'urge': {
      const involved =
        actor.id === ctx.initiatorId ||
        actor.roles.includes('safety-office') ||
        actor.roles.includes('district-leader');
      if (!involved) return reject('NOT_INITIATOR', '只有发起人或督办人员可以催办');
      if (state.lastUrgedDate === ctx.urgeDay) return reject('URGED_TODAY', '同一工作日内只能催办一次');
      return null;
    }
    case 'comment': {
      const involved = actor.id === ctx.initiatorId || state.slots.some((s) => s.assigneeId === actor.id);
      if (!involved) return reject('NOT_ASSIGNEE', '只有本环节的参与人可以发表意见');
      return null;
    }
    default:
      return reject('INVALID_ACTION', `未知操作 ${kind}`);
  }
}

// Slots are never removed, so the count gives a stable, unique id.
function newSlotId(state: StepState): string {
  return `${state.instanceId}/s${state.slots.length + 1}`;
}

/** Applies a validated action; returns the decision recorded. Idempotent on requestId. */
export function applyAction(
  state: StepState,
  kind: ActionKind,
  input: ActionInput,
  at: string,
  ctx: StepContext,
): Decision {
  const seen = state.decisions.find((d) => d.requestId === input.requestId);
  if (seen) return seen;
  const actor = input.actor;
  const slot = activeSlotOf(state, actor.id);
  const comment = input.comment?.trim() || undefined;
  const decision: Decision = {
    requestId: input.requestId,
    action: kind,
    actorId: actor.id,
    actorName: actor.name,
    actingForId: slot?.actingForId,
    at,
    comment,
    targetId: input.target?.id,
    returnTo: input.returnTo,
  };
  switch (kind) {
    case 'approve':
      Object.assign(slot!, { status: 'approved', decidedAt: at, comment });
      break;
    case 'reject':
      Object.assign(slot!, { status: 'rejected', decidedAt: at, comment });
      state.outcome = { kind: 'rejected', by: actor.id, comment: comment ?? '' };
      break;
    case 'return':
      Object.assign(slot!, { status: 'rejected', decidedAt: at, comment });
      state.outcome = { kind: 'returned', to: input.returnTo!, by: actor.id, comment: comment ?? '' };
      break;
    case 'withdraw':
      state.outcome = { kind: 'withdrawn', by: actor.id };
      break;
    case 'transfer': {
      const replacement = slotFor(state, input.target!, { blockedBy: slot!.blockedBy });
      Object.assign(slot!, { status: 'transferred', decidedAt: at, comment });
      for (const s of state.slots) if (s.blockedBy === slot!.slotId) s.blockedBy = replacement.slotId;
      state.slots.splice(state.slots.indexOf(slot!) + 1, 0, replacement);
      break;
    }
    case 'add-signer': {
      const index = state.slots.indexOf(slot!);
      if (input.position === 'before') {
        const added = slotFor(state, input.target!, { addedBy: actor.id });
        slot!.blockedBy = added.slotId;
        state.slots.splice(index, 0, added);
      } else {
        const added = slotFor(state, input.target!, { addedBy: actor.id, blockedBy: slot!.slotId });
        state.slots.splice(index + 1, 0, added);
      }
      break;
    }
    case 'urge':
      state.lastUrgedDate = ctx.urgeDay;
      break;
    case 'comment':
    case 'resubmit':
      break;
  }
  state.decisions.push(decision);
  settle(state, at);
  return decision;
}

function slotFor(state: StepState, user: ActionInput['actor'], extra: Partial<Slot>): Slot {
  return {
    slotId: newSlotId(state),
    assigneeId: user.id,
    assigneeName: user.name,
    assigneeDepartmentId: user.departmentId,
    status: 'pending',
    ...extra,
  };
}

/** Decides the outcome once the mode's rule is met, and cancels what nobody needs to do any more. */
export function settle(state: StepState, at: string): void {
  if (!state.outcome) {
    const counted = state.slots.filter((s) => s.status !== 'transferred' && s.status !== 'cancelled');
    const approved = (s: Slot): boolean =>
      s.status === 'approved' &&
      state.slots
        .filter((d) => d.blockedBy === s.slotId && d.status !== 'transferred' && d.status !== 'cancelled')
        .every(approved);
    // 或签: one approval decides, unless it added a signer after itself who has yet to approve.
    const done =
      state.mode === 'any-of'
        ? counted.some(approved)
        : counted.length > 0 && counted.every((s) => s.status === 'approved');
    if (done) state.outcome = { kind: 'approved' } satisfies StepOutcome;
  }
  if (state.outcome) {
    for (const s of state.slots) if (s.status === 'pending') Object.assign(s, { status: 'cancelled', decidedAt: at });
  }
  state.version++;
}

/** The automatic action configured for a step that runs past its deadline. */
export function applyTimeout(state: StepState, action: 'approve' | 'reject', at: string): void {
  if (state.outcome) return;
  state.decisions.push({
    requestId: `${state.instanceId}:timeout`,
    action,
    actorId: 'system',
    actorName: '系统',
    at,
    comment: action === 'approve' ? '超过办理期限，按规定自动通过' : '超过办理期限，按规定自动退回',
  });
  state.outcome =
    action === 'approve'
      ? { kind: 'approved' }
      : { kind: 'rejected', by: 'system', comment: '超过办理期限，按规定自动退回' };
  settle(state, at);
}
