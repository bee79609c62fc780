// Blacklist (黑名单, §十三): listing by decision (department head → 安委办), publication to the credit publicity
// system, restriction period from start to end, removal at the end or earlier by decision, removal published.
import { condition, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { ApprovalActivities } from '../activities/approval';
import type { BlacklistActivities, BlacklistEntryRow } from '../activities/blacklist';
import { blacklistRestrictionLabels, blacklistStatusLabels, type BlacklistStatus } from '../domain/blacklist';
import { addDays, todayInShanghai } from '../domain/dates';
import { getLegalBasis, type LegalBasisId } from '../domain/legal-basis';
import { AgencyDesk } from './agency/agency-desk';
import { endOfDay, shanghaiMidnight } from './approval/deadline';
import { ApprovalEngine } from './approval/engine';
import { approvalRefusals, type ApprovalStepSpec, type CaseRef } from './approval/types';
import { blacklistRemovalUpdate } from './blacklist/messages';
import {
  blacklistStageLabels,
  type BlacklistInput,
  type BlacklistOutcome,
  type BlacklistRemovalRequest,
  type BlacklistResult,
  type BlacklistStage,
} from './blacklist/types';
import { CaseRecord } from './case/case-record';
import { refuseBy } from './refusal';

const { recordAuditEvents } = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});
const { syncBlacklistEntry } = proxyActivities<BlacklistActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});

/** Decision chain: the department head, then the 安委办 (§十三: the district lists through the safety committee). */
function decisionSteps(prefix: string, departmentId: string, basisId: LegalBasisId): ApprovalStepSpec[] {
  const legalBasis = getLegalBasis(basisId).citation;
  return [
    {
      stepId: `${prefix}dept-head`,
      name: '部门负责人审核',
      mode: 'any-of',
      participants: { roles: ['department-head'], departmentId },
      deadline: { basisId: 'approval.step-default' },
      legalBasis,
    },
    {
      stepId: `${prefix}safety-office`,
      name: '区政府安委办决定',
      mode: 'any-of',
      participants: { roles: ['safety-office'], departmentId: 'aqb' },
      deadline: { basisId: 'approval.step-default' },
      legalBasis,
    },
  ];
}

export async function blacklistWorkflow(input: BlacklistInput): Promise<BlacklistResult> {
  const { workflowId } = workflowInfo();
  const caseRef: CaseRef = {
    workflowId,
    workflowKind: 'blacklist',
    caseId: input.caseNumber,
    caseTitle: input.title,
    departmentId: input.departmentId,
    initiatorId: input.initiatorId,
  };
  const today = () => todayInShanghai(Date.now());
  let stage: BlacklistStage = 'listing-approval';
  let removal: BlacklistRemovalRequest | undefined;
  const result: BlacklistResult = { outcome: 'rejected' };

  const engine = new ApprovalEngine(caseRef);
  // The credit publicity system answers synchronously; it sends no callbacks for a blacklist case.
  const desk = new AgencyDesk(caseRef, (event) => `黑名单案件不接受 ${event.type} 回调`);
  const record = new CaseRecord({
    kind: 'blacklist',
    caseNumber: input.caseNumber,
    title: input.title,
    departmentId: input.departmentId,
    stage,
    stageLabel: blacklistStageLabels[stage],
  });
  setHandler(
    blacklistRemovalUpdate,
    (request) => {
      removal = request;
      return { accepted: true as const };
    },
    {
      validator: (request) => {
        if (!request?.requestId || !request.actor?.id)
          refuseBy(approvalRefusals, 'INVALID_ACTION', '缺少请求编号或操作人');
        if (stage !== 'listed' || removal)
          refuseBy(approvalRefusals, 'STEP_CLOSED', '该企业当前不在公示期内，或提前移出已在审批中');
        if (request.actor.departmentId !== input.departmentId && !request.actor.roles.includes('safety-office'))
          refuseBy(approvalRefusals, 'NOT_ASSIGNEE', '只有列入部门或安委办可以申请提前移出');
        if (!request.reason?.trim()) refuseBy(approvalRefusals, 'COMMENT_REQUIRED', '须写明提前移出的理由');
      },
    },
  );
  await engine.start();

  let version = 0;
  const entry: Omit<BlacklistEntryRow, 'version'> = {
    workflowId,
    caseNumber: input.caseNumber,
    departmentId: input.departmentId,
    enterpriseName: input.enterprise.name,
    creditCode: input.enterprise.unifiedSocialCreditCode,
    reason: input.reason,
    decisionNo: input.decisionNo,
    restrictions: input.restrictions,
    startsOn: input.restriction.startsOn,
    endsOn: input.restriction.endsOn,
    status: 'pending-approval',
  };
  const moveTo = (next: BlacklistStage) => {
    stage = next;
    record.stage(next, blacklistStageLabels[next]);
  };
  const publish = async (status: BlacklistStatus, fields: Partial<BlacklistEntryRow> = {}) => {
    Object.assign(entry, fields, { status });
    record.summarise({ entry: { ...entry, statusLabel: blacklistStatusLabels[status] } });
    await Promise.all([syncBlacklistEntry({ ...entry, version: ++version }), record.sync()]);
  };
  const audit = (
    event: string,
    action: string,
    extra: { comment?: string; basisId?: LegalBasisId; actor?: string; detail?: Record<string, unknown> } = {},
  ) =>
    recordAuditEvents([
      {
        dedupeKey: `${workflowId}:${event}`,
        workflowId,
        caseId: input.caseNumber,
        actor: extra.actor ?? 'system',
        action,
        comment: extra.comment,
        legalBasis: extra.basisId ? getLegalBasis(extra.basisId).citation : undefined,
        detail: extra.detail,
        at: new Date(Date.now()).toISOString(),
      },
    ]);
  const close = async (outcome: BlacklistOutcome, label: string, status: BlacklistStatus, comment: string) => {
    stage = 'closed';
    result.outcome = outcome;
    record.close(outcome, label);
    await publish(status);
    await audit('closed', `blacklist.${outcome}`, { comment, basisId: 'blacklist.removal' });
    return result;
  };

  record.summarise({
    enterprise: input.enterprise,
    reason: input.reason,
    decisionNo: input.decisionNo,
    restriction: input.restriction,
    restrictions: input.restrictions.map((r) => blacklistRestrictionLabels[r]),
  });
  await Promise.all([
    publish('pending-approval'),
    audit('proposed', 'blacklist.proposed', {
      actor: input.initiatorId,
      comment: input.reason,
      basisId: 'blacklist.listing',
    }),
  ]);

  // §十三: listing by decision.
  const listing = await engine.runChain(decisionSteps('', input.departmentId, 'blacklist.listing'));
  if (listing.kind !== 'approved') {
    return close(
      listing.kind === 'rejected' ? 'rejected' : 'withdrawn',
      listing.kind === 'rejected' ? '未批准列入' : '已撤回',
      'rejected',
      listing.kind === 'rejected' ? '未批准列入黑名单' : '列入申请已撤回',
    );
  }
  const { startsOn, endsOn } = input.restriction;
  if (today() > endsOn)
    return close('lapsed-before-listing', '限制期已过，未公示', 'rejected', '批准时限制期已届满，不再公示');
  if (today() < startsOn) {
    moveTo('awaiting-start');
    await publish('awaiting-start');
    await sleep(Math.max(shanghaiMidnight(startsOn) - Date.now(), 1));
  }

  const listedOn = today();
  const added = await desk.call(
    'creditPublicity',
    'addBlacklistEntry',
    {
      caseRef: input.caseNumber,
      enterprise: input.enterprise,
      reason: input.reason,
      decisionNo: input.decisionNo,
      listedOn,
      expiresOn: endsOn,
    },
    { label: '列入黑名单公示', idempotencyKey: `${input.caseNumber}:blacklist-entry` },
  );
  if (!added.ok)
    return close(
      'publication-abandoned',
      '未能公示',
      'rejected',
      added.abandoned.comment ?? '信用公示系统拒绝且已放弃公示',
    );
  result.entryNo = added.result.entryNo;
  result.listedOn = listedOn;
  moveTo('listed');
  record.deadline({
    key: 'restriction-end',
    label: '限制期届满移出黑名单',
    basisId: 'blacklist.removal',
    citation: getLegalBasis('blacklist.removal').citation,
    owedBy: '信用公示系统',
    dueDate: endsOn,
    dueAt: new Date(endOfDay(endsOn)).toISOString(),
    provisional: false,
  });
  await Promise.all([
    publish('listed', { entryNo: added.result.entryNo, listedOn }),
    audit('listed', 'blacklist.listed', {
      basisId: 'blacklist.listing',
      detail: { entryNo: added.result.entryNo, listedOn, endsOn },
    }),
  ]);

  // The restriction runs to the end of its last day, unless removed earlier by decision.
  let removalReason = '限制期届满';
  let early = false;
  for (;;) {
    const requested = await condition(() => removal !== undefined, Math.max(endOfDay(endsOn) - Date.now(), 1));
    if (!requested) break;
    const request = removal!;
    moveTo('removal-approval');
    await Promise.all([
      record.sync(),
      audit(request.requestId, 'blacklist.removal-requested', { actor: request.actor.id, comment: request.reason }),
    ]);
    const decision = await engine.runChain(decisionSteps('removal-', input.departmentId, 'blacklist.removal'));
    if (decision.kind === 'approved') {
      removalReason = request.reason;
      early = true;
      break;
    }
    removal = undefined;
    moveTo('listed');
    await Promise.all([
      record.sync(),
      audit(`${request.requestId}:refused`, 'blacklist.removal-refused', { comment: '提前移出未获批准，继续公示' }),
    ]);
  }

  const removed = await desk.call(
    'creditPublicity',
    'removeBlacklistEntry',
    { caseRef: input.caseNumber, entryNo: added.result.entryNo, reason: removalReason },
    { label: '移出黑名单公示', idempotencyKey: `${input.caseNumber}:blacklist-removal` },
  );
  const removedOn = early ? today() : addDays(endsOn, 1);
  result.removedOn = removedOn;
  if (early) record.cancelDeadline('restriction-end');
  else record.settleDeadline('restriction-end', endOfDay(endsOn) - 1);
  record.summarise({ removal: { removedOn, reason: removalReason, early, published: removed.ok } });
  Object.assign(entry, { removedOn, removalReason });
  return close(
    early ? 'removed-early' : 'removed-at-end',
    early ? '已提前移出' : '限制期届满已移出',
    'removed',
    `${removalReason}，已移出黑名单${removed.ok ? '并公示' : '（信用公示系统未受理移出，需人工处理）'}`,
  );
}
