import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { AgencyRejectedError, type AgencyGateway } from '../agencies/gateway';
import { agencyNames } from '../agencies/types';
import type { Db } from '../db/client';
import { taskRowId } from '../db/task-ids';
import { agencyRefs, tasks, users } from '../db/schema';
import { versionedUpsert } from '../db/versioned-upsert';
import { and, arrayOverlaps, eq } from 'drizzle-orm';
import type { AgencyCallRequest } from '../workflows/agency/types';

type GatewayOperation = (input: unknown, signal?: AbortSignal) => Promise<unknown>;

export function createAgencyActivities(deps: { db: Db; gateway: AgencyGateway }) {
  const { db, gateway } = deps;
  return {
    /**
     * One activity for every outbound agency call. The idempotency key comes from the business key
     * (case number and step), so retries and continue-as-new never file twice. 5xx and timeouts are
     * retried by Temporal with backoff; a 4xx is final and raised as AGENCY_REJECTED for the workflow
     * to open a needs-attention task.
     */
    async callAgency(request: AgencyCallRequest): Promise<unknown> {
      // The request's type ties the operation to the client and the payload to the operation; across the
      // activity boundary it is JSON again, so an unknown pair still gets a clear error instead of a crash.
      const client = gateway[request.client] as unknown as Record<string, GatewayOperation | undefined>;
      const operation = client?.[request.operation];
      if (!operation)
        throw ApplicationFailure.nonRetryable(
          `unknown agency operation ${request.client}.${request.operation}`,
          'AGENCY_CONFIG',
        );
      if (request.callbackRef) {
        // Registered before the call, so a callback that outruns our reply still finds its workflow.
        await db
          .insert(agencyRefs)
          .values({ caseRef: request.callbackRef, workflowId: request.workflowId, workflowKind: request.workflowKind })
          .onConflictDoNothing();
      }
      try {
        return await operation.call(
          client,
          { idempotencyKey: request.idempotencyKey, ...request.payload },
          Context.current().cancellationSignal,
        );
      } catch (err) {
        if (err instanceof AgencyRejectedError) {
          throw ApplicationFailure.create({
            type: 'AGENCY_REJECTED',
            nonRetryable: true,
            message: `${agencyNames[err.agency as keyof typeof agencyNames] ?? err.agency} 拒绝了请求 (HTTP ${err.status})`,
            details: [{ status: err.status, problem: err.problem ?? null }],
          });
        }
        throw err;
      }
    },

    /** A needs-attention task for the case department's heads: an agency refused a filing. */
    async openAttentionTask(input: {
      taskId: string;
      workflowId: string;
      workflowKind: string;
      caseId: string;
      caseTitle: string;
      departmentId: string;
      title: string;
      detail: Record<string, unknown>;
      open: boolean;
      version: number;
    }): Promise<void> {
      const heads = await db
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.departmentId, input.departmentId),
            arrayOverlaps(users.roles, ['department-head']),
            eq(users.active, true),
          ),
        );
      const assignee = heads[0]?.id ?? 'aqb-head';
      const now = new Date().toISOString();
      await db
        .insert(tasks)
        .values({
          id: taskRowId(input.taskId),
          workflowId: input.workflowId,
          workflowKind: input.workflowKind,
          caseId: input.caseId,
          caseTitle: input.caseTitle,
          caseDepartmentId: input.departmentId,
          kind: 'needs-attention',
          stepId: 'agency',
          stepInstance: input.taskId,
          stepName: input.title,
          assigneeId: assignee,
          assigneeDepartmentId: input.departmentId,
          status: input.open ? 'open' : 'done',
          detail: { ...input.detail, attentionKey: input.taskId },
          openedAt: now,
          closedAt: input.open ? null : now,
          version: input.version,
        })
        .onConflictDoUpdate(versionedUpsert(tasks, tasks.id, ['status', 'closedAt']));
    },
  };
}

export type AgencyActivities = ReturnType<typeof createAgencyActivities>;
