// Transfer of a suspected crime (涉嫌犯罪案件移送, §十二; 国务院令第310号): officers' report → head's decision
// (3 days) → transfer to public security within 24 hours, copied to the procuratorate → police decision
// (3 days) → reconsideration and procuratorate supervision (3 + 3 + 3 days) → filed, or administrative handling.
import { workflowInfo } from '@temporalio/workflow';
import { AgencyDesk } from './agency/agency-desk';
import { ApprovalEngine } from './approval/engine';
import type { CaseRef } from './approval/types';
import { CaseRecord } from './case/case-record';
import { registerTransferHandlers, TransferContext } from './criminal-transfer/context';
import { TransferDeadlines } from './criminal-transfer/deadlines';
import { reconsider } from './criminal-transfer/challenge';
import { handOverExhibits, headStep, policeDecision, report, transfer } from './criminal-transfer/procedure';
import { TransferState } from './criminal-transfer/transfer-state';
import {
  criminalTransferStageLabels,
  type CriminalTransferInput,
  type CriminalTransferResult,
} from './criminal-transfer/types';

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
  const st = new TransferState(caseRef);
  const engine = new ApprovalEngine(caseRef);
  const desk = new AgencyDesk(caseRef, (event) => st.checkCallback(event));
  const record = new CaseRecord({
    kind: 'criminal-transfer',
    caseNumber: input.caseNumber,
    title: input.title,
    departmentId: input.departmentId,
    stage: st.stage,
    stageLabel: criminalTransferStageLabels[st.stage],
  });
  registerTransferHandlers(st);
  await engine.start();
  const deadlines = new TransferDeadlines(record, engine);
  const ctx = new TransferContext(input, st, caseRef, engine, record, desk, deadlines);

  // Art. 5: the written report reaches the principal head, who decides within 3 days.
  await report(ctx);
  const chain = await engine.runChain([headStep(input)]);
  deadlines.settle('head-decision');
  if (chain.kind !== 'approved') {
    const refused = chain.kind === 'rejected';
    return ctx.close(
      refused ? 'not-approved' : 'withdrawn',
      refused ? '不批准移送' : '已撤回',
      'criminal.head-decision',
      `${refused ? '负责人不批准移送' : '移送报告已撤回'}，由本机关依法作出行政处理`,
    );
  }

  const sent = await transfer(
    ctx,
    chain.steps[0]!.decisions.find((d) => d.action === 'approve'),
  );
  if ('abandoned' in sent) return sent.abandoned;
  const decision = await policeDecision(ctx);
  if (decision.type === 'police.filed') return handOverExhibits(ctx, '公安机关决定立案');
  return reconsider(ctx, sent.receiptNo, decision);
}
