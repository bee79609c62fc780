import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarSnapshot } from '../../domain/calendar';
import type { ActionInput, ActionKind, Decision, StepOutcome, StepState } from './types';

export interface ActionResult {
  stepId: string;
  instanceId: string;
  decision: Decision;
  outcome?: StepOutcome;
}

export interface ApprovalView {
  current?: StepState;
  awaitingRevision?: { returnedBy: string; comment: string; since: string };
  completed: StepState[];
}

export const approveUpdate = defineUpdate<ActionResult, [ActionInput]>('approval.approve');
export const rejectUpdate = defineUpdate<ActionResult, [ActionInput]>('approval.reject');
export const returnUpdate = defineUpdate<ActionResult, [ActionInput]>('approval.return');
export const withdrawUpdate = defineUpdate<ActionResult, [ActionInput]>('approval.withdraw');
export const transferUpdate = defineUpdate<ActionResult, [ActionInput]>('approval.transfer');
export const addSignerUpdate = defineUpdate<ActionResult, [ActionInput]>('approval.add-signer');
export const urgeUpdate = defineUpdate<ActionResult, [ActionInput]>('approval.urge');
export const commentUpdate = defineUpdate<ActionResult, [ActionInput]>('approval.comment');
export const resubmitUpdate = defineUpdate<ActionResult, [ActionInput]>('approval.resubmit');

/** One Update per action, so each has its own synchronous validator and shows by name in the history. */
export const actionUpdates: Record<ActionKind, UpdateDefinition<ActionResult, [ActionInput]>> = {
  approve: approveUpdate,
  reject: rejectUpdate,
  return: returnUpdate,
  withdraw: withdrawUpdate,
  transfer: transferUpdate,
  'add-signer': addSignerUpdate,
  urge: urgeUpdate,
  comment: commentUpdate,
  resubmit: resubmitUpdate,
};

export const approvalStateQuery = defineQuery<ApprovalView>('approval.state');

/** Sent to running workflows when a calendar year is loaded: provisional deadlines are recomputed. */
export const calendarChangedSignal = defineSignal<[CalendarSnapshot]>('calendar.changed');
