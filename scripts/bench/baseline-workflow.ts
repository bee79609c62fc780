// Test-only baseline for the benchmark: the same Updates as an approval chain, one activity, no application logic.
// Bundled by the benchmark's own worker (its own workflowsPath); never exported from workflows/index.ts.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';

export interface BaselineActivities {
  baselineNoop(): Promise<void>;
}

export interface BaselineAction {
  requestId: string;
  actorId: string;
}

export const baselineApproveUpdate = defineUpdate<{ step: number }, [BaselineAction]>('baseline.approve');
/** The open step (-1 while none is open), so the benchmark can wait until a run is ready. */
export const baselineOpenQuery = defineQuery<number>('baseline.open');

const { baselineNoop } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

export async function baselineApprovalWorkflow(input: { steps: number }): Promise<{ steps: number }> {
  let open = -1;
  let decided = 0;
  // Same shape as the engine: a synchronous validator rejects an Update while no step is open (STEP_CLOSED).
  setHandler(
    baselineApproveUpdate,
    () => {
      const step = open;
      open = -1;
      decided++;
      return { step };
    },
    {
      validator: (action) => {
        if (!action?.requestId)
          throw ApplicationFailure.create({ type: 'INVALID_ACTION', message: 'missing requestId', nonRetryable: true });
        if (open < 0)
          throw ApplicationFailure.create({ type: 'STEP_CLOSED', message: 'no open step', nonRetryable: true });
      },
    },
  );
  setHandler(baselineOpenQuery, () => open);
  await baselineNoop();
  for (let i = 0; i < input.steps; i++) {
    open = i;
    await condition(() => decided > i);
  }
  await condition(allHandlersFinished);
  return { steps: input.steps };
}
