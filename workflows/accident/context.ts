// What the accident workflow's parts share: the case, its record and engine, and the side effects they
// repeat (the record's stage, audit of an act, reminders, escalation, warning talks, publication).
import { todayInShanghai } from '../../domain/dates';
import type { AccidentClassification } from '../../domain/accident-level';
import { getLegalBasis, type LegalBasisId } from '../../domain/legal-basis';
import type { AgencyDesk } from '../agency/agency-desk';
import type { ApprovalEngine } from '../approval/engine';
import type { ReminderMoment } from '../approval/types';
import type { CaseRecord } from '../case/case-record';
import type { AccidentCaseState } from './case-state';
import { acts, audit, notify, nowIso, safetyOffice } from './effects';
import { summaryOf } from './steps';
import { stageLabels, type AccidentCaseInput, type AccidentStage } from './types';

export const today = (): string => todayInShanghai(Date.now());
export const heads = { roles: ['department-head' as const] };

export class AccidentContext {
  readonly caseId: string;
  readonly publicationDays: number;

  constructor(
    readonly input: AccidentCaseInput,
    readonly st: AccidentCaseState,
    readonly engine: ApprovalEngine,
    readonly record: CaseRecord,
    readonly desk: AgencyDesk,
    readonly workflowId: string,
    readonly title: string,
    readonly occurredDate: string,
  ) {
    this.caseId = input.caseNumber;
    this.publicationDays = input.publicationWorkingDays ?? (getLegalBasis('accident.publication').amount as number);
  }

  get s() {
    return this.st.s;
  }

  /** Moves the case to a stage (if given) and writes the projection. */
  async show(stage?: AccidentStage): Promise<void> {
    if (stage) this.s.stage = stage;
    await this.record
      .stage(this.s.stage, stageLabels[this.s.stage])
      .summarise(summaryOf(this.input, this.s, this.publicationDays))
      .sync();
  }

  /** Closes the case record with its outcome. */
  async close(outcome: string, label: string): Promise<void> {
    await this.record
      .stage('closed', stageLabels.closed)
      .summarise(summaryOf(this.input, this.s, this.publicationDays))
      .close(outcome, label)
      .sync();
  }

  /** The audit entry of an officer's act, keyed by its request id. */
  trace(
    i: { requestId: string; actor: { id: string } },
    action: string,
    detail: Record<string, unknown>,
    basis?: LegalBasisId,
  ): Promise<void> {
    return audit(this.caseId, i.requestId, action, {
      actor: i.actor.id,
      detail,
      legalBasis: basis ? getLegalBasis(basis).citation : undefined,
    });
  }

  async remindAbout(
    key: string,
    label: string,
    moment: ReminderMoment,
    dueDate: string,
    who: { roles: Array<'department-head'>; departmentId: string },
  ): Promise<void> {
    await notify(
      who,
      this.input.departmentId,
      `${key}:${dueDate}:${moment}`,
      'accident.deadline-reminder',
      { caseId: this.caseId, caseTitle: this.title, step: label, dueDate, moment },
      today(),
    );
  }

  /** Overdue: the 安委办 (and the owing department) are told, and the audit trail records it. */
  async escalate(
    key: string,
    label: string,
    dueDate: string,
    basisId: LegalBasisId,
    owingDepartment?: string,
  ): Promise<void> {
    const params = { caseId: this.caseId, caseTitle: this.title, step: label, dueDate };
    const notice = [`${key}:${dueDate}:overdue`, 'accident.deadline-overdue', params] as const;
    const to = await notify(safetyOffice, this.input.departmentId, ...notice, today());
    if (owingDepartment)
      await notify({ ...heads, departmentId: owingDepartment }, this.input.departmentId, ...notice, today());
    await audit(this.caseId, `${key}:${dueDate}:overdue`, 'accident.deadline-overdue', {
      legalBasis: getLegalBasis(basisId).citation,
      detail: { key, dueDate, escalatedTo: to },
    });
  }

  async warningTalk(c: AccidentClassification, reason: string): Promise<void> {
    await acts.recordWarningTalk({
      caseNumber: this.caseId,
      unitName: this.input.enterprise.name,
      creditCode: this.input.enterprise.unifiedSocialCreditCode,
      reason: `${reason}（${c.nameZh}）`,
      at: nowIso(),
    });
    await audit(this.caseId, `warning-talk:${c.level}`, 'accident.warning-talk', {
      comment: reason,
      detail: { unit: this.input.enterprise.name, level: c.level },
    });
  }

  /** Publishes on the disclosure portal; undefined when the portal refused and a person abandoned it. */
  async publish(key: string, label: string, docTitle: string, content: string) {
    const call = await this.desk.call(
      'disclosurePortal',
      'publish',
      { caseRef: this.caseId, title: docTitle, category: 'accident-report', issuedBy: '北碚区人民政府', content },
      { label, idempotencyKey: `${this.caseId}:${key}`, callbackRef: this.caseId },
    );
    return call.ok ? call.result : undefined;
  }
}
