// 四眼原则: the initiator of a request, or a substitute acting for them, decides nothing on it and never receives it.
import { describe, expect, it } from 'vitest';
import { eligibleSeeds, validateAction, type StepContext } from '../../../workflows/approval/step-state';
import type { ActionInput, ApprovalStepSpec, Actor, Slot, StepState } from '../../../workflows/approval/types';

const person = (id: string): Actor => ({ id, name: id, departmentId: 'yjj', roles: ['department-head'] });
const ctx: StepContext = { initiatorId: 'head-a', returnTargets: ['initiator'], urgeDay: '2026-03-02' };
const spec: ApprovalStepSpec = {
  stepId: 's',
  name: '部门负责人审核',
  mode: 'any-of',
  participants: { roles: ['department-head'] },
  deadline: { amount: 3, unit: 'working-days' },
};

function state(slots: Array<Pick<Slot, 'assigneeId' | 'actingForId'>>): StepState {
  return {
    stepId: 's',
    instanceId: 's#1',
    name: spec.name,
    mode: 'any-of',
    openedAt: '2026-03-02T01:00:00.000Z',
    dueDate: '2026-03-05',
    dueAt: '2026-03-05T16:00:00.000Z',
    provisional: false,
    calendarVersion: 1,
    slots: slots.map((s, i) => ({
      ...s,
      slotId: `s#1/s${i + 1}`,
      assigneeName: s.assigneeId,
      assigneeDepartmentId: 'yjj',
      status: 'pending',
    })),
    decisions: [],
    overdue: false,
    version: 1,
  };
}

let n = 0;
const input = (actor: string, extra: Partial<ActionInput> = {}): ActionInput => ({
  requestId: `r${++n}`,
  actor: person(actor),
  comment: '意见',
  ...extra,
});

describe('segregation of duties (四眼原则)', () => {
  it('opens the step with the next eligible approver, passing over the initiator and their substitute', () => {
    const seeds = [{ assigneeId: 'head-a' }, { assigneeId: 'deputy', actingForId: 'head-a' }, { assigneeId: 'head-b' }];
    expect(eligibleSeeds(seeds, 'head-a').map((s) => s.assigneeId)).toEqual(['head-b']);
    // Nobody else eligible: the seeds stay, and every decision is refused with the reason (below).
    expect(eligibleSeeds([{ assigneeId: 'head-a' }], 'head-a')).toEqual([{ assigneeId: 'head-a' }]);
  });

  it(
    'refuses the initiator deciding their own request, as forbidden ' + 'with the reason; a transfer away is allowed',
    () => {
      const s = state([{ assigneeId: 'head-a' }]);
      for (const kind of ['approve', 'reject', 'add-signer'] as const) {
        const refusal = validateAction(
          spec,
          s,
          ctx,
          kind,
          input('head-a', { target: person('head-b'), position: 'after' }),
        );
        expect(refusal?.code, kind).toBe('SEGREGATION_OF_DUTIES');
        expect(refusal?.message).toContain('四眼原则');
      }
      expect(validateAction(spec, s, ctx, 'return', input('head-a', { returnTo: 'initiator' }))?.code).toBe(
        'SEGREGATION_OF_DUTIES',
      );
      expect(validateAction(spec, s, ctx, 'transfer', input('head-a', { target: person('head-b') }))).toBeNull();
    },
  );

  it('refuses a substitute approving for the initiator', () => {
    const s = state([{ assigneeId: 'deputy', actingForId: 'head-a' }]);
    const refusal = validateAction(spec, s, ctx, 'approve', input('deputy'));
    expect(refusal).toMatchObject({ code: 'SEGREGATION_OF_DUTIES', message: expect.stringContaining('代理人') });
  });

  it('refuses the initiator as the target of a transfer or an added signer', () => {
    const s = state([{ assigneeId: 'head-b' }]);
    for (const kind of ['transfer', 'add-signer'] as const)
      expect(
        validateAction(spec, s, ctx, kind, input('head-b', { target: person('head-a'), position: 'before' }))?.code,
        kind,
      ).toBe('SEGREGATION_OF_DUTIES');
    expect(validateAction(spec, s, ctx, 'approve', input('head-b'))).toBeNull();
  });

  it('refuses a comment PostgreSQL could not store in the validator, so the workflow never fails on data', () => {
    const s = state([{ assigneeId: 'head-b' }]);
    for (const comment of ['同意\u0000', 'a\u0007', '\ud800'])
      expect(validateAction(spec, s, ctx, 'approve', input('head-b', { comment }))?.code).toBe('INVALID_ACTION');
    expect(validateAction(spec, s, ctx, 'approve', input('head-b', { comment: '同意\n第二行' }))).toBeNull();
  });
});
