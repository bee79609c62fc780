// Which agency callbacks the case accepts now; anything else is refused (the API answers 409).
import type { CallbackEvent } from '../../agencies/types';
import type { EnforcementCaseState } from './case-state';

export function callbackRefusal(st: EnforcementCaseState, event: CallbackEvent): string | null {
  if (st.closed) return '案件已办结';
  const ours = (event.data as { receiptNo?: string }).receiptNo === st.court.receiptNo;
  switch (event.type) {
    case 'payment.received':
      return null;
    case 'court.accepted':
    case 'court.refused':
      return st.stage === 'court-acceptance' && ours ? null : `案件当前阶段（${st.stage}）不等待法院受理决定`;
    case 'court.ruling':
      return st.stage === 'court-ruling' && ours ? null : `案件当前阶段（${st.stage}）不等待法院执行裁定`;
    case 'court.executed':
      return st.stage === 'court-execution' && ours ? null : `案件当前阶段（${st.stage}）不等待法院执行结果`;
    default:
      return `强制执行案件不接受 ${event.type} 回调`;
  }
}
