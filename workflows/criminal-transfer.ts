// Transfer of a suspected crime (涉嫌犯罪案件移送, §十二; 国务院令第310号): officers' report → head's decision
// (3 days) → transfer to public security within 24 hours, copied to the procuratorate → police decision
// (3 days) → reconsideration and procuratorate supervision (3 + 3 + 3 days) → filed, or administrative handling.
import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ApprovalActivities } from '../activities/approval';
import type { CallbackEventOf } from '../agencies/types';
import {
  buildCriminalTransferLetter,
  noReplacementStatement,
  transferAttachments,
} from '../domain/criminal-transfer-letter';
import { formatShanghaiDateTime, shanghaiDateOf, todayInShanghai } from '../domain/dates';
import { getLegalBasis, type LegalBasisId } from '../domain/legal-basis';
import { AgencyDesk } from './agency/agency-desk';
import type { CallbackEvent } from './agency/types';
import { ApprovalEngine } from './approval/engine';
import type { ApprovalStepSpec, CaseRef } from './approval/types';
import { CaseRecord } from './case/case-record';
import { callbackProblem, validateAct } from './criminal-transfer/checks';
import { TransferDeadlines } from './criminal-transfer/deadlines';
import { criminalTransferActUpdate } from './criminal-transfer/messages';
import {
  criminalTransferStageLabels,
  type CriminalTransferActInput,
  type CriminalTransferInput,
  type CriminalTransferOutcome,
  type CriminalTransferResult,
  type CriminalTransferStage,
} from './criminal-transfer/types';

const { recordAuditEvents } = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});

const POLICE = '北碚区公安分局';
const PROCURATORATE = '北碚区人民检察院';

const isPoliceDecision = (e: CallbackEvent): e is CallbackEventOf<'police.filed'> | CallbackEventOf<'police.refused'> =>
  e.type === 'police.filed' || e.type === 'police.refused';
const isReconsiderationAnswer = (e: CallbackEvent): e is CallbackEventOf<'police.reconsideration-answered'> =>
  e.type === 'police.reconsideration-answered';
const isSupervision = (e: CallbackEvent): e is CallbackEventOf<'procuratorate.supervised'> =>
  e.type === 'procuratorate.supervised';

export async function criminalTransferWorkflow(input: CriminalTransferInput): Promise<CriminalTransferResult> {
  const { workflowId } = workflowInfo();
  const caseRef: CaseRef = {
    workflowId,
    workflowKind: 'criminal-transfer',
    caseId: input.caseNumber,
    caseTitle: input.title,
    departmentId: input.departmentId,
    initiatorId: input.initiatorId,
  };
  const today = () => todayInShanghai(Date.now());
  let stage: CriminalTransferStage = 'head-decision';
  const result: CriminalTransferResult = { outcome: 'filed' };
  let pending: CriminalTransferActInput | undefined;

  const engine = new ApprovalEngine(caseRef);
  const desk = new AgencyDesk(caseRef, (event) => callbackProblem(stage, result.policeReceiptNo, event));
  const record = new CaseRecord({
    kind: 'criminal-transfer',
    caseNumber: input.caseNumber,
    title: input.title,
    departmentId: input.departmentId,
    stage,
    stageLabel: criminalTransferStageLabels[stage],
  });
  setHandler(
    criminalTransferActUpdate,
    (act) => {
      pending = act;
      return { accepted: true as const, stage };
    },
    { validator: (act) => validateAct(stage, caseRef, act, today(), pending !== undefined) },
  );
  await engine.start();
  const deadlines = new TransferDeadlines(record, engine);

  const audit = (
    event: string,
    action: string,
    extra: { actor?: string; comment?: string; basisId?: LegalBasisId; detail?: Record<string, unknown> } = {},
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
  const moveTo = (next: CriminalTransferStage) => {
    stage = next;
    record.stage(next, criminalTransferStageLabels[next]);
  };
  const close = async (
    outcome: CriminalTransferOutcome,
    label: string,
    basisId?: LegalBasisId,
    comment?: string,
  ): Promise<CriminalTransferResult> => {
    stage = 'closed';
    result.outcome = outcome;
    await record.summarise({ outcome }).close(outcome, label).sync();
    await audit('closed', `criminal-transfer.${outcome}`, { basisId, comment: comment ?? label });
    return result;
  };
  const overdue = async (key: string, basisId: LegalBasisId) => {
    deadlines.miss(key);
    await Promise.all([
      record.sync(),
      audit(`${key}:overdue`, 'criminal-transfer.deadline-missed', { basisId, detail: { deadline: key } }),
    ]);
  };
  /** A callback by its statutory due moment; when it passes the deadline is marked missed and we keep waiting. */
  async function awaitCallback<E extends CallbackEvent>(
    match: (e: CallbackEvent) => e is E,
    key: string,
    basisId: LegalBasisId,
  ): Promise<E> {
    const early = await desk.waitFor(match, Math.max(deadlines.dueMs(key) - Date.now(), 1));
    if (early) return early;
    await overdue(key, basisId);
    return (await desk.waitFor(match))!;
  }
  /** The department's act within its window; a lapsed window ends it (`lapse: 'end'`) or only marks it missed. */
  async function awaitAct(
    key: string,
    basisId: LegalBasisId,
    lapse: 'end' | 'keep-waiting',
  ): Promise<CriminalTransferActInput | undefined> {
    if (!(await condition(() => pending !== undefined, Math.max(deadlines.dueMs(key) - Date.now(), 1)))) {
      await overdue(key, basisId);
      if (lapse === 'end') return undefined;
      await condition(() => pending !== undefined);
    }
    const act = pending!;
    pending = undefined;
    await audit(act.requestId, `criminal-transfer.${act.action.kind}`, {
      actor: act.actor.id,
      comment: 'reasons' in act.action ? act.action.reasons : act.action.comment,
      detail: { ...act.action },
    });
    return act;
  }
  const returned = (by: string) =>
    close('returned', '已转行政处理', 'criminal.returned-case', `${by}，案件退回本机关依法作出行政处理`);

  // Art. 5: the written report reaches the principal head, who decides within 3 days.
  const reportedOn = today();
  const unaffected = noReplacementStatement(input.measuresImposed);
  record.summarise({
    source: input.source,
    suspect: input.suspect,
    allegedOffence: input.allegedOffence,
    report: { officers: input.report.officers, summary: input.report.summary, reportedOn },
    measuresImposed: input.measuresImposed,
    measuresUnaffected: { statement: unaffected, citation: getLegalBasis('criminal.no-replacement').citation },
  });
  deadlines.open('head-decision', '负责人决定是否批准移送', 'criminal.head-decision', '本机关正职负责人', reportedOn);
  await Promise.all([
    record.sync(),
    audit('reported', 'criminal-transfer.reported', {
      actor: input.initiatorId,
      comment: input.report.summary,
      detail: { officers: input.report.officers.map((o) => o.id), source: input.source },
    }),
    audit('measures-unaffected', 'criminal-transfer.measures-unaffected', {
      basisId: 'criminal.no-replacement',
      comment: unaffected,
      detail: { measures: input.measuresImposed },
    }),
  ]);

  const headStep: ApprovalStepSpec = {
    stepId: 'head-decision',
    name: '正职负责人决定是否批准移送',
    mode: 'any-of',
    participants: { roles: ['department-head'], departmentId: input.departmentId },
    deadline: { basisId: 'criminal.head-decision' },
    legalBasis: getLegalBasis('criminal.head-decision').citation,
  };
  const chain = await engine.runChain([headStep]);
  deadlines.settle('head-decision');
  if (chain.kind !== 'approved') {
    const refused = chain.kind === 'rejected';
    return close(
      refused ? 'not-approved' : 'withdrawn',
      refused ? '不批准移送' : '已撤回',
      'criminal.head-decision',
      `${refused ? '负责人不批准移送' : '移送报告已撤回'}，由本机关依法作出行政处理`,
    );
  }

  // Art. 5: transfer within 24 hours of approval, with the Art. 6 materials; §十二: copied to the procuratorate.
  const approval = chain.steps[0]!.decisions.find((d) => d.action === 'approve');
  // The 24 hours run from the head's approval.
  const approvedAt = approval ? Date.parse(approval.at) : Date.now();
  const agencyName = `北碚区${input.departmentName.replace(/^区/, '')}`;
  const letter = buildCriminalTransferLetter({
    caseNumber: input.caseNumber,
    transferringAgency: agencyName,
    agencyShortName: input.agencyShortName,
    receivingAgency: POLICE,
    copiedTo: PROCURATORATE,
    suspect: input.suspect,
    allegedOffence: input.allegedOffence,
    facts: input.facts,
    approvedBy: approval?.actorName ?? '负责人',
    approvedOn: shanghaiDateOf(formatShanghaiDateTime(approvedAt)),
    materials: input.materials,
  });
  result.letterNo = letter.letterNo;
  deadlines.open(
    'transfer',
    '移送公安机关并抄送检察院',
    'criminal.transfer',
    input.departmentName,
    formatShanghaiDateTime(approvedAt),
  );
  moveTo('transferring');
  record.summarise({ transferLetter: letter });
  await record.sync();
  const transfer = await desk.call(
    'publicSecurity',
    'transferCriminalCase',
    {
      caseRef: input.caseNumber,
      transferLetterNo: letter.letterNo,
      transferringAgency: agencyName,
      suspect: input.suspect,
      allegedOffence: input.allegedOffence,
      facts: input.facts,
      approvedBy: approval?.actorName ?? '负责人',
      approvedOn: shanghaiDateOf(formatShanghaiDateTime(approvedAt)),
      materials: input.materials,
    },
    { label: '移送公安机关', idempotencyKey: `${input.caseNumber}:transfer`, callbackRef: input.caseNumber },
  );
  if (!transfer.ok) return close('transfer-abandoned', '已放弃移送', 'criminal.transfer', transfer.abandoned.comment);
  result.policeReceiptNo = transfer.result.receiptNo;
  const copy = await desk.call(
    'procuratorate',
    'sendCopy',
    {
      caseRef: input.caseNumber,
      transferLetterNo: letter.letterNo,
      policeReceiptNo: transfer.result.receiptNo,
      materials: [{ title: `${letter.title}（${letter.letterNo}）` }, ...transferAttachments(input.materials)],
    },
    { label: '抄送检察院', idempotencyKey: `${input.caseNumber}:procuratorate-copy`, callbackRef: input.caseNumber },
  );
  const transferredAt = Date.now();
  deadlines.settle('transfer', transferredAt);
  record.summarise({
    transfer: {
      transferredAt: new Date(transferredAt).toISOString(),
      policeReceiptNo: transfer.result.receiptNo,
      procuratorateReceiptNo: copy.ok ? copy.result.receiptNo : null,
    },
  });
  moveTo('awaiting-police-decision');
  deadlines.open('police-decision', '公安机关决定是否立案', 'criminal.police-filing-decision', POLICE, today());
  await Promise.all([
    record.sync(),
    audit('transferred', 'criminal-transfer.transferred', {
      basisId: 'criminal.transfer',
      detail: { letterNo: letter.letterNo, policeReceiptNo: transfer.result.receiptNo, procuratorateCopied: copy.ok },
    }),
  ]);

  // Art. 8: the police decide within 3 days whether to file.
  const decision = await awaitCallback(isPoliceDecision, 'police-decision', 'criminal.police-filing-decision');
  deadlines.settle('police-decision');
  result.policeDecisionNo = decision.data.decisionNo;
  record.summarise({
    policeDecision: {
      ...decision.data,
      status: decision.type === 'police.filed' ? 'filed' : 'refused',
      receivedOn: today(),
    },
  });
  if (decision.type === 'police.filed') return handOverExhibits('公安机关决定立案');

  // Art. 9: within 3 days the agency may ask the police to reconsider; they answer within 3 days.
  moveTo('police-refused');
  deadlines.open(
    'reconsideration-request',
    '提请公安机关复议',
    'criminal.request-police-reconsideration',
    input.departmentName,
    today(),
  );
  await Promise.all([
    record.sync(),
    audit('police-refused', 'criminal-transfer.police-refused', {
      actor: 'agency:public-security',
      comment: decision.data.reason,
      basisId: 'criminal.police-filing-decision',
    }),
  ]);
  const first = await awaitAct('reconsideration-request', 'criminal.request-police-reconsideration', 'end');
  deadlines.settle('reconsideration-request');
  if (!first || first.action.kind !== 'request-reconsideration')
    return returned(first ? '本机关接受公安机关不予立案决定' : '提请复议期限届满未提请');
  moveTo('awaiting-reconsideration');
  await record.sync();
  const reconsideration = await desk.call(
    'publicSecurity',
    'requestReconsideration',
    { caseRef: input.caseNumber, receiptNo: transfer.result.receiptNo, reasons: first.action.reasons },
    { label: '提请公安机关复议', idempotencyKey: `${input.caseNumber}:reconsideration`, callbackRef: input.caseNumber },
  );
  if (!reconsideration.ok) return returned('提请复议未能送达公安机关');
  deadlines.open(
    'reconsideration-answer',
    '公安机关作出复议决定',
    'criminal.police-reconsideration-decision',
    POLICE,
    today(),
  );
  record.summarise({
    reconsideration: {
      receiptNo: reconsideration.result.receiptNo,
      reasons: first.action.reasons,
      requestedOn: today(),
    },
  });
  await record.sync();
  const answer = await awaitCallback(
    isReconsiderationAnswer,
    'reconsideration-answer',
    'criminal.police-reconsideration-decision',
  );
  deadlines.settle('reconsideration-answer');
  result.policeDecisionNo = answer.data.decisionNo;
  record.summarise({ reconsiderationAnswer: { ...answer.data, receivedOn: today() } });
  if (answer.data.outcome === 'filed') return handOverExhibits('公安机关复议后决定立案');

  // Art. 9: within 3 days of the answer, the procuratorate may be asked to supervise the filing.
  moveTo('reconsideration-upheld');
  deadlines.open(
    'supervision-request',
    '建议检察院立案监督',
    'criminal.procuratorate-supervision-request',
    input.departmentName,
    today(),
  );
  await Promise.all([
    record.sync(),
    audit('reconsideration-upheld', 'criminal-transfer.reconsideration-upheld', {
      actor: 'agency:public-security',
      basisId: 'criminal.police-reconsideration-decision',
    }),
  ]);
  const second = await awaitAct('supervision-request', 'criminal.procuratorate-supervision-request', 'end');
  deadlines.settle('supervision-request');
  if (!second || second.action.kind !== 'request-supervision')
    return returned(second ? '本机关接受复议维持不予立案的决定' : '建议立案监督期限届满未提出');
  moveTo('awaiting-supervision');
  await record.sync();
  const supervisionRequest = await desk.call(
    'procuratorate',
    'requestSupervision',
    {
      caseRef: input.caseNumber,
      policeReceiptNo: transfer.result.receiptNo,
      refusalDecisionNo: answer.data.decisionNo,
      reasons: second.action.reasons,
    },
    { label: '建议检察院立案监督', idempotencyKey: `${input.caseNumber}:supervision`, callbackRef: input.caseNumber },
  );
  if (!supervisionRequest.ok) return returned('立案监督建议未能送达检察院');
  record.summarise({
    supervision: {
      receiptNo: supervisionRequest.result.receiptNo,
      reasons: second.action.reasons,
      requestedOn: today(),
    },
  });
  await record.sync();
  const supervised = await desk.waitFor(isSupervision);
  record.summarise({ supervisionOutcome: { ...supervised!.data, receivedOn: today() } });
  if (supervised!.data.outcome === 'police-ordered-to-file') return handOverExhibits('检察院监督后公安机关立案');
  return returned('检察院立案监督后维持不予立案');

  /** Art. 12: once filed, the exhibits and materials are handed over within 3 days. */
  async function handOverExhibits(how: string): Promise<CriminalTransferResult> {
    moveTo('filed-awaiting-exhibits');
    deadlines.open(
      'exhibit-handover',
      '移交涉案物品及有关材料',
      'criminal.exhibit-handover',
      input.departmentName,
      today(),
    );
    await Promise.all([
      record.sync(),
      audit('filed', 'criminal-transfer.filed', {
        comment: how,
        basisId: 'criminal.exhibit-handover',
        detail: { decisionNo: result.policeDecisionNo },
      }),
    ]);
    const act = (await awaitAct('exhibit-handover', 'criminal.exhibit-handover', 'keep-waiting'))!;
    if (act.action.kind !== 'record-exhibits-handover')
      throw new Error('unreachable: validator admits only the handover here');
    deadlines.settle('exhibit-handover', Date.parse(`${act.action.handedOverOn}T12:00:00+08:00`));
    record.summarise({
      exhibits: {
        handedOverOn: act.action.handedOverOn,
        items: act.action.exhibits,
        receiptNo: act.action.receiptNo ?? null,
        recordedBy: act.actor.id,
      },
    });
    return close(
      'filed',
      '已立案移交',
      'criminal.exhibit-handover',
      `${how}，涉案物品已于${act.action.handedOverOn}移交`,
    );
  }
}
