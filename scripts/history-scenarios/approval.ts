// History scenario of a standalone approval request: approved, returned to an earlier step, returned to the
// initiator, resubmitted, transferred, signer added, approved.
import type { WorkflowHandle } from '@temporalio/client';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import { approvalTemplates } from '../../workflows/approval/templates';
import type { ActionInput, ActionKind, Actor } from '../../workflows/approval/types';
import { approvalRequestWorkflow } from '../../workflows/approval-request';
import type { HistoryScenario } from './types';

const people: Record<string, Actor> = {
  officer: { id: 'yjj-officer1', name: '李强', departmentId: 'yjj', roles: ['officer'] },
  head: { id: 'yjj-head', name: '王德明', departmentId: 'yjj', roles: ['department-head'] },
  aqbHead: { id: 'aqb-head', name: '陈立新', departmentId: 'aqb', roles: ['safety-office', 'department-head'] },
  reviewer: { id: 'sfj-reviewer1', name: '黄文静', departmentId: 'sfj', roles: ['legal-reviewer'] },
  legal: { id: 'yjj-legal', name: '何丽', departmentId: 'yjj', roles: ['legal-reviewer'] },
};

async function when(handle: WorkflowHandle, instance: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (
      (await handle.query(approvalStateQuery)).current?.instanceId === instance ||
      (instance === 'initiator' && (await handle.query(approvalStateQuery)).awaitingRevision)
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`scenario stalled before ${instance}`);
}

async function act(
  handle: WorkflowHandle,
  kind: ActionKind,
  actor: Actor,
  extra: Partial<ActionInput> = {},
): Promise<void> {
  const requestId = `${handle.workflowId}:${kind}:${actor.id}:${Math.random().toString(36).slice(2)}`;
  await handle.executeUpdate(actionUpdates[kind], { args: [{ requestId, actor, ...extra }], updateId: requestId });
}

export const approvalScenarios: HistoryScenario[] = [
  {
    name: 'approval-request-returned-transferred',
    async run(client, taskQueue) {
      const workflowId = 'history-approval-request';
      const handle = await client.workflow.start(approvalRequestWorkflow, {
        taskQueue,
        workflowId,
        args: [
          {
            caseId: 'SP-HISTORY-1',
            title: '重大执法决定法制审核',
            departmentId: 'yjj',
            initiatorId: 'yjj-officer1',
            steps: approvalTemplates['department-legal'],
            content: { v: 1 },
          },
        ],
      });
      await when(handle, 'department-head#1');
      await act(handle, 'approve', people.head!, { comment: '同意' });
      await when(handle, 'legal-review#1');
      await act(handle, 'return', people.reviewer!, { comment: '请补充证据', returnTo: 'department-head' });
      await when(handle, 'department-head#2');
      await act(handle, 'return', people.head!, { comment: '补充当事人陈述', returnTo: 'initiator' });
      await when(handle, 'initiator');
      await act(handle, 'resubmit', people.officer!, { comment: '已补充', revision: { v: 2 } });
      await when(handle, 'department-head#3');
      await act(handle, 'urge', people.officer!);
      await act(handle, 'transfer', people.head!, { comment: '出差，转安委办主任', target: people.aqbHead });
      await act(handle, 'add-signer', people.aqbHead!, { position: 'before', target: people.legal });
      await act(handle, 'approve', people.legal!, { comment: '可以' });
      await act(handle, 'approve', people.aqbHead!, { comment: '同意' });
      await when(handle, 'legal-review#2');
      await act(handle, 'approve', people.reviewer!, { comment: '合法' });
      await handle.result();
      return workflowId;
    },
  },
];
