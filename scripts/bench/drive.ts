// Starting approval requests and sending Updates the way the API does, with a retry while the next step opens.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { TypedSearchAttributes } from '@temporalio/common';
import { CaseNumber, DepartmentId, WorkflowKind } from '../../temporal/search-attributes';
import { approvalRequestWorkflow } from '../../workflows/approval-request';
import { approvalTemplates, type ApprovalTemplateId } from '../../workflows/approval/templates';
import { sleep } from './stats';

export async function startApprovalRequest(
  client: Client,
  taskQueue: string,
  input: { caseId: string; departmentId: string; initiatorId: string; template: ApprovalTemplateId },
): Promise<WorkflowHandle<typeof approvalRequestWorkflow>> {
  return client.workflow.start(approvalRequestWorkflow, {
    taskQueue,
    workflowId: `approval-${input.caseId}`,
    args: [
      {
        caseId: input.caseId,
        title: `压测审批事项 ${input.caseId}`,
        departmentId: input.departmentId,
        initiatorId: input.initiatorId,
        steps: approvalTemplates[input.template],
      },
    ],
    typedSearchAttributes: new TypedSearchAttributes([
      { key: CaseNumber, value: input.caseId },
      { key: DepartmentId, value: input.departmentId },
      { key: WorkflowKind, value: 'approval-request' },
    ]),
  });
}

export interface RetryStats {
  retries: number;
}

/**
 * Sends one Update; while the validator answers STEP_CLOSED (the next step is not open yet) it waits a few
 * milliseconds and sends it again with a fresh request id. The same loop drives the baseline, so both wait alike.
 */
export async function updateWhenOpen<Ret, Arg extends { requestId: string }>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, [Arg]>,
  makeArg: (requestId: string) => Arg,
  stats: RetryStats,
  timeoutMs = 120_000,
): Promise<Ret> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const requestId = randomUUID();
    try {
      return await handle.executeUpdate(update, { args: [makeArg(requestId)], updateId: requestId });
    } catch (err) {
      const type =
        (err instanceof WorkflowUpdateFailedError ? (err.cause as { type?: string } | undefined)?.type : undefined) ??
        '';
      if (type !== 'STEP_CLOSED' || Date.now() > deadline) throw err;
      stats.retries++;
      await sleep(5);
    }
  }
}
