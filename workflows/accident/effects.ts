// The accident case's side effects, each an idempotent activity keyed by the workflow id and the event.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { AccidentActivities } from '../../activities/accidents';
import type { ApprovalActivities } from '../../activities/approval';
import type { ParticipantSpec } from '../approval/types';

const retry = { initialInterval: '1s', maximumInterval: '1m' };
export const acts = proxyActivities<ApprovalActivities & AccidentActivities>({
  startToCloseTimeout: '30 seconds',
  retry,
});

export const safetyOffice: ParticipantSpec = { roles: ['safety-office'], departmentId: 'aqb' };

export function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

export async function audit(
  caseId: string,
  key: string,
  action: string,
  fields: { actor?: string; comment?: string; legalBasis?: string; detail?: Record<string, unknown> } = {},
): Promise<void> {
  const { workflowId } = workflowInfo();
  await acts.recordAuditEvents([
    {
      dedupeKey: `${workflowId}:${key}`,
      workflowId,
      caseId,
      actor: fields.actor ?? 'system',
      action,
      comment: fields.comment,
      legalBasis: fields.legalBasis,
      detail: fields.detail,
      at: nowIso(),
    },
  ]);
}

/** Notifies everyone the spec resolves to; the key makes each notice unique per event and recipient. */
export async function notify(
  who: ParticipantSpec,
  caseDepartmentId: string,
  key: string,
  template: string,
  params: Record<string, string>,
  onDate: string,
): Promise<string[]> {
  const { workflowId } = workflowInfo();
  const recipients = await acts.resolveParticipants({ spec: who, caseDepartmentId, onDate });
  await acts.sendNotifications(
    recipients.map((r) => ({
      key: `${workflowId}:${key}:${r.assigneeId}`,
      recipientId: r.assigneeId,
      template,
      params,
    })),
  );
  return recipients.map((r) => r.assigneeId);
}
