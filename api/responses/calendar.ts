// The statutory calendar and the legal-basis catalogue (db/calendar-store.ts, domain/legal-basis.ts).
import { z } from '@hono/zod-openapi';

export const CalendarDay = z
  .object({
    date: z.string(),
    working: z.boolean(),
    kind: z.string(),
    provisional: z.boolean(),
    notice: z.string().nullable().openapi({ description: '确定该日状态的通知标题（补充通知改定的日期记入补充通知）' }),
    noticeNumber: z.string().nullable(),
    noticePublished: z.string().nullable(),
    source: z.enum(['notice', 'amendment', 'year-notice', 'law', 'weekday-rule']).openapi({
      description:
        'notice/amendment：该日由（补充）通知列明；year-notice：所在年度通知未列明，按周一至周五；law：通知未载入，《全国年节及纪念日放假办法》第二条规定的节日；' +
        'weekday-rule：通知未载入，按周末暂算',
    }),
  })
  .openapi('CalendarDay');

export const CalendarYear = z
  .object({
    year: z.number().int(),
    version: z.number().int(),
    noticeTitle: z.string(),
    noticeNumber: z.string().nullable(),
    noticePublished: z.string().nullable(),
    loadedBy: z.string(),
    loadedAt: z.string(),
  })
  .openapi('CalendarYear');
export type CalendarYear = z.infer<typeof CalendarYear>;

export const CalendarLoaded = z
  .object({
    version: z.number().int(),
    year: z.number().int(),
    unchanged: z.boolean(),
    workflowsNotified: z.number().int(),
  })
  .openapi('CalendarLoaded');

/** One entry of the legal-basis catalogue: a period (amount and unit), a fixed date, or a step without a period. */
export const LegalBasis = z
  .object({
    id: z.string(),
    law: z.string(),
    article: z.string().nullable(),
    description: z.string(),
    citation: z.string(),
    confirmed: z.boolean().openapi({ description: 'false：可配置的默认值，非条文规定' }),
    configurable: z.boolean().optional(),
    unit: z.enum(['calendar-days', 'working-days', 'months', 'hours', 'fixed-date']).nullable(),
    amount: z.number().nullable(),
    direction: z.enum(['after', 'before']).optional(),
    unitBasis: z.enum(['stated-in-text', 'system-default']).optional(),
    monthDay: z.string().optional().openapi({ description: '固定日期（MM-DD）' }),
  })
  .openapi('LegalBasis');
export type LegalBasis = z.infer<typeof LegalBasis>;
