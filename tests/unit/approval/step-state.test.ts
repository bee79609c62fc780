import { describe, expect, it } from 'vitest';
import { activeSlots, applyAction, validateAction, type StepContext } from '../../../workflows/approval/step-state';
import type { ActionInput, ApprovalMode, ApprovalStepSpec, Actor, StepState } from '../../../workflows/approval/types';

const person = (id: string, roles: Actor['roles'] = ['department-head']): Actor => ({
  id,
  name: id,
  departmentId: 'yjj',
  roles,
});
const ctx: StepContext = { initiatorId: 'officer', returnTargets: ['initiator', 'draft'], urgeDay: '2026-03-02' };

function step(mode: ApprovalMode, ids: string[]): { spec: ApprovalStepSpec; state: StepState } {
  const spec: ApprovalStepSpec = {
    stepId: 's',
    name: '审核',
    mode,
    participants: { roles: ['department-head'] },
    deadline: { amount: 3, unit: 'working-days' },
  };
  const state: StepState = {
    stepId: 's',
    instanceId: 's#1',
    name: '审核',
    mode,
    openedAt: '2026-03-02T01:00:00.000Z',
    dueDate: '2026-03-05',
    dueAt: '2026-03-05T16:00:00.000Z',
    provisional: false,
    calendarVersion: 1,
    slots: ids.map((id, i) => ({
      slotId: `s#1/s${i + 1}`,
      assigneeId: id,
      assigneeName: id,
      assigneeDepartmentId: 'yjj',
      status: 'pending',
    })),
    decisions: [],
    overdue: false,
    version: 1,
  };
  return { spec, state };
}

let n = 0;
const input = (actor: string, extra: Partial<ActionInput> = {}): ActionInput => ({
  requestId: `r${++n}`,
  actor: person(actor),
  ...extra,
});
const run = (s: ReturnType<typeof step>, kind: Parameters<typeof applyAction>[1], i: ActionInput) => {
  const rejection = validateAction(s.spec, s.state, ctx, kind, i);
  if (rejection) return rejection.code;
  applyAction(s.state, kind, i, '2026-03-02T02:00:00.000Z', ctx);
  return 'ok';
};

describe('approval step rules', () => {
  it('sequential: only the first undecided signer may act, in order', () => {
    const s = step('sequential', ['a', 'b', 'c']);
    expect(activeSlots(s.state).map((x) => x.assigneeId)).toEqual(['a']);
    expect(run(s, 'approve', input('b'))).toBe('NOT_ASSIGNEE');
    expect(run(s, 'approve', input('a'))).toBe('ok');
    expect(run(s, 'approve', input('b'))).toBe('ok');
    expect(s.state.outcome).toBeUndefined();
    expect(run(s, 'approve', input('c'))).toBe('ok');
    expect(s.state.outcome).toEqual({ kind: 'approved' });
  });

  it('all-of (会签): everyone must approve; one rejection decides', () => {
    const s = step('all-of', ['a', 'b']);
    expect(run(s, 'approve', input('b'))).toBe('ok');
    expect(run(s, 'approve', input('b'))).toBe('ALREADY_DECIDED');
    expect(run(s, 'reject', input('a', { comment: '不同意' }))).toBe('ok');
    expect(s.state.outcome).toMatchObject({ kind: 'rejected', by: 'a' });
  });

  it('any-of (或签): the first approval decides and the others are cancelled', () => {
    const s = step('any-of', ['a', 'b', 'c']);
    expect(run(s, 'approve', input('c'))).toBe('ok');
    expect(s.state.outcome).toEqual({ kind: 'approved' });
    expect(s.state.slots.map((x) => x.status)).toEqual(['cancelled', 'cancelled', 'approved']);
    expect(run(s, 'approve', input('a'))).toBe('STEP_CLOSED');
  });

  it('any-of with a signer added after: the approval waits for the added signer', () => {
    const s = step('any-of', ['a', 'b']);
    expect(run(s, 'add-signer', input('a', { position: 'after', target: person('x', ['district-leader']) }))).toBe(
      'ok',
    );
    expect(run(s, 'approve', input('a'))).toBe('ok');
    expect(s.state.outcome).toBeUndefined();
    expect(run(s, 'approve', input('x'))).toBe('ok');
    expect(s.state.outcome).toEqual({ kind: 'approved' });
  });

  it('requires a comment to reject, return or transfer, and a role to receive a transfer', () => {
    const s = step('sequential', ['a']);
    expect(run(s, 'reject', input('a'))).toBe('COMMENT_REQUIRED');
    expect(run(s, 'return', input('a', { returnTo: 'draft' }))).toBe('COMMENT_REQUIRED');
    expect(run(s, 'return', input('a', { comment: '补正', returnTo: 'nowhere' }))).toBe('UNKNOWN_STEP');
    expect(run(s, 'transfer', input('a', { comment: '出差', target: person('o', ['officer']) }))).toBe('NOT_ELIGIBLE');
    expect(run(s, 'transfer', input('a', { comment: '出差', target: person('h2') }))).toBe('ok');
    expect(activeSlots(s.state).map((x) => x.assigneeId)).toEqual(['h2']);
  });

  it('withdraw only by the initiator and only while nobody has decided; urge once per working day', () => {
    const s = step('all-of', ['a', 'b']);
    expect(run(s, 'withdraw', input('a'))).toBe('NOT_INITIATOR');
    expect(run(s, 'urge', input('officer'))).toBe('ok');
    expect(run(s, 'urge', input('officer'))).toBe('URGED_TODAY');
    expect(run(s, 'approve', input('a'))).toBe('ok');
    expect(run(s, 'withdraw', input('officer'))).toBe('NOT_WITHDRAWABLE');
  });

  it('a repeated request id is not applied twice', () => {
    const s = step('all-of', ['a', 'b']);
    const once = input('a');
    expect(run(s, 'approve', once)).toBe('ok');
    expect(validateAction(s.spec, s.state, ctx, 'approve', once)).toBeNull();
    const decision = applyAction(s.state, 'approve', once, '2026-03-02T03:00:00.000Z', ctx);
    expect(decision.at).toBe('2026-03-02T02:00:00.000Z');
    expect(s.state.decisions).toHaveLength(1);
  });
});
