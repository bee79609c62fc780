// The one approval primitive every workflow uses: runs steps and chains of steps with Updates,
// reminders, escalation and the statutory calendar. Workflow code: deterministic, no I/O.
import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { CalendarSnapshot } from '../../domain/calendar';
import { rollForwardToWorkingDay } from '../../domain/calendar';
import { todayInShanghai } from '../../domain/dates';
import type { ApprovalActivities } from '../../activities/approval';
import type { CalendarActivities } from '../../activities/calendar';
import { endOfDay, isoAt, stepDue, stepMoments, type Moment } from './deadline';
import {
  actionUpdates,
  approvalStateQuery,
  calendarChangedSignal,
  type ActionResult,
  type ApprovalView,
} from './messages';
import { applyAction, applyTimeout, eligibleSeeds, validateAction, type StepContext } from './step-state';
import { refuseBy } from '../refusal';
import {
  approvalRefusals,
  type ActionInput,
  type ActionKind,
  type ApprovalStepSpec,
  type CaseRef,
  type StepOutcome,
  type StepState,
} from './types';

const calendarActs = proxyActivities<CalendarActivities>({ startToCloseTimeout: '30 seconds' });
const acts = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});
const localActs = proxyLocalActivities<ApprovalActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});

/**
 * Patch 'approval-local-effects' (2026-11): a step's own effects (inbox projection, audit, notifications) run
 * as local activities, in the same workflow task as the decision: two server round trips less per action.
 * Runs recorded before the patch replay on the old path (regular activities).
 */
function stepEffects(): typeof acts {
  return patched('approval-local-effects') ? localActs : acts;
}

export type ChainOutcome =
  { kind: 'approved'; steps: StepState[] } | { kind: 'rejected' | 'withdrawn'; step: StepState; outcome: StepOutcome };

const defaultReminders = ['half-period', 'one-working-day-before', 'due-day'] as const;
const safetyOffice = { roles: ['safety-office' as const], departmentId: 'aqb' };

export class ApprovalEngine {
  private current?: { spec: ApprovalStepSpec; state: StepState; ctx: StepContext };
  private completed: StepState[] = [];
  private revision?: {
    returnedBy: string;
    comment: string;
    since: string;
    resubmitted?: ActionInput;
    requestIds: Set<string>;
  };
  private openings = new Map<string, number>();
  private calendarListeners: Array<(c: CalendarSnapshot) => void> = [];

  /** Set by start(): the statutory calendar in force when the case began, recorded in history. */
  public calendar: CalendarSnapshot = { version: 0, loadedYears: [], days: {} };

  /** Registers the handlers at once, so queries and Updates are answered from the workflow's first task. */
  constructor(private readonly caseRef: CaseRef) {
    for (const [kind, update] of Object.entries(actionUpdates) as Array<
      [ActionKind, (typeof actionUpdates)[ActionKind]]
    >) {
      setHandler(update, (input) => this.handle(kind, input), { validator: (input) => this.validate(kind, input) });
    }
    setHandler(approvalStateQuery, (): ApprovalView => ({
      current: this.current?.state,
      completed: this.completed,
      awaitingRevision: this.revision && !this.revision.resubmitted ? this.revision : undefined,
    }));
    setHandler(calendarChangedSignal, (snapshot) => {
      if (snapshot.version <= this.calendar.version) return;
      this.calendar = snapshot;
      for (const listener of this.calendarListeners) listener(snapshot);
    });
  }

  /** Takes the calendar through an activity (see activities/calendar.ts for why). */
  async start(): Promise<this> {
    const snapshot = await calendarActs.getCalendarSnapshot();
    if (snapshot.version > this.calendar.version) this.calendar = snapshot;
    return this;
  }

  /** Workflow-level deadlines subscribe here to recompute when a calendar year is loaded. */
  onCalendarChanged(listener: (c: CalendarSnapshot) => void): void {
    this.calendarListeners.push(listener);
  }

  get view(): ApprovalView {
    return { current: this.current?.state, completed: this.completed };
  }

  private today(): string {
    return todayInShanghai(Date.now());
  }

  private validate(kind: ActionKind, input: ActionInput): void {
    if (!input || typeof input.requestId !== 'string' || input.requestId.length === 0 || !input.actor?.id) {
      refuseBy(approvalRefusals, 'INVALID_ACTION', '缺少请求编号或操作人');
    }
    if (kind === 'resubmit') {
      const r = this.revision;
      if (r?.requestIds.has(input.requestId)) return;
      if (!r || r.resubmitted) refuseBy(approvalRefusals, 'STEP_CLOSED', '当前没有待修改重新提交的事项');
      if (input.actor.id !== this.caseRef.initiatorId)
        refuseBy(approvalRefusals, 'NOT_INITIATOR', '只有发起人可以重新提交');
      return;
    }
    if (!this.current) {
      refuseBy(approvalRefusals, 'STEP_CLOSED', '当前没有待办理的审批环节');
    }
    const rejection = validateAction(
      this.current.spec,
      this.current.state,
      { ...this.current.ctx, urgeDay: this.urgeDay() },
      kind,
      input,
    );
    if (rejection) refuseBy(approvalRefusals, rejection.code, rejection.message);
  }

  private urgeDay(): string {
    return rollForwardToWorkingDay(this.calendar, this.today());
  }

  private async handle(kind: ActionKind, input: ActionInput): Promise<ActionResult> {
    const at = isoAt(Date.now());
    if (kind === 'resubmit') {
      const r = this.revision!;
      r.requestIds.add(input.requestId);
      r.resubmitted ??= input;
      await stepEffects().recordAuditEvents([
        this.audit(input.requestId, {
          actor: input.actor.id,
          action: 'approval.resubmit',
          comment: input.comment,
          step: 'initiator',
          at,
        }),
      ]);
      return {
        stepId: 'initiator',
        instanceId: 'initiator',
        decision: {
          requestId: input.requestId,
          action: 'resubmit',
          actorId: input.actor.id,
          actorName: input.actor.name,
          at,
          comment: input.comment,
        },
      };
    }
    const { spec, state, ctx } = this.current!;
    const repeated = state.decisions.find((d) => d.requestId === input.requestId);
    const decision = applyAction(state, kind, input, at, { ...ctx, urgeDay: this.urgeDay() });
    if (!repeated) {
      const effects: Promise<unknown>[] = [
        stepEffects().syncStepTasks({ caseRef: this.caseRef, step: state }),
        stepEffects().recordAuditEvents([
          this.audit(input.requestId, {
            actor: input.actor.id,
            actingFor: decision.actingForId,
            action: `approval.${kind}`,
            comment: decision.comment,
            step: state.instanceId,
            legalBasis: spec.legalBasis,
            at,
            detail: {
              target: input.target?.id,
              position: input.position,
              returnTo: input.returnTo,
              outcome: state.outcome?.kind,
            },
          }),
        ]),
      ];
      if (kind === 'urge')
        effects.push(
          this.notifyActive(state, `urge:${input.requestId}`, 'approval.urged', { urgedBy: input.actor.name }),
        );
      await Promise.all(effects);
    }
    return { stepId: state.stepId, instanceId: state.instanceId, decision, outcome: state.outcome };
  }

  private audit(
    key: string,
    entry: Omit<Parameters<ApprovalActivities['recordAuditEvents']>[0][number], 'dedupeKey' | 'workflowId' | 'caseId'>,
  ) {
    return {
      ...entry,
      dedupeKey: `${this.caseRef.workflowId}:${key}`,
      workflowId: this.caseRef.workflowId,
      caseId: this.caseRef.caseId,
    };
  }

  private notifyActive(state: StepState, momentKey: string, template: string, params: Record<string, string>) {
    const recipients = state.slots.filter((s) => s.status === 'pending').map((s) => s.assigneeId);
    return stepEffects().sendNotifications(
      recipients.map((recipientId) => ({
        key: `${this.caseRef.workflowId}:${state.instanceId}:${momentKey}:${recipientId}`,
        recipientId,
        template,
        params: {
          caseId: this.caseRef.caseId,
          caseTitle: this.caseRef.caseTitle,
          step: state.name,
          dueDate: state.dueDate,
          ...params,
        },
      })),
    );
  }

  /** Runs one step until it is decided; reminders, escalation and timeout actions happen meanwhile. */
  async runStep(spec: ApprovalStepSpec, returnTargets: string[] = []): Promise<StepState> {
    const n = (this.openings.get(spec.stepId) ?? 0) + 1;
    this.openings.set(spec.stepId, n);
    const instanceId = `${spec.stepId}#${n}`;
    const openedAt = Date.now();
    const openedDate = this.today();
    // 四眼原则: the initiator, or a substitute acting for them, is passed over for the next eligible approver.
    const seeds = eligibleSeeds(
      await stepEffects().resolveParticipants({
        spec: spec.participants,
        caseDepartmentId: this.caseRef.departmentId,
        onDate: openedDate,
      }),
      this.caseRef.initiatorId,
    );
    let due = stepDue(this.calendar, openedDate, spec.deadline);
    const state: StepState = {
      stepId: spec.stepId,
      instanceId,
      name: spec.name,
      mode: spec.mode,
      legalBasis: spec.legalBasis ?? due.citation,
      openedAt: isoAt(openedAt),
      dueDate: due.dueDate,
      dueAt: isoAt(endOfDay(due.dueDate)),
      provisional: due.provisional,
      calendarVersion: due.calendarVersion,
      slots: seeds.map((s, i) => ({ ...s, slotId: `${instanceId}/s${i + 1}`, status: 'pending' as const })),
      decisions: [],
      overdue: false,
      version: 1,
    };
    this.current = { spec, state, ctx: { initiatorId: this.caseRef.initiatorId, returnTargets, urgeDay: '' } };
    await Promise.all([
      stepEffects().syncStepTasks({ caseRef: this.caseRef, step: state }),
      stepEffects().recordAuditEvents([
        this.audit(`${instanceId}:opened`, {
          actor: 'system',
          action: 'approval.step-opened',
          step: instanceId,
          legalBasis: state.legalBasis,
          at: state.openedAt,
          detail: {
            participants: state.slots.map((s) => ({ id: s.assigneeId, actingFor: s.actingForId })),
            mode: spec.mode,
            dueDate: state.dueDate,
            provisional: state.provisional,
          },
        }),
      ]),
      this.notifyActive(state, 'opened', 'approval.assigned', {}),
    ]);

    let calendarSeen = this.calendar.version;
    let moments = stepMoments(
      this.calendar,
      openedDate,
      state.dueDate,
      spec.reminders ?? [...defaultReminders],
      Date.now(),
    );
    while (!state.outcome) {
      const next: Moment | undefined = moments[0];
      const woke = await condition(
        () => state.outcome !== undefined || this.calendar.version !== calendarSeen,
        next ? Math.max(next.at - Date.now(), 1) : undefined,
      );
      if (state.outcome) break;
      if (woke) {
        // A calendar year was loaded: a provisional due date is recomputed and its timers moved.
        calendarSeen = this.calendar.version;
        if (state.provisional) {
          due = stepDue(this.calendar, openedDate, spec.deadline);
          const previous = state.dueDate;
          Object.assign(state, {
            dueDate: due.dueDate,
            dueAt: isoAt(endOfDay(due.dueDate)),
            provisional: due.provisional,
            calendarVersion: due.calendarVersion,
            version: state.version + 1,
          });
          moments = stepMoments(
            this.calendar,
            openedDate,
            state.dueDate,
            spec.reminders ?? [...defaultReminders],
            Date.now(),
          );
          await Promise.all([
            stepEffects().syncStepTasks({ caseRef: this.caseRef, step: state }),
            stepEffects().recordAuditEvents([
              this.audit(`${instanceId}:recomputed:${calendarSeen}`, {
                actor: 'system',
                action: 'deadline.recomputed',
                step: instanceId,
                at: isoAt(Date.now()),
                detail: { previous, dueDate: state.dueDate, calendarVersion: calendarSeen },
              }),
            ]),
          ]);
        }
        continue;
      }
      moments.shift();
      if (next!.kind === 'overdue') await this.escalate(spec, state);
      else await this.notifyActive(state, next!.kind, 'approval.reminder', { moment: next!.kind });
    }
    await condition(allHandlersFinished);
    this.completed.push(state);
    this.current = undefined;
    return state;
  }

  private async escalate(spec: ApprovalStepSpec, state: StepState): Promise<void> {
    const at = isoAt(Date.now());
    state.overdue = true;
    state.version++;
    const escalation = spec.escalateTo ?? safetyOffice;
    const recipients = await stepEffects().resolveParticipants({
      spec: escalation,
      caseDepartmentId: this.caseRef.departmentId,
      onDate: this.today(),
    });
    await Promise.all([
      stepEffects().recordAuditEvents([
        this.audit(`${state.instanceId}:overdue`, {
          actor: 'system',
          action: 'approval.overdue',
          step: state.instanceId,
          legalBasis: state.legalBasis,
          at,
          detail: { dueDate: state.dueDate, escalatedTo: recipients.map((r) => r.assigneeId) },
        }),
      ]),
      stepEffects().sendNotifications(
        recipients.map((r) => ({
          key: `${this.caseRef.workflowId}:${state.instanceId}:overdue:${r.assigneeId}`,
          recipientId: r.assigneeId,
          template: 'approval.overdue',
          params: {
            caseId: this.caseRef.caseId,
            caseTitle: this.caseRef.caseTitle,
            step: state.name,
            dueDate: state.dueDate,
          },
        })),
      ),
      this.notifyActive(state, 'overdue', 'approval.overdue', {}),
    ]);
    if (spec.timeoutAction === 'approve' || spec.timeoutAction === 'reject') {
      applyTimeout(state, spec.timeoutAction, at);
      await stepEffects().recordAuditEvents([
        this.audit(`${state.instanceId}:timeout`, {
          actor: 'system',
          action: `approval.timeout-${spec.timeoutAction}`,
          step: state.instanceId,
          at,
        }),
      ]);
    }
    await stepEffects().syncStepTasks({ caseRef: this.caseRef, step: state });
  }

  /**
   * Runs steps in order. 退回 to a named step runs again from there; 退回 to 'initiator' waits for the
   * initiator to revise and resubmit (`onRevision` applies the revision), then starts over.
   */
  async runChain(
    steps: ApprovalStepSpec[],
    onRevision?: (input: ActionInput) => void | Promise<void>,
  ): Promise<ChainOutcome> {
    const decided: StepState[] = [];
    let i = 0;
    while (i < steps.length) {
      const spec = steps[i]!;
      const state = await this.runStep(spec, ['initiator', ...steps.slice(0, i).map((s) => s.stepId)]);
      const outcome = state.outcome!;
      if (outcome.kind === 'approved') {
        decided.push(state);
        i++;
      } else if (outcome.kind === 'returned') {
        if (outcome.to === 'initiator') {
          await this.awaitRevision(outcome, onRevision);
          i = 0;
        } else {
          i = steps.findIndex((s) => s.stepId === outcome.to);
        }
      } else {
        return { kind: outcome.kind, step: state, outcome };
      }
    }
    return { kind: 'approved', steps: decided };
  }

  private async awaitRevision(
    outcome: Extract<StepOutcome, { kind: 'returned' }>,
    onRevision?: (input: ActionInput) => void | Promise<void>,
  ): Promise<void> {
    const since = isoAt(Date.now());
    this.revision = { returnedBy: outcome.by, comment: outcome.comment, since, requestIds: new Set() };
    const version = this.completed.length * 1000;
    await stepEffects().syncRevisionTask({
      caseRef: this.caseRef,
      open: true,
      since,
      comment: outcome.comment,
      returnedBy: outcome.by,
      version: version + 1,
    });
    await condition(() => this.revision?.resubmitted !== undefined);
    const input = this.revision!.resubmitted!;
    if (onRevision) await onRevision(input);
    await stepEffects().syncRevisionTask({
      caseRef: this.caseRef,
      open: false,
      since,
      comment: outcome.comment,
      returnedBy: outcome.by,
      version: version + 2,
    });
    await condition(allHandlersFinished);
    this.revision = undefined;
  }
}
