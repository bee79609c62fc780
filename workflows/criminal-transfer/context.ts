// What the transfer workflow's parts share: the case, its record, engine, agency desk and deadlines, and the
// moves they repeat (audit, stage, close, waiting for a callback or an act by its statutory due moment).
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ApprovalActivities } from '../../activities/approval';
import { todayInShanghai } from '../../domain/dates';
import { getLegalBasis, type LegalBasisId } from '../../domain/legal-basis';
import type { AgencyDesk } from '../agency/agency-desk';
import type { CallbackEvent } from '../agency/types';
import type { ApprovalEngine } from '../approval/engine';
import type { CaseRef } from '../approval/types';
import type { CaseRecord } from '../case/case-record';
import { refuseBy } from '../refusal';
import { transferRefusals } from './checks';
import type { TransferDeadlines } from './deadlines';
import { criminalTransferActUpdate } from './messages';
import type { TransferState } from './transfer-state';
import {
  criminalTransferStageLabels,
  type CriminalTransferActInput,
  type CriminalTransferInput,
  type CriminalTransferOutcome,
  type CriminalTransferResult,
  type CriminalTransferStage,
} from './types';

const { recordAuditEvents } = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});

export const POLICE = '北碚区公安分局';
export const PROCURATORATE = '北碚区人民检察院';
export const today = () => todayInShanghai(Date.now());

/** The department's acts (reconsideration, supervision, accepting a refusal, the exhibits' handover). */
export function registerTransferHandlers(st: TransferState): void {
  setHandler(
    criminalTransferActUpdate,
    (act) => {
      st.pending = act;
      return { accepted: true as const, stage: st.stage };
    },
    {
      validator: (act) => {
        const r = st.checkAct(act, today());
        if (r) refuseBy(transferRefusals, r.code, r.message);
      },
    },
  );
}

type AuditExtra = { actor?: string; comment?: string; basisId?: LegalBasisId; detail?: Record<string, unknown> };

export class TransferContext {
  constructor(
    readonly input: CriminalTransferInput,
    readonly st: TransferState,
    readonly caseRef: CaseRef,
    readonly engine: ApprovalEngine,
    readonly record: CaseRecord,
    readonly desk: AgencyDesk,
    readonly deadlines: TransferDeadlines,
  ) {}

  audit(event: string, action: string, extra: AuditExtra = {}) {
    const { workflowId } = this.caseRef;
    return recordAuditEvents([
      {
        dedupeKey: `${workflowId}:${event}`,
        workflowId,
        caseId: this.input.caseNumber,
        actor: extra.actor ?? 'system',
        action,
        comment: extra.comment,
        legalBasis: extra.basisId ? getLegalBasis(extra.basisId).citation : undefined,
        detail: extra.detail,
        at: new Date(Date.now()).toISOString(),
      },
    ]);
  }

  moveTo(next: CriminalTransferStage): void {
    this.st.stage = next;
    this.record.stage(next, criminalTransferStageLabels[next]);
  }

  async close(
    outcome: CriminalTransferOutcome,
    label: string,
    basisId?: LegalBasisId,
    comment?: string,
  ): Promise<CriminalTransferResult> {
    this.st.stage = 'closed';
    this.st.result.outcome = outcome;
    await this.record.summarise({ outcome }).close(outcome, label).sync();
    await this.audit('closed', `criminal-transfer.${outcome}`, { basisId, comment: comment ?? label });
    return this.st.result;
  }

  /** Back to the department for administrative handling (Art. 9 ends without a filing). */
  returned(by: string): Promise<CriminalTransferResult> {
    return this.close('returned', '已转行政处理', 'criminal.returned-case', `${by}，案件退回本机关依法作出行政处理`);
  }

  private async overdue(key: string, basisId: LegalBasisId): Promise<void> {
    this.deadlines.miss(key);
    await Promise.all([
      this.record.sync(),
      this.audit(`${key}:overdue`, 'criminal-transfer.deadline-missed', { basisId, detail: { deadline: key } }),
    ]);
  }

  /** A callback by its statutory due moment; when it passes the deadline is marked missed and we keep waiting. */
  async awaitCallback<E extends CallbackEvent>(
    match: (e: CallbackEvent) => e is E,
    key: string,
    basisId: LegalBasisId,
  ): Promise<E> {
    const early = await this.desk.waitFor(match, Math.max(this.deadlines.dueMs(key) - Date.now(), 1));
    if (early) return early;
    await this.overdue(key, basisId);
    return (await this.desk.waitFor(match))!;
  }

  /** The department's act within its window; a lapsed window ends it (`lapse: 'end'`) or only marks it missed. */
  async awaitAct(
    key: string,
    basisId: LegalBasisId,
    lapse: 'end' | 'keep-waiting',
  ): Promise<CriminalTransferActInput | undefined> {
    const { st } = this;
    if (!(await condition(() => st.pending !== undefined, Math.max(this.deadlines.dueMs(key) - Date.now(), 1)))) {
      await this.overdue(key, basisId);
      if (lapse === 'end') return undefined;
      await condition(() => st.pending !== undefined);
    }
    const act = st.take();
    await this.audit(act.requestId, `criminal-transfer.${act.action.kind}`, {
      actor: act.actor.id,
      comment: 'reasons' in act.action ? act.action.reasons : act.action.comment,
      detail: { ...act.action },
    });
    return act;
  }
}
