// The entrustment's facts and the rules that read them: whether a change may be asked for now, the letter of
// each edition, the register row. Plain TypeScript over domain/, no Temporal imports: the workflow owns one.
import { compareIsoDates, isIsoDate } from '../../domain/dates';
import { ENTRUSTMENT_STATUS_LABELS, type EntrustmentStatus, type Suspension } from '../../domain/entrustment';
import { buildEntrustmentLetter, CHANGE_LABELS, type EntrustmentLetter } from '../../domain/entrustment-letter';
import type {
  ChangeRecord,
  ChangeRejectionCode,
  ChangeRequest,
  EntrustmentInput,
  EntrustmentView,
  Publication,
} from './types';

export type ChangeRejection = { code: ChangeRejectionCode; message: string } | null;
const no = (code: ChangeRejectionCode, message: string): ChangeRejection => ({ code, message });
const IN_FORCE: ReadonlySet<EntrustmentStatus> = new Set(['active', 'expiring', 'suspended']);

export class EntrustmentState {
  status: EntrustmentStatus = 'pending';
  termEnd: string;
  edition = 0;
  letter?: EntrustmentLetter;
  revokedOn: string | null = null;
  suspensions: Suspension[] = [];
  publications: Publication[] = [];
  reminders = new Set<string>();
  changes: ChangeRecord[] = [];
  queue: Array<{ request: ChangeRequest; change: ChangeRecord }> = [];
  pendingChange?: ChangeRecord;
  /** The register row's version, bumped on every write. */
  version = 0;
  private requestIds = new Map<string, string>();

  constructor(readonly input: EntrustmentInput) {
    this.termEnd = input.termEnd;
  }

  ended(): boolean {
    return this.status === 'lapsed' || this.status === 'revoked';
  }

  /** The case record's stage for the present status. */
  stageOf(): [string, string] {
    return [this.status === 'active' ? 'in-force' : this.status, ENTRUSTMENT_STATUS_LABELS[this.status]];
  }

  /** Synchronous check of a change request (validator); a request already accepted passes. */
  checkChange(request: ChangeRequest): ChangeRejection {
    const { agency } = this.input;
    if (!request || typeof request.requestId !== 'string' || request.requestId.length === 0 || !request.actor?.id)
      return no('INVALID_ACTION', '缺少请求编号或操作人');
    if (this.requestIds.has(request.requestId)) return null;
    const label = CHANGE_LABELS[request.kind];
    if (!label) return no('INVALID_ACTION', `未知的变更类型 ${String(request.kind)}`);
    if (!IN_FORCE.has(this.status)) {
      const why =
        this.status === 'lapsed'
          ? `委托已于 ${this.termEnd} 届满失效`
          : this.status === 'revoked'
            ? `委托已于 ${this.revokedOn} 撤销`
            : '委托尚未生效';
      return no('NOT_IN_FORCE', `${why}，不能${label}`);
    }
    if (this.pendingChange || this.queue.length > 0)
      return no('CHANGE_PENDING', '已有一项委托变更正在审批，请待其办结后再申请');
    if (request.actor.departmentId !== agency.id)
      return no('NOT_AGENCY', `只有委托机关（${agency.name}）可以申请${label}委托`);
    if (!request.reason?.trim()) return no('REASON_REQUIRED', `申请${label}必须说明理由`);
    if (request.kind === 'suspend' && this.status === 'suspended') return no('ALREADY_SUSPENDED', '委托已处于暂停状态');
    if (request.kind === 'resume' && this.status !== 'suspended') return no('NOT_SUSPENDED', '委托未暂停，无需恢复');
    if (
      request.kind === 'renew' &&
      (!isIsoDate(request.newTermEnd) || compareIsoDates(request.newTermEnd, this.termEnd) <= 0)
    )
      return no('INVALID_TERM', `续期后的委托期限结束日必须晚于现期限结束日 ${this.termEnd}`);
    return null;
  }

  /** Queues an accepted change for approval; a repeated requestId gets the change it already made. */
  accept(request: ChangeRequest): string {
    const known = this.requestIds.get(request.requestId);
    if (known) return known;
    const change: ChangeRecord = {
      changeId: `${request.kind}-${this.changes.length + this.queue.length + 1}`,
      kind: request.kind,
      requestedBy: request.actor.id,
      reason: request.reason,
      newTermEnd: request.newTermEnd,
    };
    this.requestIds.set(request.requestId, change.changeId);
    this.queue.push({ request, change });
    return change.changeId;
  }

  /** The next edition of the letter (a renewal issues a new one). */
  issueLetter(approvedOn: string): EntrustmentLetter {
    const { input } = this;
    this.edition++;
    this.letter = buildEntrustmentLetter({
      draftNumber: input.draftNumber,
      edition: this.edition,
      agency: input.agency,
      org: input.org,
      powers: input.powers,
      territory: input.territory,
      termStart: input.termStart,
      termEnd: this.termEnd,
      approvedOn,
    });
    return this.letter;
  }

  view(stage: string): EntrustmentView {
    return {
      draftNumber: this.input.draftNumber,
      status: this.status,
      stage,
      letter: this.letter,
      termStart: this.input.termStart,
      termEnd: this.termEnd,
      revokedOn: this.revokedOn,
      suspensions: this.suspensions,
      publications: this.publications,
      reminders: [...this.reminders],
      changes: this.changes,
      pendingChange: this.pendingChange ?? this.queue[0]?.change,
    };
  }
}
