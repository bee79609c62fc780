// Which participants of an approval step may act now: a pure rule, shared by the approval workflow
// (validators, handlers) and the activities that project its tasks.

/** The part of an approval slot the rule reads (structurally a workflows/approval Slot). */
export interface ApprovalSlotLike {
  slotId: string;
  status: 'pending' | 'approved' | 'rejected' | 'transferred' | 'cancelled';
  /** Activated only after this slot approves (加签 before me / after me). */
  blockedBy?: string;
}

/** The part of an approval step the rule reads (structurally a workflows/approval StepState). */
export interface ApprovalStepLike<S extends ApprovalSlotLike> {
  mode: 'all-of' | 'any-of' | 'sequential';
  slots: S[];
  outcome?: unknown;
}

function isBlocked<S extends ApprovalSlotLike>(state: ApprovalStepLike<S>, slot: S): boolean {
  if (!slot.blockedBy) return false;
  return state.slots.find((s) => s.slotId === slot.blockedBy)?.status !== 'approved';
}

/** Slots whose holder may act now: pending, unblocked, and in sequential mode only the first such. */
export function activeSlots<S extends ApprovalSlotLike>(state: ApprovalStepLike<S>): S[] {
  if (state.outcome) return [];
  const ready = state.slots.filter((s) => s.status === 'pending' && !isBlocked(state, s));
  return state.mode === 'sequential' ? ready.slice(0, 1) : ready;
}
