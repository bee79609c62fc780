// After the 批复: follow-up (一票否决, warning talks, crimes flagged), copies to the supervising departments,
// the redaction review, publication of the report (Art. 34) and of the closure evaluation.
import { condition } from '@temporalio/workflow';
import { needsWarningTalk } from '../../domain/accident-case';
import { addDays } from '../../domain/dates';
import { deadlineFor, getLegalBasis } from '../../domain/legal-basis';
import { heads, today, type AccidentContext } from './context';
import { acts, audit, notify, nowIso } from './effects';
import { redactionReviewStep } from './steps';
import { watchAfterApproval } from './watches';

/** §八 一票否决, §九 warning talks for repeated accidents, §十二 suspected crimes flagged for transfer. */
export async function followUp(ctx: AccidentContext): Promise<void> {
  const { s, input, caseId } = ctx;
  const year = Number(ctx.occurredDate.slice(0, 4));
  const units = s.handling.responsibleUnits.length
    ? s.handling.responsibleUnits
    : [{ name: input.enterprise.name, creditCode: input.enterprise.unifiedSocialCreditCode }];
  await acts.recordVetoFlags({ year, caseNumber: caseId, units, at: nowIso() });
  const before = new Date(Date.now()).toISOString();
  const since = `${addDays(today(), -365)}T00:00:00+08:00`;
  const prior = await acts.countPriorAccidents({
    creditCode: input.enterprise.unifiedSocialCreditCode,
    workflowId: ctx.workflowId,
    since,
    before,
  });
  if (needsWarningTalk(s.classification.level, prior))
    await ctx.warningTalk(s.classification, `一年内发生${prior + 1}起事故`);
  if (s.handling.suspectedCrimes.length)
    await audit(caseId, 'criminal-transfer-flagged', 'accident.criminal-transfer-flagged', {
      legalBasis: getLegalBasis('criminal.transfer').citation,
      detail: { suspects: s.handling.suspectedCrimes },
    });
  await audit(caseId, 'veto-flagged', 'accident.veto-flagged', {
    detail: { year, units: units.map((u) => u.name), penalties: s.handling.penalties },
  });
}

/** 重庆市安全生产条例 Art. 46: the report and the 批复 go to each department with supervisory duties. */
export async function copyReport(ctx: AccidentContext): Promise<void> {
  const { s, input, caseId } = ctx;
  const names = await acts.departmentNames(input.supervisoryDepartmentIds);
  for (const d of input.supervisoryDepartmentIds) s.copies[d] = { name: names[d] ?? d };
  await Promise.all(
    input.supervisoryDepartmentIds.map((d) =>
      notify(
        { ...heads, departmentId: d },
        input.departmentId,
        `copy:${d}`,
        'accident.report-copied',
        { caseId, caseTitle: ctx.title, report: s.report!.title, approvedOn: s.approvedOn! },
        today(),
      ),
    ),
  );
  await audit(caseId, 'copied', 'accident.copied', {
    legalBasis: getLegalBasis('accident.copy-to-departments').citation,
    detail: { departments: input.supervisoryDepartmentIds },
  });
}

/** The deadlines counted from the 批复: publication, each copy's receipt, the closure evaluation. */
export function watchFollowUpDeadlines(ctx: AccidentContext): Promise<void>[] {
  const { s, engine, input } = ctx;
  const from = (basisId: 'accident.copy-to-departments' | 'accident.closure-evaluation') => () =>
    deadlineFor(engine.calendar, s.approvedOn!, basisId).due;
  return [
    watchAfterApproval(
      ctx,
      'publication',
      `向社会公开事故调查报告（批复后${ctx.publicationDays}个工作日内，默认期限，可配置）`,
      'accident.publication',
      '区应急管理局',
      () => deadlineFor(engine.calendar, s.approvedOn!, 'accident.publication', { amount: ctx.publicationDays }).due,
      () => s.publication !== undefined,
    ),
    ...input.supervisoryDepartmentIds.map((d) =>
      watchAfterApproval(
        ctx,
        `copy:${d}`,
        `${s.copies[d]!.name}签收事故调查报告及批复`,
        'accident.copy-to-departments',
        s.copies[d]!.name,
        from('accident.copy-to-departments'),
        () => s.copies[d]!.receivedAt !== undefined,
        d,
      ),
    ),
    watchAfterApproval(
      ctx,
      'closure-evaluation',
      '整改及防范措施落实情况评估（结案评估）',
      'accident.closure-evaluation',
      '区应急管理局',
      from('accident.closure-evaluation'),
      () => s.evaluation?.publishedAt !== undefined,
    ),
  ];
}

/** Before publication a legal reviewer marks what must be removed; returned reviews go round again. */
export async function reviewRedactions(ctx: AccidentContext): Promise<void> {
  const { s } = ctx;
  for (;;) {
    const review = await ctx.engine.runChain([redactionReviewStep], (resubmission) => {
      const r = resubmission.revision as { redactions?: string } | undefined;
      if (r?.redactions) s.redactions = r.redactions;
    });
    if (review.kind === 'approved') {
      const decision = review.steps[0]!.decisions.find((d) => d.action === 'approve');
      s.redactions = decision?.comment ?? s.redactions;
      return;
    }
  }
}

function publishedReportRow(ctx: AccidentContext) {
  const { s, input } = ctx;
  return {
    caseNumber: ctx.caseId,
    workflowId: ctx.workflowId,
    title: s.report!.title,
    level: s.classification.level,
    levelName: s.classification.nameZh,
    enterpriseName: input.enterprise.name,
    occurredOn: ctx.occurredDate,
    approvedOn: s.approvedOn!,
    legalBasis: getLegalBasis('accident.publication').citation,
  };
}

/** Art. 34: published once the office asks, after the review; an abandoned publication waits for another request. */
export async function publishReport(ctx: AccidentContext): Promise<void> {
  const { s } = ctx;
  while (!s.publication) {
    await condition(() => s.publishRequested);
    const published = await ctx.publish(
      'publication',
      '公开事故调查报告',
      `${s.report!.title}（${s.report!.documentNo}）`,
      publicationContent(ctx),
    );
    if (!published) {
      s.publishRequested = false;
      continue;
    }
    s.publication = published;
    await acts.projectPublishedReport({
      ...publishedReportRow(ctx),
      publishedAt: published.publishedAt,
      documentUrl: published.documentUrl,
      receiptNo: published.receiptNo,
    });
    await audit(ctx.caseId, 'published', 'accident.published', {
      legalBasis: getLegalBasis('accident.publication').citation,
      detail: published,
    });
  }
}

/** The closure evaluation, published when submitted; an abandoned publication waits for a new submission. */
export async function publishEvaluation(ctx: AccidentContext): Promise<void> {
  const { s } = ctx;
  while (!s.evaluation?.publishedAt) {
    await condition(() => s.evaluation !== undefined);
    const e = s.evaluation!;
    const published = await ctx.publish(
      'evaluation',
      '公开结案评估结果',
      `${e.title}（${e.documentNo}）`,
      `${e.title}\n评估结论：${e.conclusion}\n依据：${getLegalBasis('accident.closure-evaluation').citation}`,
    );
    if (!published) {
      s.evaluation = undefined;
      continue;
    }
    Object.assign(e, { publishedAt: published.publishedAt, documentUrl: published.documentUrl });
    await acts.projectPublishedReport({
      ...publishedReportRow(ctx),
      publishedAt: s.publication!.publishedAt,
      documentUrl: s.publication!.documentUrl,
      receiptNo: s.publication!.receiptNo,
      evaluationPublishedAt: published.publishedAt,
      evaluationUrl: published.documentUrl,
    });
    await audit(ctx.caseId, 'evaluation-published', 'accident.evaluation-published', {
      legalBasis: getLegalBasis('accident.closure-evaluation').citation,
      detail: published,
    });
  }
}

function publicationContent(ctx: AccidentContext): string {
  const { s, input } = ctx;
  const r = s.report!;
  return [
    `${r.title}（${r.documentNo}）`,
    `事故等级：${s.classification.nameZh}；发生时间：${input.occurredAt}；地点：${input.place}`,
    `区政府批复日期：${s.approvedOn}`,
    `公开前保密审查：${s.redactions ?? '无需删除内容'}`,
    `依据：${getLegalBasis('accident.publication').citation}`,
  ].join('\n');
}
