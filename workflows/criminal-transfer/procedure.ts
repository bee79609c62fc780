// The named steps of a transfer (国务院令第310号): the officers' report, the transfer with its copy, the
// police decision, and the exhibits' handover once filed (a refusal's challenge is in challenge.ts).
import type { CallbackEventOf } from '../../agencies/types';
import {
  buildCriminalTransferLetter,
  noReplacementStatement,
  transferAttachments,
} from '../../domain/criminal-transfer-letter';
import { formatShanghaiDateTime, shanghaiDateOf } from '../../domain/dates';
import { getLegalBasis } from '../../domain/legal-basis';
import type { CallbackEvent } from '../agency/types';
import type { ApprovalStepSpec, Decision } from '../approval/types';
import { POLICE, PROCURATORATE, today, type TransferContext } from './context';
import type { CriminalTransferInput, CriminalTransferResult } from './types';

type PoliceDecision = CallbackEventOf<'police.filed'> | CallbackEventOf<'police.refused'>;
const isPoliceDecision = (e: CallbackEvent): e is PoliceDecision =>
  e.type === 'police.filed' || e.type === 'police.refused';

/** Art. 5: the principal head decides within 3 days whether to approve the transfer. */
export function headStep(input: CriminalTransferInput): ApprovalStepSpec {
  return {
    stepId: 'head-decision',
    name: '正职负责人决定是否批准移送',
    mode: 'any-of',
    participants: { roles: ['department-head'], departmentId: input.departmentId },
    deadline: { basisId: 'criminal.head-decision' },
    legalBasis: getLegalBasis('criminal.head-decision').citation,
  };
}

/** Art. 5: the written report reaches the principal head; the measures already imposed stand (Art. 11). */
export async function report(ctx: TransferContext): Promise<void> {
  const { input, record } = ctx;
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
  ctx.deadlines.open(
    'head-decision',
    '负责人决定是否批准移送',
    'criminal.head-decision',
    '本机关正职负责人',
    reportedOn,
  );
  await Promise.all([
    record.sync(),
    ctx.audit('reported', 'criminal-transfer.reported', {
      actor: input.initiatorId,
      comment: input.report.summary,
      detail: { officers: input.report.officers.map((o) => o.id), source: input.source },
    }),
    ctx.audit('measures-unaffected', 'criminal-transfer.measures-unaffected', {
      basisId: 'criminal.no-replacement',
      comment: unaffected,
      detail: { measures: input.measuresImposed },
    }),
  ]);
}

/**
 * Art. 5: transfer within 24 hours of approval, with the Art. 6 materials; §十二: copied to the procuratorate.
 * The police receipt number, or the closed case when a refused transfer was abandoned.
 */
export async function transfer(
  ctx: TransferContext,
  approval: Decision | undefined,
): Promise<{ receiptNo: string } | { abandoned: CriminalTransferResult }> {
  const { input, record, desk, deadlines, st } = ctx;
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
  st.result.letterNo = letter.letterNo;
  deadlines.open(
    'transfer',
    '移送公安机关并抄送检察院',
    'criminal.transfer',
    input.departmentName,
    formatShanghaiDateTime(approvedAt),
  );
  ctx.moveTo('transferring');
  record.summarise({ transferLetter: letter });
  await record.sync();
  const sent = await desk.call(
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
  if (!sent.ok)
    return {
      abandoned: await ctx.close('transfer-abandoned', '已放弃移送', 'criminal.transfer', sent.abandoned.comment),
    };
  const receiptNo = sent.result.receiptNo;
  st.result.policeReceiptNo = receiptNo;
  const copy = await desk.call(
    'procuratorate',
    'sendCopy',
    {
      caseRef: input.caseNumber,
      transferLetterNo: letter.letterNo,
      policeReceiptNo: receiptNo,
      materials: [{ title: `${letter.title}（${letter.letterNo}）` }, ...transferAttachments(input.materials)],
    },
    { label: '抄送检察院', idempotencyKey: `${input.caseNumber}:procuratorate-copy`, callbackRef: input.caseNumber },
  );
  const transferredAt = Date.now();
  deadlines.settle('transfer', transferredAt);
  record.summarise({
    transfer: {
      transferredAt: new Date(transferredAt).toISOString(),
      policeReceiptNo: receiptNo,
      procuratorateReceiptNo: copy.ok ? copy.result.receiptNo : null,
    },
  });
  ctx.moveTo('awaiting-police-decision');
  deadlines.open('police-decision', '公安机关决定是否立案', 'criminal.police-filing-decision', POLICE, today());
  await Promise.all([
    record.sync(),
    ctx.audit('transferred', 'criminal-transfer.transferred', {
      basisId: 'criminal.transfer',
      detail: { letterNo: letter.letterNo, policeReceiptNo: receiptNo, procuratorateCopied: copy.ok },
    }),
  ]);
  return { receiptNo };
}

/** Art. 8: the police decide within 3 days whether to file. */
export async function policeDecision(ctx: TransferContext): Promise<PoliceDecision> {
  const decision = await ctx.awaitCallback(isPoliceDecision, 'police-decision', 'criminal.police-filing-decision');
  ctx.deadlines.settle('police-decision');
  ctx.st.result.policeDecisionNo = decision.data.decisionNo;
  ctx.record.summarise({
    policeDecision: {
      ...decision.data,
      status: decision.type === 'police.filed' ? 'filed' : 'refused',
      receivedOn: today(),
    },
  });
  return decision;
}

/** Art. 12: once filed, the exhibits and materials are handed over within 3 days. */
export async function handOverExhibits(ctx: TransferContext, how: string): Promise<CriminalTransferResult> {
  const { input, record, deadlines } = ctx;
  ctx.moveTo('filed-awaiting-exhibits');
  deadlines.open(
    'exhibit-handover',
    '移交涉案物品及有关材料',
    'criminal.exhibit-handover',
    input.departmentName,
    today(),
  );
  await Promise.all([
    record.sync(),
    ctx.audit('filed', 'criminal-transfer.filed', {
      comment: how,
      basisId: 'criminal.exhibit-handover',
      detail: { decisionNo: ctx.st.result.policeDecisionNo },
    }),
  ]);
  const act = (await ctx.awaitAct('exhibit-handover', 'criminal.exhibit-handover', 'keep-waiting'))!;
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
  return ctx.close(
    'filed',
    '已立案移交',
    'criminal.exhibit-handover',
    `${how}，涉案物品已于${act.action.handedOverOn}移交`,
  );
}
