// Entrusted enforcement (委托执法, policy §十六, §十; domain.md Workflow 2): refusal of what the law forbids
// to entrust → legal review → agency head approval → entrustment letter → published by both sides → in force,
// with expiry reminders, renewal, suspension and revocation by approval, and lapse at the end of the term.
import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApprovalActivities } from '../activities/approval';
import type { EntrustmentActivities } from '../activities/entrustment';
import { isIsoDate, compareIsoDates, todayInShanghai } from '../domain/dates';
import {
  ENTRUSTMENT_STATUS_LABELS,
  runningStatus,
  type EntrustmentStatus,
  type Suspension,
} from '../domain/entrustment';
import {
  buildEntrustmentLetter,
  CHANGE_LABELS,
  entrustmentChangeNotice,
  type EntrustmentLetter,
} from '../domain/entrustment-letter';
import { getLegalBasis } from '../domain/legal-basis';
import { entrustmentRefusals } from '../domain/powers';
import { CaseNumber } from '../temporal/search-attributes';
import { AgencyDesk } from './agency/agency-desk';
import { ApprovalEngine } from './approval/engine';
import type { CaseRef } from './approval/types';
import { CaseRecord } from './case/case-record';
import { entrustmentStateQuery, requestEntrustmentChangeUpdate } from './entrustment/messages';
import { agencyHeadStep, expiryMoments, legalReviewStep } from './entrustment/steps';
import {
  changeRefusals,
  type ChangeRecord,
  type ChangeRejectionCode,
  type ChangeRequest,
  type EntrustmentInput,
  type EntrustmentResult,
  type EntrustmentView,
  type Publication,
} from './entrustment/types';
import { refuseBy } from './refusal';

const { syncEntrustment } = proxyActivities<EntrustmentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});
const { recordAuditEvents, sendNotifications, resolveParticipants } = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});

const LETTER_BASIS = getLegalBasis('entrustment.written-letter').citation;
const IN_FORCE: ReadonlySet<EntrustmentStatus> = new Set(['active', 'expiring', 'suspended']);

const today = () => todayInShanghai(Date.now());
const refuse = (code: ChangeRejectionCode, message: string): never => refuseBy(changeRefusals, code, message);

export async function entrustmentWorkflow(input: EntrustmentInput): Promise<EntrustmentResult> {
  const { workflowId } = workflowInfo();
  const { agency, org, draftNumber } = input;
  const caseRef: CaseRef = {
    workflowId,
    workflowKind: 'entrustment',
    caseId: draftNumber,
    caseTitle: `委托${org.name}实施${agency.name}行政执法事项`,
    departmentId: agency.id,
    initiatorId: input.initiatorId,
  };
  const engine = new ApprovalEngine(caseRef);
  const record = new CaseRecord({
    kind: 'entrustment',
    caseNumber: draftNumber,
    title: caseRef.caseTitle,
    departmentId: agency.id,
    stage: 'in-approval',
    stageLabel: '法制审核与负责人审批',
  });
  const desk = new AgencyDesk(caseRef);

  const state = {
    status: 'pending' as EntrustmentStatus,
    termEnd: input.termEnd,
    edition: 0,
    letter: undefined as EntrustmentLetter | undefined,
    revokedOn: null as string | null,
    suspensions: [] as Suspension[],
    publications: [] as Publication[],
    reminders: new Set<string>(),
    changes: [] as ChangeRecord[],
    queue: [] as Array<{ request: ChangeRequest; change: ChangeRecord }>,
    pendingChange: undefined as ChangeRecord | undefined,
    requestIds: new Map<string, string>(),
    version: 0,
  };
  const ended = () => state.status === 'lapsed' || state.status === 'revoked';

  setHandler(entrustmentStateQuery, (): EntrustmentView => ({
    draftNumber,
    status: state.status,
    stage: record.view.stage,
    letter: state.letter,
    termStart: input.termStart,
    termEnd: state.termEnd,
    revokedOn: state.revokedOn,
    suspensions: state.suspensions,
    publications: state.publications,
    reminders: [...state.reminders],
    changes: state.changes,
    pendingChange: state.pendingChange ?? state.queue[0]?.change,
  }));
  setHandler(
    requestEntrustmentChangeUpdate,
    (request) => {
      const known = state.requestIds.get(request.requestId);
      if (known) return { accepted: true as const, changeId: known };
      const change: ChangeRecord = {
        changeId: `${request.kind}-${state.changes.length + state.queue.length + 1}`,
        kind: request.kind,
        requestedBy: request.actor.id,
        reason: request.reason,
        newTermEnd: request.newTermEnd,
      };
      state.requestIds.set(request.requestId, change.changeId);
      state.queue.push({ request, change });
      return { accepted: true as const, changeId: change.changeId };
    },
    { validator: (request) => validateChange(request) },
  );

  function validateChange(request: ChangeRequest): void {
    if (!request || typeof request.requestId !== 'string' || request.requestId.length === 0 || !request.actor?.id)
      refuse('INVALID_ACTION', '缺少请求编号或操作人');
    if (state.requestIds.has(request.requestId)) return;
    const label = CHANGE_LABELS[request.kind];
    if (!label) refuse('INVALID_ACTION', `未知的变更类型 ${String(request.kind)}`);
    if (!IN_FORCE.has(state.status)) {
      const why =
        state.status === 'lapsed'
          ? `委托已于 ${state.termEnd} 届满失效`
          : state.status === 'revoked'
            ? `委托已于 ${state.revokedOn} 撤销`
            : '委托尚未生效';
      refuse('NOT_IN_FORCE', `${why}，不能${label}`);
    }
    if (state.pendingChange || state.queue.length > 0)
      refuse('CHANGE_PENDING', '已有一项委托变更正在审批，请待其办结后再申请');
    if (request.actor.departmentId !== agency.id)
      refuse('NOT_AGENCY', `只有委托机关（${agency.name}）可以申请${label}委托`);
    if (!request.reason?.trim()) refuse('REASON_REQUIRED', `申请${label}必须说明理由`);
    if (request.kind === 'suspend' && state.status === 'suspended') refuse('ALREADY_SUSPENDED', '委托已处于暂停状态');
    if (request.kind === 'resume' && state.status !== 'suspended') refuse('NOT_SUSPENDED', '委托未暂停，无需恢复');
    if (
      request.kind === 'renew' &&
      (!isIsoDate(request.newTermEnd) || compareIsoDates(request.newTermEnd, state.termEnd) <= 0)
    ) {
      refuse('INVALID_TERM', `续期后的委托期限结束日必须晚于现期限结束日 ${state.termEnd}`);
    }
  }

  const audit = (key: string, action: string, detail: Record<string, unknown>, legalBasis?: string, actor = 'system') =>
    recordAuditEvents([
      {
        dedupeKey: `${workflowId}:${key}`,
        workflowId,
        caseId: draftNumber,
        actor,
        action,
        legalBasis,
        detail,
        at: new Date(Date.now()).toISOString(),
      },
    ]);

  const sync = () =>
    syncEntrustment({
      workflowId,
      draftNumber,
      letterNumber: state.letter?.number ?? null,
      agencyId: agency.id,
      agencyName: agency.name,
      orgId: org.id,
      orgName: org.name,
      powerIds: input.powers.map((p) => p.id),
      powers: input.powers,
      territory: input.territory,
      termStart: input.termStart,
      termEnd: state.termEnd,
      status: state.status,
      revokedOn: state.revokedOn,
      suspensions: state.suspensions,
      publications: state.publications,
      version: ++state.version,
    });

  const stageOf = (): [string, string] => [
    state.status === 'active' ? 'in-force' : state.status,
    ENTRUSTMENT_STATUS_LABELS[state.status],
  ];

  /** Both sides publish (行政处罚法 Art. 20: 向社会公布); false when a person abandoned a refused publication. */
  async function publishBoth(subjectKey: string, title: string, content: string): Promise<boolean> {
    const sides = [
      { side: 'agency' as const, issuedBy: agency.name },
      { side: 'org' as const, issuedBy: org.name },
    ];
    const results = await Promise.all(
      sides.map((s) =>
        desk.call(
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
        state.publications.push({
          side: sides[i]!.side,
          subject: subjectKey,
          receiptNo: r.result.receiptNo,
          documentUrl: r.result.documentUrl,
          publishedAt: r.result.publishedAt,
        });
    });
    return results.every((r) => r.ok);
  }

  function issueLetter(): EntrustmentLetter {
    state.edition++;
    state.letter = buildEntrustmentLetter({
      draftNumber,
      edition: state.edition,
      agency,
      org,
      powers: input.powers,
      territory: input.territory,
      termStart: input.termStart,
      termEnd: state.termEnd,
      approvedOn: today(),
    });
    return state.letter;
  }

  async function notifyBothSides(key: string, template: string, params: Record<string, string>): Promise<void> {
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
        key: `${workflowId}:${key}:${recipientId}`,
        recipientId,
        template,
        params: {
          caseId: draftNumber,
          letterNumber: state.letter?.number ?? draftNumber,
          orgName: org.name,
          agencyName: agency.name,
          termEnd: state.termEnd,
          ...params,
        },
      })),
    );
  }

  // Refused at submission (行政强制法 Art. 17, 行政许可法 Art. 24, 行政处罚法 Arts. 20, 21): nothing is written.
  const refusals = entrustmentRefusals({
    powers: input.powers.map((p) => p.type),
    entrustedOrg: {
      kind: org.kind,
      establishedByLaw: org.establishedByLaw,
      credentialedStaff: org.credentialedStaffCount > 0,
      hasTechnicalCapacity: org.hasTechnicalCapacity,
      isEntrustedBody: input.reEntrustment,
    },
  });
  if (refusals.length > 0) return { outcome: 'refused', refusals };

  await engine.start();
  record.summarise({
    agencyName: agency.name,
    orgName: org.name,
    powers: input.powers.map((p) => p.name),
    territory: input.territory,
    termStart: input.termStart,
    termEnd: input.termEnd,
  });
  await Promise.all([
    sync(),
    record.sync(),
    audit(
      'submitted',
      'entrustment.submitted',
      { orgId: org.id, powers: input.powers.map((p) => p.id), termStart: input.termStart, termEnd: input.termEnd },
      getLegalBasis('entrustment.scope-review').citation,
      input.initiatorId,
    ),
  ]);

  const decision = await engine.runChain([legalReviewStep, agencyHeadStep(agency.id)]);
  if (decision.kind !== 'approved') {
    state.status = decision.kind;
    await Promise.all([
      sync(),
      record.close(decision.kind, ENTRUSTMENT_STATUS_LABELS[decision.kind]).sync(),
      audit('closed', `entrustment.${decision.kind}`, {}),
    ]);
    return { outcome: decision.kind, status: state.status };
  }

  const letter = issueLetter();
  record.stage('publication', '双方公布委托书').summarise({ letterNumber: letter.number });
  await Promise.all([
    record.sync(),
    audit(
      'letter-1',
      'entrustment.letter-issued',
      { letterNumber: letter.number, scope: letter.scope, term: letter.term },
      LETTER_BASIS,
    ),
  ]);
  if (!(await publishBoth('letter-1', letter.title, letter.text))) {
    state.status = 'withdrawn';
    await Promise.all([
      sync(),
      record.close('publication-abandoned', '委托书未公布，委托未生效').sync(),
      audit('closed', 'entrustment.publication-abandoned', {}),
    ]);
    return { outcome: 'publication-abandoned', status: state.status };
  }

  state.status = runningStatus(state.termEnd, today(), false);
  upsertSearchAttributes([{ key: CaseNumber, value: letter.number }]);
  record.stage(...stageOf()).deadline({
    key: 'term-end',
    label: '委托期限届满',
    basisId: 'entrustment.written-letter',
    citation: LETTER_BASIS,
    owedBy: agency.name,
    dueDate: state.termEnd,
    provisional: false,
  });
  await Promise.all([
    sync(),
    record.sync(),
    audit(
      'activated',
      'entrustment.activated',
      { letterNumber: letter.number, publications: state.publications.map((p) => p.receiptNo) },
      LETTER_BASIS,
    ),
  ]);

  async function lifecycle(): Promise<void> {
    while (!ended()) {
      const termSeen = state.termEnd;
      const calendarSeen = engine.calendar.version;
      const next = expiryMoments(engine.calendar, state.termEnd, Date.now(), state.reminders)[0]!;
      const woke = await condition(
        () => ended() || state.termEnd !== termSeen || engine.calendar.version !== calendarSeen,
        Math.max(next.at - Date.now(), 1),
      );
      if (ended()) return;
      if (woke) continue; // renewed, or a calendar year loaded: the moments are recomputed
      state.reminders.add(next.key);
      if (next.kind === 'lapse') {
        state.status = 'lapsed';
        await Promise.all([
          sync(),
          record.close('lapsed', '委托期限届满，已失效').sync(),
          audit(next.key, 'entrustment.lapsed', { termEnd: state.termEnd }, LETTER_BASIS),
          notifyBothSides(next.key, 'entrustment.lapsed', {}),
        ]);
        return;
      }
      const basisId = next.kind === 'reminder-30' ? 'entrustment.expiry-reminder-30' : 'entrustment.expiry-reminder-7';
      if (state.status !== 'suspended') state.status = 'expiring';
      record.stage(...stageOf());
      await Promise.all([
        sync(),
        record.sync(),
        audit(
          next.key,
          'entrustment.expiry-reminder',
          { termEnd: state.termEnd, reminder: next.kind },
          getLegalBasis(basisId).citation,
        ),
        notifyBothSides(next.key, 'entrustment.expiry-reminder', {
          daysBefore: next.kind === 'reminder-30' ? '30' : '7',
        }),
      ]);
    }
  }

  async function changes(): Promise<void> {
    for (;;) {
      await condition(() => state.queue.length > 0 || ended());
      const item = state.queue.shift();
      if (!item) return;
      if (ended()) {
        // Lapsed or revoked while the request waited: nothing left to change.
        item.change.outcome = 'moot';
        state.changes.push(item.change);
        continue;
      }
      state.pendingChange = item.change;
      await processChange(item.request, item.change);
      state.changes.push(item.change);
      state.pendingChange = undefined;
    }
  }

  async function processChange(request: ChangeRequest, change: ChangeRecord): Promise<void> {
    const label = CHANGE_LABELS[change.kind];
    record.stage(`change-${change.kind}`, `${label}审批中`);
    await Promise.all([
      record.sync(),
      audit(
        `${change.changeId}:requested`,
        'entrustment.change-requested',
        { kind: change.kind, reason: change.reason, newTermEnd: change.newTermEnd },
        LETTER_BASIS,
        request.actor.id,
      ),
    ]);
    // Renewal is a new entrustment decision and goes through legal review again; the others are the head's decision.
    const steps =
      change.kind === 'renew'
        ? [legalReviewStep, agencyHeadStep(agency.id, '委托机关负责人审批续期')]
        : [agencyHeadStep(agency.id, `委托机关负责人审批${label}`)];
    const outcome = await engine.runChain(steps);
    if (outcome.kind !== 'approved' || ended()) {
      change.outcome = outcome.kind !== 'approved' ? outcome.kind : 'moot';
      if (!ended()) record.stage(...stageOf());
      await Promise.all([
        record.sync(),
        audit(`${change.changeId}:${change.outcome}`, `entrustment.change-${change.outcome}`, { kind: change.kind }),
      ]);
      return;
    }
    const effectiveOn = today();
    change.effectiveOn = effectiveOn;
    if (change.kind === 'renew') {
      const previous = { termEnd: state.termEnd, edition: state.edition, letter: state.letter };
      state.termEnd = change.newTermEnd!;
      const letter = issueLetter();
      if (!(await publishBoth(`letter-${state.edition}`, letter.title, letter.text))) {
        Object.assign(state, previous);
        change.outcome = 'moot';
        await audit(`${change.changeId}:moot`, 'entrustment.change-moot', {
          kind: change.kind,
          reason: 'publication-abandoned',
        });
        return;
      }
      change.outcome = 'approved';
      state.status = runningStatus(state.termEnd, effectiveOn, state.status === 'suspended');
      upsertSearchAttributes([{ key: CaseNumber, value: letter.number }]);
      record
        .stage(...stageOf())
        .summarise({ letterNumber: letter.number, termEnd: state.termEnd })
        .deadline({
          key: 'term-end',
          label: '委托期限届满',
          basisId: 'entrustment.written-letter',
          citation: LETTER_BASIS,
          owedBy: agency.name,
          dueDate: state.termEnd,
          provisional: false,
        });
      await Promise.all([
        sync(),
        record.sync(),
        audit(
          `${change.changeId}:approved`,
          'entrustment.renewed',
          { letterNumber: letter.number, termEnd: state.termEnd },
          LETTER_BASIS,
        ),
      ]);
      return;
    }
    // Suspension and revocation take effect on approval; the notice follows.
    change.outcome = 'approved';
    if (change.kind === 'suspend') {
      state.suspensions.push({ from: effectiveOn });
      state.status = 'suspended';
    } else if (change.kind === 'resume') {
      const open = state.suspensions.find((s) => s.until === undefined);
      if (open) open.until = effectiveOn;
      state.status = runningStatus(state.termEnd, effectiveOn, false);
    } else {
      state.revokedOn = effectiveOn;
      state.status = 'revoked';
    }
    if (state.status === 'revoked') record.close('revoked', '委托已撤销');
    else record.stage(...stageOf());
    await Promise.all([
      sync(),
      record.sync(),
      audit(
        `${change.changeId}:approved`,
        `entrustment.${change.kind === 'revoke' ? 'revoked' : change.kind === 'suspend' ? 'suspended' : 'resumed'}`,
        { effectiveOn, reason: change.reason },
        LETTER_BASIS,
      ),
    ]);
    const notice = entrustmentChangeNotice({
      kind: change.kind,
      letterNumber: state.letter!.number,
      agencyName: agency.name,
      orgName: org.name,
      effectiveOn,
      reason: change.reason,
    });
    const published = await publishBoth(change.changeId, notice.title, notice.text);
    await Promise.all([
      sync(),
      audit(
        `${change.changeId}:published`,
        published ? 'entrustment.change-published' : 'entrustment.change-publication-abandoned',
        { kind: change.kind },
        LETTER_BASIS,
      ),
    ]);
  }

  await Promise.all([lifecycle(), changes()]);
  await condition(allHandlersFinished);
  return {
    outcome: state.status === 'revoked' ? 'revoked' : 'lapsed',
    status: state.status,
    letterNumber: state.letter!.number,
    termEnd: state.termEnd,
  };
}
