import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { TypedSearchAttributes, WorkflowIdReusePolicy, type Workflow } from '@temporalio/common';
import { CaseNumber, DepartmentId, WorkflowKind } from '../temporal/search-attributes';
import { HttpProblem } from './problem';

/**
 * Starts a case's workflow with the search attributes every case carries (so `temporal workflow list
 * --query 'CaseNumber="…"'` finds it); a case number already in use — by an open case or a closed one — is a
 * 409, and nothing is started (a closed case's number is never reused for a hidden second case).
 */
export async function startCaseWorkflow<W extends Workflow>(
  temporal: Client,
  taskQueue: string,
  workflow: W,
  options: {
    workflowId: string;
    kind: string;
    caseNumber: string;
    departmentId: string;
    args: Parameters<W>;
    conflict?: string;
  },
): Promise<void> {
  try {
    await temporal.workflow.start(workflow, {
      taskQueue,
      workflowId: options.workflowId,
      args: options.args,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: new TypedSearchAttributes([
        { key: CaseNumber, value: options.caseNumber },
        { key: DepartmentId, value: options.departmentId },
        { key: WorkflowKind, value: options.kind },
      ]),
    } as Parameters<Client['workflow']['start']>[1]);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const closed = await temporal.workflow
      .getHandle(options.workflowId)
      .describe()
      .then((d) => d.status.name !== 'RUNNING')
      .catch(() => false);
    if (closed) throw HttpProblem.conflict(`编号 ${options.caseNumber} 的案件已办结，不能以同一编号重新立案`);
    throw HttpProblem.conflict(options.conflict ?? `编号 ${options.caseNumber} 已存在`);
  }
}
