// Registration, the district's investigation up to the 批复, and the case reported upward.
import { condition } from '@temporalio/workflow';
import { reportingChain } from '../../domain/accident-case';
import { parseIsoDateTime, shanghaiDateOf } from '../../domain/dates';
import { getLegalBasis } from '../../domain/legal-basis';
import type { AccidentContext } from './context';
import { audit, nowIso } from './effects';
import { reportApprovalStep } from './steps';
import type { ReportDocument } from './types';
import { watchInvestigation } from './watches';

/** The reporting chain (Arts. 9–11) and the case as first reported; a warning talk above 一般. */
export async function registerCase(ctx: AccidentContext): Promise<void> {
  const { s, st, input, record } = ctx;
  const { classification, figures } = st.initial;
  s.reportingChain = reportingChain(classification.level, input.occurredAt, ctx.engine.calendar);
  const reportedAt = parseIsoDateTime(input.reportedAt ?? '') ?? Date.now();
  for (const link of s.reportingChain.slice(0, 2)) {
    // The unit's report arrived at reportedAt; the district reports upward as it registers the case.
    const at = link.key === 'unit-report' ? reportedAt : Date.now();
    const dueAt = parseIsoDateTime(link.dueAt)!;
    record.deadline({
      key: link.key,
      label: `${link.from}向${link.to}报告（${link.hours}小时内）`,
      basisId: link.basisId,
      citation: link.citation,
      owedBy: link.from,
      dueDate: shanghaiDateOf(link.dueAt),
      dueAt: new Date(dueAt).toISOString(),
      provisional: false,
      status: at <= dueAt ? 'met' : 'missed',
      metAt: new Date(at).toISOString(),
    });
  }
  await ctx.show();
  await audit(ctx.caseId, 'registered', 'accident.registered', {
    actor: input.initiatorId,
    legalBasis: getLegalBasis('accident.unit-report').citation,
    detail: { level: classification.level, figures, reportingChain: s.reportingChain },
  });
  if (classification.level !== 'general') await ctx.warningTalk(classification, '较大及以上事故');
}

/**
 * Art. 29 → Art. 32: the report within its period, then the 批复; a report not approved is revised.
 * True when approved.
 */
export async function investigate(ctx: AccidentContext): Promise<boolean> {
  const { s, st, engine } = ctx;
  while (s.stage === 'investigation') {
    await watchInvestigation(ctx);
    if (s.stage !== 'investigation') break;
    await ctx.show('in-approval');
    const outcome = await engine.runChain([reportApprovalStep(s.classification)], (resubmission) => {
      const r = resubmission.revision as { document?: ReportDocument } | undefined;
      if (r?.document) s.report = { ...r.document, submittedAt: nowIso() };
    });
    if (outcome.kind === 'approved') {
      st.approved = true;
      break;
    }
    // Not approved: the team revises and submits again.
    s.report = undefined;
    await ctx.show('investigation');
    await audit(ctx.caseId, `report-not-approved:${engine.view.completed.length}`, 'accident.report-not-approved', {
      detail: { outcome: outcome.kind },
    });
  }
  return st.approved;
}

/** Above the district's level: tracked as reported upward until the upper government concludes (Art. 19). */
export async function trackUpward(ctx: AccidentContext): Promise<void> {
  const { s, st, input } = ctx;
  ctx.record.cancelDeadline('investigation-report');
  s.reportingChain = reportingChain(s.classification.level, input.occurredAt, ctx.engine.calendar);
  await ctx.show('reported-upward');
  await audit(ctx.caseId, 'reported-upward', 'accident.reported-upward', {
    legalBasis: getLegalBasis('accident.upward-report').citation,
    detail: { level: s.classification.level, reportingChain: s.reportingChain },
  });
  if (st.initial.classification.level === 'general') await ctx.warningTalk(s.classification, '事故升级为较大及以上');
  await condition(() => s.upwardConclusion !== undefined);
  await ctx.close('reported-upward', '上级政府调查处理完毕');
}
