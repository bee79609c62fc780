// 双随机一公开 draws (db/schema/annual-plan.ts random_draws, domain/random-draw.ts) as the API answers them.
import { z } from '@hono/zod-openapi';

export const DrawAssignment = z
  .object({
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    mode: z.enum(['full-coverage', 'sampled']).openapi({ description: '重点行业全覆盖，或随机抽取' }),
    inspectorIds: z.array(z.string()),
  })
  .openapi('DrawAssignment');

const pair = z.object({ inspectorId: z.string(), enterpriseId: z.string() });

const PublishedResult = z.object({
  enterpriseId: z.string(),
  decisionDate: z.string(),
  penalty: z.boolean(),
  summary: z.string(),
  dueDate: z.string().openapi({ description: '公开期限：处罚决定 7 个工作日，其他 20 个工作日' }),
  receiptNo: z.string().optional(),
  publishedOn: z.string().optional(),
  onTime: z.boolean().optional(),
});

export const DrawPublication = z
  .object({ listReceipt: z.string().optional(), listUrl: z.string().optional(), results: z.array(PublishedResult) })
  .openapi('DrawPublication');
export type DrawPublication = z.infer<typeof DrawPublication>;

/** A draw as stored: the lists fixed when the seed's hash was committed, then the seed and the result. */
export const RandomDraw = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    itemId: z.string(),
    seedHash: z.string(),
    seed: z.string().nullable(),
    targetCount: z.number().int(),
    inspectorsPerTarget: z.number().int(),
    keySectors: z.array(z.string()),
    status: z.enum(['committed', 'drawn']),
    enterprises: z
      .array(z.object({ id: z.string(), name: z.string(), creditCode: z.string(), sector: z.string() }))
      .nullable(),
    inspectors: z.array(z.object({ id: z.string(), name: z.string(), departmentId: z.string() })).nullable(),
    links: z.array(pair).nullable().openapi({ description: '回避：与企业有关联的执法人员' }),
    previous: z.array(pair).nullable().openapi({ description: '上一次抽查的人员与企业组合（避免重复）' }),
    assignments: z.array(DrawAssignment).nullable(),
    algorithm: z.string(),
    createdBy: z.string(),
    committedAt: z.string(),
    drawnAt: z.string().nullable().optional(),
    publishDue: z.string().nullable().optional(),
    publication: DrawPublication.nullable().optional(),
  })
  .openapi('RandomDraw');
export type RandomDraw = z.infer<typeof RandomDraw>;

export const RandomDrawSummary = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    itemId: z.string(),
    status: z.enum(['committed', 'drawn']),
    seedHash: z.string(),
    seed: z.string().nullable(),
    targetCount: z.number().int(),
    committedAt: z.string(),
    drawnAt: z.string().nullable(),
    publishDue: z.string().nullable(),
  })
  .openapi('RandomDrawSummary');

export const RandomInspectionItem = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    name: z.string(),
    sector: z.string(),
    legalBasis: z.string(),
    publishedOn: z.string(),
  })
  .openapi('RandomInspectionItem');

export const DrawVerification = z
  .object({
    id: z.string(),
    algorithm: z.string(),
    seedHash: z.string(),
    seed: z.string(),
    seedMatches: z.boolean(),
    resultMatches: z.boolean(),
    assignments: z.array(DrawAssignment),
  })
  .openapi('DrawVerification');
