// After approval: filing (备案) and publication of each approved version, quarterly tracking of the
// inspections, and amendments approved and re-filed, until the plan year ends.
import { condition, sleep } from '@temporalio/workflow';
import { diffPlans, quarterEnd, quarterlyProgress } from '../../domain/annual-plan';
import { addDays } from '../../domain/dates';
import { endOfDay, shanghaiMidnight } from '../approval/deadline';
import { acts, executionBasis, now, today, type PlanContext } from './context';

const filingTask = { departmentId: 'aqb', roles: ['safety-office' as const] };

/** 备案 with the 安委办 (receipt recorded by its staff) and the upper-level authority, and publication. */
export async function fileAndPublish(ctx: PlanContext): Promise<void> {
  const { st, input, planId, title, desk } = ctx;
  const { unit, year } = input;
  const approvedOn = today();
  st.awaitingFilingFor = st.planVersion;
  const key = `${planId}:v${st.planVersion}`;
  await ctx.task(`safety-office-filing#${st.planVersion}`, '年度监督检查计划备案登记', filingTask, true);
  const upper =
    unit.approver.kind === 'district'
      ? desk.call(
          'upperAuthority',
          'filePlan',
          { caseRef: planId, planYear: year, department: unit.name, title, approvedOn, document: { title } },
          { label: '向上级行业主管部门备案', idempotencyKey: `${key}:upper-filing` },
        )
      : Promise.resolve(undefined);
  const published = desk.call(
    'disclosurePortal',
    'publish',
    {
      caseRef: planId,
      title: st.planVersion > 1 ? `${title}（第${st.planVersion - 1}次调整）` : title,
      category: 'other',
      issuedBy: unit.name,
      content: (st.content?.items ?? [])
        .map((i) => `${i.itemId} ${i.enterpriseId ?? i.category} 第${i.quarter}季度`)
        .join('；'),
    },
    { label: '公开年度监督检查计划', idempotencyKey: `${key}:publication`, callbackRef: planId },
  );
  const [u, p] = await Promise.all([upper, published]);
  if (u?.ok) st.receipts.upperAuthority = u.result.receiptNo;
  if (p.ok) Object.assign(st.receipts, { publication: p.result.receiptNo, publicationUrl: p.result.documentUrl });
  await Promise.all([
    ctx.project(),
    ctx.audit(`gateway-filing:v${st.planVersion}`, 'system', 'plan.filed-upper-authority', {
      upperAuthority: st.receipts.upperAuthority ?? null,
      publication: st.receipts.publication ?? null,
    }),
  ]);
  await condition(() => st.filingReceiptFor === st.planVersion);
  await ctx.task(`safety-office-filing#${st.planVersion}`, '年度监督检查计划备案登记', filingTask, false);
  st.times.filedAt = now();
}

/** Quarterly tracking (09:00 the day after each quarter ends); a unit behind schedule is notified. */
export async function trackQuarters(ctx: PlanContext): Promise<void> {
  const { st, input, record } = ctx;
  const { year, unit } = input;
  const yearEnd = endOfDay(`${year}-12-31`);
  const checks = [1, 2, 3, 4]
    .map((q) => ({ quarter: q, at: shanghaiMidnight(addDays(quarterEnd(year, q), 1)) + 9 * 3_600_000 }))
    .filter((c) => c.at > Date.now() && c.at <= yearEnd + 9 * 3_600_000);
  for (const check of checks) {
    await sleep(Math.max(check.at - Date.now(), 1));
    const progress = quarterlyProgress(
      st.content!.items,
      [...st.executions.values()].map((e) => ({
        itemId: e.itemId,
        onSitePlanOn: e.onSitePlan?.preparedOn,
        completedOn: e.completedOn,
      })),
    )[check.quarter - 1]!;
    record.summarise({ [`q${check.quarter}`]: progress });
    if (progress.behind)
      await acts.notifyBehindSchedule({
        planId: ctx.planId,
        workflowId: ctx.workflowId,
        departmentId: unit.id,
        year,
        progress,
        at: now(),
        legalBasis: executionBasis,
      });
    await record.sync();
  }
}

/** Amendments, one at a time until the year ends: approved ones become the plan and are filed again. */
export async function handleAmendments(ctx: PlanContext): Promise<void> {
  const { st, input } = ctx;
  const yearEnd = endOfDay(`${input.year}-12-31`);
  for (;;) {
    const pending = () => st.amendments.find((a) => a.status === 'in-approval');
    const woke = await condition(() => pending() !== undefined, Math.max(yearEnd - Date.now(), 1));
    if (!woke) return;
    const amendment = pending()!;
    const requestedAt = now();
    const diff = diffPlans(st.content!, amendment.content);
    ctx.caseRef.initiatorId = amendment.requestedBy;
    st.stage = 'amending';
    const row = {
      planId: ctx.planId,
      seq: amendment.seq,
      reason: amendment.reason,
      requestedBy: amendment.requestedBy,
      diff,
      requestedAt,
    };
    await Promise.all([ctx.project(), acts.recordAmendment({ ...row, status: 'in-approval' })]);
    const approved = await ctx.approve(true);
    amendment.status = approved ? 'approved' : 'rejected';
    await acts.recordAmendment({ ...row, status: amendment.status, decidedAt: now() });
    if (approved) {
      st.content = amendment.content;
      st.planVersion++;
      st.stage = 'approved';
      await fileAndPublish(ctx);
      await ctx.syncExecutions();
    }
    st.stage = 'filed';
    await ctx.project();
  }
}
