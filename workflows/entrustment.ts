// Entrusted enforcement (委托执法, policy §十六, §十; domain.md Workflow 2): refusal of what the law forbids
// to entrust → legal review → agency head approval → entrustment letter → published by both sides → in force,
// with expiry reminders, renewal, suspension and revocation by approval, and lapse at the end of the term.
import { allHandlersFinished, condition, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { ENTRUSTMENT_STATUS_LABELS, runningStatus } from '../domain/entrustment';
import { getLegalBasis } from '../domain/legal-basis';
import { entrustmentRefusals } from '../domain/powers';
import { CaseNumber } from '../temporal/search-attributes';
import { AgencyDesk } from './agency/agency-desk';
import { ApprovalEngine } from './approval/engine';
import type { CaseRef } from './approval/types';
import { CaseRecord } from './case/case-record';
import { EntrustmentState } from './entrustment/case-state';
import { EntrustmentContext, LETTER_BASIS, today } from './entrustment/context';
import { registerEntrustmentHandlers } from './entrustment/handlers';
import { changes, lifecycle } from './entrustment/lifecycle';
import { agencyHeadStep, legalReviewStep } from './entrustment/steps';
import type { EntrustmentInput, EntrustmentResult } from './entrustment/types';

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
  const st = new EntrustmentState(input);
  const ctx = new EntrustmentContext(input, st, engine, record, desk, workflowId);
  registerEntrustmentHandlers(ctx);

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
  const decision = await approve(ctx);
  if (decision !== 'approved') {
    st.status = decision;
    await Promise.all([
      ctx.sync(),
      record.close(decision, ENTRUSTMENT_STATUS_LABELS[decision]).sync(),
      ctx.audit('closed', `entrustment.${decision}`, {}),
    ]);
    return { outcome: decision, status: st.status };
  }
  if (!(await issueAndPublish(ctx))) {
    st.status = 'withdrawn';
    await Promise.all([
      ctx.sync(),
      record.close('publication-abandoned', '委托书未公布，委托未生效').sync(),
      ctx.audit('closed', 'entrustment.publication-abandoned', {}),
    ]);
    return { outcome: 'publication-abandoned', status: st.status };
  }
  await activate(ctx);

  await Promise.all([lifecycle(ctx), changes(ctx)]);
  await condition(allHandlersFinished);
  return {
    outcome: st.status === 'revoked' ? 'revoked' : 'lapsed',
    status: st.status,
    letterNumber: st.letter!.number,
    termEnd: st.termEnd,
  };
}

/** Submitted, then legal review (重庆市安全生产条例 Art. 60) and the agency head's decision. */
async function approve(ctx: EntrustmentContext): Promise<'approved' | 'rejected' | 'withdrawn'> {
  const { input, record } = ctx;
  record.summarise({
    agencyName: input.agency.name,
    orgName: input.org.name,
    powers: input.powers.map((p) => p.name),
    territory: input.territory,
    termStart: input.termStart,
    termEnd: input.termEnd,
  });
  await Promise.all([
    ctx.sync(),
    record.sync(),
    ctx.audit(
      'submitted',
      'entrustment.submitted',
      {
        orgId: input.org.id,
        powers: input.powers.map((p) => p.id),
        termStart: input.termStart,
        termEnd: input.termEnd,
      },
      getLegalBasis('entrustment.scope-review').citation,
      input.initiatorId,
    ),
  ]);
  const decision = await ctx.engine.runChain([legalReviewStep, agencyHeadStep(input.agency.id)]);
  return decision.kind;
}

/** The entrustment letter (行政处罚法 Art. 20: 书面委托), published by both sides; false when abandoned. */
async function issueAndPublish(ctx: EntrustmentContext): Promise<boolean> {
  const letter = ctx.st.issueLetter(today());
  ctx.record.stage('publication', '双方公布委托书').summarise({ letterNumber: letter.number });
  await Promise.all([
    ctx.record.sync(),
    ctx.audit(
      'letter-1',
      'entrustment.letter-issued',
      { letterNumber: letter.number, scope: letter.scope, term: letter.term },
      LETTER_BASIS,
    ),
  ]);
  return ctx.publishBoth('letter-1', letter.title, letter.text);
}

/** In force from publication: the letter's number becomes the case number, the term's end its deadline. */
async function activate(ctx: EntrustmentContext): Promise<void> {
  const { st, record } = ctx;
  const letter = st.letter!;
  st.status = runningStatus(st.termEnd, today(), false);
  upsertSearchAttributes([{ key: CaseNumber, value: letter.number }]);
  record.stage(...st.stageOf());
  ctx.termEndDeadline();
  await Promise.all([
    ctx.sync(),
    record.sync(),
    ctx.audit(
      'activated',
      'entrustment.activated',
      { letterNumber: letter.number, publications: st.publications.map((p) => p.receiptNo) },
      LETTER_BASIS,
    ),
  ]);
}
