// The transfer's facts (stage, result so far, the act waiting to be taken up) and the checks an act or a
// callback must pass now. Plain TypeScript, no Temporal imports: the workflow owns one instance.
import type { CallbackEvent } from '../agency/types';
import type { CaseRef } from '../approval/types';
import { actProblem, callbackProblem, type TransferRejection } from './checks';
import type { CriminalTransferActInput, CriminalTransferResult, CriminalTransferStage } from './types';

export class TransferState {
  stage: CriminalTransferStage = 'head-decision';
  readonly result: CriminalTransferResult = { outcome: 'filed' };
  /** The department's act accepted and not yet taken up by the procedure. */
  pending?: CriminalTransferActInput;

  constructor(private readonly caseRef: CaseRef) {}

  checkAct(act: CriminalTransferActInput, today: string): TransferRejection {
    return actProblem(this.stage, this.caseRef, act, today, this.pending !== undefined);
  }

  checkCallback(event: CallbackEvent): string | null {
    return callbackProblem(this.stage, this.result.policeReceiptNo, event);
  }

  /** Takes up the pending act. */
  take(): CriminalTransferActInput {
    const act = this.pending!;
    this.pending = undefined;
    return act;
  }
}
