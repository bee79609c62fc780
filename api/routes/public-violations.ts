import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import { blacklistEntries } from '../../db/schema';
import { blacklistRestrictionLabels, blacklistStatusLabels, type BlacklistRestriction } from '../../domain/blacklist';
import { createRouter } from '../openapi';
import { errors } from '../responses/http';

// §十三: a public query service of safety-violation records, by enterprise name or credit code; no login.
const EntrySchema = z
  .object({
    enterpriseName: z.string(),
    unifiedSocialCreditCode: z.string(),
    reason: z.string(),
    decisionNo: z.string(),
    restrictions: z.array(z.string()),
    startsOn: z.string(),
    endsOn: z.string(),
    listedOn: z.string().nullable(),
    removedOn: z.string().nullable(),
    status: z.enum(['listed', 'removed']),
    statusLabel: z.string(),
  })
  .openapi('PublicBlacklistEntry');

const query = createRoute({
  method: 'get',
  path: '/public/violations',
  tags: ['公开查询'],
  summary: '安全生产违法记录公开查询（黑名单），按企业名称或统一社会信用代码，无需登录',
  request: {
    query: z.object({
      q: z
        .string()
        .trim()
        .min(2, '查询内容至少 2 个字符')
        .max(100)
        .regex(/^[^\u0000-\u001f]*$/, '不得包含控制字符'),
    }),
  },
  responses: {
    200: {
      description: '查询结果',
      content: { 'application/json': { schema: z.object({ query: z.string(), blacklist: z.array(EntrySchema) }) } },
    },
    ...errors(400, 503),
  },
});

/** LIKE wildcards in the query are matched literally. */
const literal = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export const publicViolationsRouter = createRouter().openapi(query, async (c) => {
  const { q } = c.req.valid('query');
  const db = c.get('deps').database.db;
  const rows = await db
    .select()
    .from(blacklistEntries)
    .where(
      and(
        inArray(blacklistEntries.status, ['listed', 'removed']),
        or(eq(blacklistEntries.creditCode, q.toUpperCase()), ilike(blacklistEntries.enterpriseName, `%${literal(q)}%`)),
      ),
    )
    .orderBy(desc(blacklistEntries.listedOn))
    .limit(100);
  const blacklist = rows.map((r) => ({
    enterpriseName: r.enterpriseName,
    unifiedSocialCreditCode: r.creditCode,
    reason: r.reason,
    decisionNo: r.decisionNo,
    restrictions: r.restrictions.map((x) => blacklistRestrictionLabels[x as BlacklistRestriction] ?? x),
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    listedOn: r.listedOn,
    removedOn: r.removedOn,
    status: r.status as 'listed' | 'removed',
    statusLabel: blacklistStatusLabels[r.status],
  }));
  return c.json({ query: q, blacklist }, 200);
});
