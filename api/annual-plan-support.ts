// Shared by the annual plan routes: request schemas and pre-checks that answer 4xx before anything changes.
import { z } from '@hono/zod-openapi';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { currentCalendarSnapshot } from '../db/calendar-store';
import { annualPlans, enterprises, planCycles } from '../db/schema';
import { checkPlan, inspectionKinds, type PlanContent } from '../domain/annual-plan';
import { HttpProblem } from './problem';

export const PlanItemSchema = z.object({
  itemId: z.string().trim().min(1).max(40),
  enterpriseId: z.string().trim().min(1).max(40).optional(),
  category: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(inspectionKinds).openapi({ description: 'routine 日常检查 / key 重点检查 / random 双随机抽查' }),
  quarter: z.number().int().min(1).max(4),
  legalBasis: z.string().trim().min(1).max(300),
  plannedDays: z.number().positive().max(366).openapi({ description: '计划占用的执法工作日（人·日）' }),
});

export const PlanContentSchema = z
  .object({
    items: z.array(PlanItemSchema).min(1).max(500),
    enforcementStaff: z.number().int().min(1).max(1000).openapi({ description: '持证执法人员数' }),
    otherDutyDays: z.number().min(0).max(366_000).openapi({ description: '其他工作占用的工作日（人·日）' }),
    note: z.string().max(2000).optional(),
  })
  .openapi('AnnualPlanContent');

export const requestId = z.string().trim().min(8).max(100).openapi({ description: '客户端生成的请求编号（幂等）' });
export const yearParam = z.coerce.number().int().min(2016).max(2100);
export const unitParam = z.string().regex(/^[a-z0-9-]{2,40}$/, '单位编号格式无效');

/** The year must have an open cycle: a plan for a closed (or never opened) year is refused. */
export async function requireOpenYear(db: Db, year: number, field = 'path.year'): Promise<void> {
  const [cycle] = await db.select().from(planCycles).where(eq(planCycles.year, year));
  if (!cycle) throw HttpProblem.unprocessable(field, 'no_cycle', `${year}年度监督检查计划编制周期尚未开启`);
  if (cycle.status === 'closed')
    throw HttpProblem.unprocessable(field, 'year_closed', `${year}年度已结束，不再受理该年度计划的提交或调整`);
}

export async function planOf(db: Db, year: number, unitId: string) {
  const [plan] = await db
    .select()
    .from(annualPlans)
    .where(eq(annualPlans.id, `AP-${year}-${unitId}`));
  if (!plan) throw HttpProblem.notFound(`${year}年度没有单位 ${unitId} 的监督检查计划`);
  return plan;
}

/** Budget, unknown enterprises, duplicates: every problem named by its field, before any Update is sent. */
export async function requireValidPlan(
  db: Db,
  year: number,
  content: PlanContent,
  field = 'body.content',
): Promise<void> {
  const ids = [...new Set(content.items.map((i) => i.enterpriseId).filter((x): x is string => !!x))];
  const known = ids.length
    ? await db.select({ id: enterprises.id }).from(enterprises).where(inArray(enterprises.id, ids))
    : [];
  const problems = checkPlan(await currentCalendarSnapshot(db), year, content, new Set(known.map((k) => k.id)));
  if (problems.length > 0) {
    throw new HttpProblem(
      422,
      '年度监督检查计划不符合要求',
      problems.map((p) => p.message).join('；'),
      problems.map((p) => ({ field: `${field}.${p.field}`, rule: p.rule, message: p.message })),
    );
  }
}
