// What the entrustment workflow's parts share: the entrustment, its record and engine, and its side effects
// (register row, audit, publication by both sides, notices to both sides), each an idempotent activity.
import { proxyActivities } from '@temporalio/workflow';
import type { ApprovalActivities } from '../../activities/approval';
import type { EntrustmentActivities } from '../../activities/entrustment';
import { todayInShanghai } from '../../domain/dates';
import { getLegalBasis } from '../../domain/legal-basis';
import type { AgencyDesk } from '../agency/agency-desk';
import type { ApprovalEngine } from '../approval/engine';
import type { CaseRecord } from '../case/case-record';
import type { EntrustmentState } from './case-state';
import type { EntrustmentInput } from './types';

const retry = { initialInterval: '1s', maximumInterval: '1m' };
const { syncEntrustment } = proxyActivities<EntrustmentActivities>({ startToCloseTimeout: '30 seconds', retry });
const { recordAuditEvents, sendNotifications, resolveParticipants } = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '30 seconds',
  retry,
});

export const LETTER_BASIS = getLegalBasis('entrustment.written-letter').citation;
export const today = () => todayInShanghai(Date.now());

export class EntrustmentContext {
  constructor(
    readonly input: EntrustmentInput,
    readonly st: EntrustmentState,
    readonly engine: ApprovalEngine,
    readonly record: CaseRecord,
    readonly desk: AgencyDesk,
    readonly workflowId: string,
  ) {}

  audit(key: string, action: string, detail: Record<string, unknown>, legalBasis?: string, actor = 'system') {
    return recordAuditEvents([
      {
        dedupeKey: `${this.workflowId}:${key}`,
        workflowId: this.workflowId,
        caseId: this.input.draftNumber,
        actor,
        action,
        legalBasis,
        detail,
        at: new Date(Date.now()).toISOString(),
      },
    ]);
  }

  /** Writes the register row (a newer version always). */
  sync() {
    const { input, st } = this;
    return syncEntrustment({
      workflowId: this.workflowId,
      draftNumber: input.draftNumber,
      letterNumber: st.letter?.number ?? null,
      agencyId: input.agency.id,
      agencyName: input.agency.name,
      orgId: input.org.id,
      orgName: input.org.name,
      powerIds: input.powers.map((p) => p.id),
      powers: input.powers,
      territory: input.territory,
      termStart: input.termStart,
      termEnd: st.termEnd,
      status: st.status,
      revokedOn: st.revokedOn,
      suspensions: st.suspensions,
      publications: st.publications,
      version: ++st.version,
    });
  }

  /** The term's end as a deadline of the case. */
  termEndDeadline(): void {
    this.record.deadline({
      key: 'term-end',
      label: '委托期限届满',
      basisId: 'entrustment.written-letter',
      citation: LETTER_BASIS,
      owedBy: this.input.agency.name,
      dueDate: this.st.termEnd,
      provisional: false,
    });
  }

  /** Both sides publish (行政处罚法 Art. 20: 向社会公布); false when a person abandoned a refused publication. */
  async publishBoth(subjectKey: string, title: string, content: string): Promise<boolean> {
    const { agency, org, draftNumber } = this.input;
    const sides = [
      { side: 'agency' as const, issuedBy: agency.name },
      { side: 'org' as const, issuedBy: org.name },
    ];
    const results = await Promise.all(
      sides.map((s) =>
        this.desk.call(
          'disclosurePortal',
          'publish',
          { caseRef: draftNumber, title, category: 'other', issuedBy: s.issuedBy, content },
          {
            label: `公布${title}（${s.issuedBy}）`,
            idempotencyKey: `${draftNumber}:${subjectKey}:${s.side}`,
            callbackRef: draftNumber,
          },
        ),
      ),
    );
    results.forEach((r, i) => {
      if (r.ok)
        this.st.publications.push({
          side: sides[i]!.side,
          subject: subjectKey,
          receiptNo: r.result.receiptNo,
          documentUrl: r.result.documentUrl,
          publishedAt: r.result.publishedAt,
        });
    });
    return results.every((r) => r.ok);
  }

  async notifyBothSides(key: string, template: string, params: Record<string, string>): Promise<void> {
    const { agency, org, draftNumber } = this.input;
    const onDate = today();
    const [heads, orgHeads] = await Promise.all([
      resolveParticipants({
        spec: { roles: ['department-head'], departmentId: agency.id },
        caseDepartmentId: agency.id,
        onDate,
      }),
      resolveParticipants({
        spec: { roles: ['department-head'], departmentId: org.contactDepartmentId },
        caseDepartmentId: agency.id,
        onDate,
      }),
    ]);
    const recipients = [...new Set([...heads, ...orgHeads].map((h) => h.assigneeId))];
    await sendNotifications(
      recipients.map((recipientId) => ({
        key: `${this.workflowId}:${key}:${recipientId}`,
        recipientId,
        template,
        params: {
          caseId: draftNumber,
          letterNumber: this.st.letter?.number ?? draftNumber,
          orgName: org.name,
          agencyName: agency.name,
          termEnd: this.st.termEnd,
          ...params,
        },
      })),
    );
  }
}
