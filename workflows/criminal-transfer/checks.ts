// Synchronous checks of a transfer: which officer act and which agency callback the current stage accepts.
import type { CallbackEvent } from '../agency/types';
import { approvalRefusals, type CaseRef } from '../approval/types';
import { actionsByStage, type CriminalTransferActInput, type CriminalTransferStage } from './types';

export const transferRefusals = { ...approvalRefusals, WRONG_STAGE: 'conflict' } as const;
export type TransferRejection = { code: keyof typeof transferRefusals; message: string } | null;
const no = (code: keyof typeof transferRefusals, message: string): TransferRejection => ({ code, message });

/** Check of the act Update: the rejection (a code and its category) or null. */
export function actProblem(
  stage: CriminalTransferStage,
  caseRef: CaseRef,
  input: CriminalTransferActInput,
  today: string,
  busy: boolean,
): TransferRejection {
  if (!input || typeof input.requestId !== 'string' || !input.requestId || !input.actor?.id || !input.action?.kind)
    return no('INVALID_ACTION', '缺少请求编号、操作人或操作');
  const kind = input.action.kind;
  if (!(actionsByStage[stage] ?? []).includes(kind)) return no('STEP_CLOSED', `案件当前阶段不能办理此操作（${kind}）`);
  if (busy) return no('STEP_CLOSED', '已有一项决定正在办理');
  const { actor } = input;
  if (actor.departmentId !== caseRef.departmentId) return no('NOT_ASSIGNEE', '只有移送机关的人员可以办理');
  const decision = kind !== 'record-exhibits-handover';
  if (decision && !actor.roles.includes('department-head'))
    return no('NOT_ASSIGNEE', '提请复议、建议立案监督或接受不予立案决定须由本机关负责人决定');
  if (!decision && !actor.roles.includes('officer') && !actor.roles.includes('department-head'))
    return no('NOT_ASSIGNEE', '只有执法人员或负责人可以登记移交');
  const action = input.action;
  if ((action.kind === 'request-reconsideration' || action.kind === 'request-supervision') && !action.reasons?.trim())
    return no('COMMENT_REQUIRED', '须写明理由');
  if (action.kind === 'record-exhibits-handover') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(action.handedOverOn ?? ''))
      return no('INVALID_ACTION', '移交日期格式应为 YYYY-MM-DD');
    if (action.handedOverOn > today) return no('INVALID_ACTION', '移交日期不得晚于今天');
    if (!Array.isArray(action.exhibits) || action.exhibits.length === 0)
      return no('INVALID_ACTION', '须列明移交的涉案物品');
  }
  return null;
}

/** A reason to refuse a callback the case does not expect now, or null. */
export function callbackProblem(
  stage: CriminalTransferStage,
  policeReceiptNo: string | undefined,
  event: CallbackEvent,
): string | null {
  const receiptMatches = (receiptNo: string) => policeReceiptNo === undefined || receiptNo === policeReceiptNo;
  switch (event.type) {
    case 'police.filed':
    case 'police.refused':
      if (stage !== 'transferring' && stage !== 'awaiting-police-decision')
        return '案件当前不在等待公安机关立案决定阶段';
      return receiptMatches(event.data.receiptNo) ? null : `受理回执编号 ${event.data.receiptNo} 与本案不符`;
    case 'police.reconsideration-answered':
      if (stage !== 'awaiting-reconsideration') return '案件当前不在等待公安机关复议决定阶段';
      return receiptMatches(event.data.receiptNo) ? null : `受理回执编号 ${event.data.receiptNo} 与本案不符`;
    case 'procuratorate.supervised':
      if (stage !== 'awaiting-supervision') return '案件当前不在检察院立案监督阶段';
      return receiptMatches(event.data.policeReceiptNo)
        ? null
        : `受理回执编号 ${event.data.policeReceiptNo} 与本案不符`;
    default:
      return `移送案件不接受 ${event.type} 回调`;
  }
}
