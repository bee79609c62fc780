// What the enforcement workflow's parts share: the case, its record, and small helpers for side effects
// (audit, notifications, inbox actions), each an idempotent activity keyed by the business key.
import { condition, proxyActivities, sleep } from '@temporalio/workflow';
import type { ApprovalActivities } from '../../activities/approval';
import type { EnforcementActivities } from '../../activities/enforcement';
import { shanghaiDateOf, todayInShanghai } from '../../domain/dates';
import type { LegalBasisId } from '../../domain/legal-basis';
import { deadlineFor, getLegalBasis } from '../../domain/legal-basis';
import type { ApprovalEngine } from '../approval/engine';
import { endOfDay, isoAt, shanghaiMidnight } from '../approval/deadline';
import type { CaseRef } from '../approval/types';
import type { AgencyDesk } from '../agency/agency-desk';
import type { CaseRecord } from '../case/case-record';
import type { EnforcementCaseState } from './case-state';
import { stageLabels, type StageId } from './types';

const retry = { initialInterval: '1s', maximumInterval: '1m' };
export const approvalActs = proxyActivities<ApprovalActivities>({ startToCloseTimeout: '30 seconds', retry });
export const enforcementActs = proxyActivities<EnforcementActivities>({ startToCloseTimeout: '30 seconds', retry });

export type OwedBy = '当事人' | '本机关' | '复议机关' | '法院' | '上一级法院';

export function todayOf(): string {
  return todayInShanghai(Date.now());
}

export class EnforcementContext {
  constructor(
    readonly ref: CaseRef,
    readonly st: EnforcementCaseState,
    readonly engine: ApprovalEngine,
    readonly record: CaseRecord,
    readonly desk: AgencyDesk,
  ) {}

  get input() {
    return this.st.input;
  }

  /** Moves the case to a stage and writes the projection (stage, summary, deadlines, search attributes). */
  async publish(stage?: StageId): Promise<void> {
    if (stage && stage !== this.st.stage) {
      this.st.stage = stage;
      this.st.bump();
    }
    this.record
      .stage(this.st.stage, stageLabels[this.st.stage])
      .summarise(this.st.view(todayOf()) as unknown as Record<string, unknown>);
    await this.record.sync();
  }

  /** A deadline counted by its legal basis from `from`, with who owes it; returns the due date. */
  deadline(key: string, label: string, basisId: LegalBasisId, from: string, owedBy: OwedBy): string {
    const d = deadlineFor(this.engine.calendar, from, basisId);
    const dueDate = shanghaiDateOf(d.due);
    this.record.deadline({
      key,
      label,
      basisId,
      citation: getLegalBasis(basisId).citation,
      owedBy,
      dueDate,
      dueAt: isoAt(endOfDay(dueDate)),
      provisional: d.provisional,
    });
    return dueDate;
  }

  async audit(
    key: string,
    action: string,
    detail: Record<string, unknown> = {},
    extra: { actor?: string; comment?: string; legalBasis?: string } = {},
  ): Promise<void> {
    await approvalActs.recordAuditEvents([
      {
        dedupeKey: `${this.ref.workflowId}:${key}`,
        workflowId: this.ref.workflowId,
        caseId: this.ref.caseId,
        actor: extra.actor ?? 'system',
        action,
        comment: extra.comment,
        legalBasis: extra.legalBasis,
        at: isoAt(Date.now()),
        detail,
      },
    ]);
  }

  partyRecipient(): string {
    return `party:${this.input.party.unifiedSocialCreditCode ?? this.input.party.name}`;
  }

  async notify(
    key: string,
    template: string,
    recipients: string[],
    params: Record<string, string> = {},
  ): Promise<void> {
    await approvalActs.sendNotifications(
      recipients.map((recipientId) => ({
        key: `${this.ref.workflowId}:${key}:${recipientId}`,
        recipientId,
        template,
        params: { caseId: this.ref.caseId, caseTitle: this.ref.caseTitle, party: this.input.party.name, ...params },
      })),
    );
  }

  async actionTask(key: string, name: string, open: boolean, dueDate?: string, legalBasis?: string): Promise<void> {
    await enforcementActs.syncEnforcementActionTask({
      workflowId: this.ref.workflowId,
      caseId: this.ref.caseId,
      caseTitle: this.ref.caseTitle,
      departmentId: this.ref.departmentId,
      assigneeId: this.ref.initiatorId,
      key,
      name,
      legalBasis,
      dueDate,
      open,
      version: open ? 1 : 2,
    });
  }

  /** Runs `fn` at 09:00 Shanghai on `date` unless `stillDue()` says it no longer applies (a reminder). */
  remindOn(date: string, stillDue: () => boolean, fn: () => Promise<void>): void {
    const at = shanghaiMidnight(date) + 9 * 3_600_000;
    if (at <= Date.now()) return;
    void (async () => {
      await sleep(at - Date.now());
      if (stillDue()) await fn();
    })().catch(() => undefined);
  }

  /** Waits until `done()` or the end of `dueDate`; true when done. */
  async untilOrEndOf(dueDate: string, done: () => boolean): Promise<boolean> {
    const left = endOfDay(dueDate) - Date.now();
    if (left <= 0) return done();
    return condition(done, left);
  }
}
