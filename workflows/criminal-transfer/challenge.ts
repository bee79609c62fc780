// A police refusal to file, challenged (国务院令第310号 Art. 9): reconsideration by the police, then the
// procuratorate's supervision; each ends in a filing (exhibits handed over) or administrative handling.
import type { CallbackEventOf } from '../../agencies/types';
import type { CallbackEvent } from '../agency/types';
import { POLICE, today, type TransferContext } from './context';
import { handOverExhibits } from './procedure';
import type { CriminalTransferResult } from './types';

const isReconsiderationAnswer = (e: CallbackEvent): e is CallbackEventOf<'police.reconsideration-answered'> =>
  e.type === 'police.reconsideration-answered';
const isSupervision = (e: CallbackEvent): e is CallbackEventOf<'procuratorate.supervised'> =>
  e.type === 'procuratorate.supervised';

/** Art. 9: within 3 days the agency may ask the police to reconsider; they answer within 3 days. */
export async function reconsider(
  ctx: TransferContext,
  receiptNo: string,
  refusal: CallbackEventOf<'police.refused'>,
): Promise<CriminalTransferResult> {
  const { input, record, deadlines } = ctx;
  ctx.moveTo('police-refused');
  deadlines.open(
    'reconsideration-request',
    '提请公安机关复议',
    'criminal.request-police-reconsideration',
    input.departmentName,
    today(),
  );
  await Promise.all([
    record.sync(),
    ctx.audit('police-refused', 'criminal-transfer.police-refused', {
      actor: 'agency:public-security',
      comment: refusal.data.reason,
      basisId: 'criminal.police-filing-decision',
    }),
  ]);
  const first = await ctx.awaitAct('reconsideration-request', 'criminal.request-police-reconsideration', 'end');
  deadlines.settle('reconsideration-request');
  if (!first || first.action.kind !== 'request-reconsideration')
    return ctx.returned(first ? '本机关接受公安机关不予立案决定' : '提请复议期限届满未提请');
  ctx.moveTo('awaiting-reconsideration');
  await record.sync();
  const request = await ctx.desk.call(
    'publicSecurity',
    'requestReconsideration',
    { caseRef: input.caseNumber, receiptNo, reasons: first.action.reasons },
    { label: '提请公安机关复议', idempotencyKey: `${input.caseNumber}:reconsideration`, callbackRef: input.caseNumber },
  );
  if (!request.ok) return ctx.returned('提请复议未能送达公安机关');
  deadlines.open(
    'reconsideration-answer',
    '公安机关作出复议决定',
    'criminal.police-reconsideration-decision',
    POLICE,
    today(),
  );
  record.summarise({
    reconsideration: { receiptNo: request.result.receiptNo, reasons: first.action.reasons, requestedOn: today() },
  });
  await record.sync();
  const answer = await ctx.awaitCallback(
    isReconsiderationAnswer,
    'reconsideration-answer',
    'criminal.police-reconsideration-decision',
  );
  deadlines.settle('reconsideration-answer');
  ctx.st.result.policeDecisionNo = answer.data.decisionNo;
  record.summarise({ reconsiderationAnswer: { ...answer.data, receivedOn: today() } });
  if (answer.data.outcome === 'filed') return handOverExhibits(ctx, '公安机关复议后决定立案');
  return supervise(ctx, receiptNo, answer.data.decisionNo);
}

/** Art. 9: within 3 days of the answer, the procuratorate may be asked to supervise the filing. */
async function supervise(
  ctx: TransferContext,
  receiptNo: string,
  refusalDecisionNo: string,
): Promise<CriminalTransferResult> {
  const { input, record, deadlines } = ctx;
  ctx.moveTo('reconsideration-upheld');
  deadlines.open(
    'supervision-request',
    '建议检察院立案监督',
    'criminal.procuratorate-supervision-request',
    input.departmentName,
    today(),
  );
  await Promise.all([
    record.sync(),
    ctx.audit('reconsideration-upheld', 'criminal-transfer.reconsideration-upheld', {
      actor: 'agency:public-security',
      basisId: 'criminal.police-reconsideration-decision',
    }),
  ]);
  const second = await ctx.awaitAct('supervision-request', 'criminal.procuratorate-supervision-request', 'end');
  deadlines.settle('supervision-request');
  if (!second || second.action.kind !== 'request-supervision')
    return ctx.returned(second ? '本机关接受复议维持不予立案的决定' : '建议立案监督期限届满未提出');
  ctx.moveTo('awaiting-supervision');
  await record.sync();
  const request = await ctx.desk.call(
    'procuratorate',
    'requestSupervision',
    { caseRef: input.caseNumber, policeReceiptNo: receiptNo, refusalDecisionNo, reasons: second.action.reasons },
    { label: '建议检察院立案监督', idempotencyKey: `${input.caseNumber}:supervision`, callbackRef: input.caseNumber },
  );
  if (!request.ok) return ctx.returned('立案监督建议未能送达检察院');
  record.summarise({
    supervision: { receiptNo: request.result.receiptNo, reasons: second.action.reasons, requestedOn: today() },
  });
  await record.sync();
  const supervised = await ctx.desk.waitFor(isSupervision);
  record.summarise({ supervisionOutcome: { ...supervised!.data, receivedOn: today() } });
  if (supervised!.data.outcome === 'police-ordered-to-file') return handOverExhibits(ctx, '检察院监督后公安机关立案');
  return ctx.returned('检察院立案监督后维持不予立案');
}
