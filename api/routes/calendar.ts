import { createRoute, z } from '@hono/zod-openapi';
import { dayStatus } from '../../domain/calendar';
import { addDays, daysBetween } from '../../domain/dates';
import { computeDeadline, type PeriodUnit } from '../../domain/periods';
import { deadlineFor, getLegalBasis, isLegalBasisId, legalBases } from '../../domain/legal-basis';
import { desc } from 'drizzle-orm';
import { calendarYearsLoaded, currentCalendarSnapshot, loadCalendarYear } from '../../db/calendar-store';
import { calendarVersions } from '../../db/schema';
import { calendarProvenance } from '../../domain/calendar-provenance';
import { statutoryHolidayOn } from '../../domain/statutory-holidays';
import { propagateCalendar } from '../../temporal/calendar-propagation';
import { requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { CalendarDay, CalendarLoaded, CalendarYear, LegalBasis } from '../responses/calendar';
import { errors, ok, problem } from '../responses/http';
import { isoDate } from '../schemas';

const DeadlineSchema = z
  .object({
    due: z.string(),
    unit: z.string(),
    amount: z.number(),
    provisional: z.boolean().openapi({ description: '所在年度的放假通知尚未载入（仅按周末计算），载入后将重新计算' }),
    calendarVersion: z.number().int(),
    basis: z.object({ id: z.string(), citation: z.string(), description: z.string() }).nullable(),
  })
  .openapi('Deadline');

const deadline = createRoute({
  method: 'get',
  path: '/calendar/deadline',
  tags: ['法定日历'],
  summary: '按法律依据或显式期间计算期限届满日',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      from: isoDate.openapi({ description: '起算日（当日不计入）', example: '2026-09-28' }),
      basis: z
        .string()
        .max(80)
        .optional()
        .openapi({ description: '法律依据编号，如 enforcement.payment', example: 'enforcement.demand-wait' }),
      amount: z.coerce.number().int('期间必须为整数').positive('期间必须为正数').max(1200).optional(),
      unit: z.enum(['calendar-days', 'working-days', 'months']).optional(),
    }),
  },
  responses: {
    200: { description: '期限', content: { 'application/json': { schema: DeadlineSchema } } },
    ...errors(400, 401, 503),
  },
});

const days = createRoute({
  method: 'get',
  path: '/calendar/days',
  tags: ['法定日历'],
  summary: '区间内每日的工作日/休息日状态及其依据通知',
  security: [{ bearer: [] }],
  request: { query: z.object({ from: isoDate, to: isoDate }) },
  responses: {
    200: ok(z.array(CalendarDay), '逐日状态'),
    ...errors(400, 401, 503),
  },
});

const years = createRoute({
  method: 'get',
  path: '/calendar/years',
  tags: ['法定日历'],
  summary: '已载入的年度放假通知',
  security: [{ bearer: [] }],
  responses: {
    200: ok(z.array(CalendarYear), '年度列表'),
    ...errors(401, 503),
  },
});

const load = createRoute({
  method: 'post',
  path: '/calendar/years',
  tags: ['法定日历'],
  summary: '载入新一年度的国务院办公厅放假通知（管理员）',
  security: [{ bearer: [] }],
  middleware: [requireRole('admin')] as const,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({})
            .passthrough()
            .openapi({ description: '年度日历文件（见 domain/calendar-data/2026.json）' }),
        },
      },
    },
  },
  responses: {
    201: ok(CalendarLoaded, '已载入，生成新的日历版本'),
    ...errors(400, 401, 403, 413, 503),
    422: problem('文件有误，整体拒绝，原版本继续有效'),
  },
});

const catalogue = createRoute({
  method: 'get',
  path: '/legal-bases',
  tags: ['法定日历'],
  summary: '法律依据目录：各环节的期间、单位与条文',
  security: [{ bearer: [] }],
  responses: {
    200: ok(z.array(LegalBasis), '目录'),
    ...errors(401, 503),
  },
});

export const calendarRouter = createRouter()
  .openapi(deadline, async (c) => {
    const q = c.req.valid('query');
    const snapshot = await currentCalendarSnapshot(c.get('deps').database.db);
    if (q.basis !== undefined) {
      if (!isLegalBasisId(q.basis))
        throw HttpProblem.badRequest('query.basis', 'unknown_basis', `未知的法律依据编号 ${q.basis}`);
      const basis = getLegalBasis(q.basis);
      if (basis.unit === null)
        throw HttpProblem.badRequest('query.basis', 'no_period', `法律依据 ${q.basis} 未规定期间`);
      const d = deadlineFor(snapshot, q.from, q.basis);
      return c.json(
        {
          due: d.due,
          unit: d.unit,
          amount: d.amount,
          provisional: d.provisional,
          calendarVersion: d.calendarVersion,
          basis: { id: basis.id, citation: basis.citation, description: basis.description },
        },
        200,
      );
    }
    if (q.amount === undefined)
      throw HttpProblem.badRequest('query.amount', 'required', '必须提供 basis，或同时提供 amount 与 unit');
    if (q.unit === undefined) throw HttpProblem.badRequest('query.unit', 'required', '提供 amount 时必须提供 unit');
    const d = computeDeadline(snapshot, q.from, q.amount, q.unit as PeriodUnit);
    return c.json({ ...d, basis: null }, 200);
  })
  .openapi(days, async (c) => {
    const { from, to } = c.req.valid('query');
    const span = daysBetween(from, to);
    if (span < 0) throw HttpProblem.badRequest('query.to', 'reversed_range', '结束日期早于开始日期');
    if (span > 5 * 366) throw HttpProblem.badRequest('query.to', 'range_too_long', '区间不得超过 5 年');
    const db = c.get('deps').database.db;
    // The newest file of every loaded year: a date is credited to the notice (or amendment) that set it, which
    // may be next year's notice (a reach-back into December) or a later notice changing the year.
    const [snapshot, files] = await Promise.all([
      currentCalendarSnapshot(db),
      db
        .selectDistinctOn([calendarVersions.year], { file: calendarVersions.file })
        .from(calendarVersions)
        .orderBy(calendarVersions.year, desc(calendarVersions.version)),
    ]);
    const years = files.map((f) => f.file);
    const setBy = calendarProvenance(years);
    const byYear = new Map(years.map((y) => [y.year, y.notice]));
    const out = [];
    for (let i = 0; i <= span; i++) {
      const date = addDays(from, i);
      const s = dayStatus(snapshot, date);
      const set = setBy.get(date);
      const yearNotice = byYear.get(Number(date.slice(0, 4)));
      const notice = set?.notice ?? yearNotice ?? null;
      const source = set
        ? set.amendment
          ? 'amendment'
          : 'notice'
        : yearNotice
          ? 'year-notice'
          : statutoryHolidayOn(date)
            ? 'law'
            : 'weekday-rule';
      out.push({
        ...s,
        notice: notice?.title ?? null,
        noticeNumber: notice?.number ?? null,
        noticePublished: notice?.published ?? null,
        source,
      } as const);
    }
    return c.json(out, 200);
  })
  .openapi(years, async (c) => c.json(await calendarYearsLoaded(c.get('deps').database.db), 200))
  .openapi(load, async (c) => {
    const { database, temporal } = c.get('deps');
    const user = c.get('user');
    const result = await loadCalendarYear(database.db, c.req.valid('json'), user.id);
    if (!result.ok) {
      throw new HttpProblem(
        422,
        '日历文件有误，未载入',
        result.errors.map((e) => `${e.line ? `第${e.line}行 ` : ''}${e.path}: ${e.message}`).join('; '),
        result.errors.map((e) => ({
          field: `body.${e.path}`,
          rule: e.rule,
          message: e.line ? `第${e.line}行: ${e.message}` : e.message,
        })),
      );
    }
    // Also on an unchanged file: propagation is idempotent and repairs a load whose signals did not all arrive.
    const workflowsNotified = await propagateCalendar(temporal, await currentCalendarSnapshot(database.db));
    return c.json({ version: result.version, year: result.year, unchanged: result.unchanged, workflowsNotified }, 201);
  })
  .openapi(catalogue, (c) => c.json([...legalBases], 200));
