// Request fields every route shares, each refusing with its rule in Chinese.
import { z } from '@hono/zod-openapi';
import { parseIsoDate } from '../domain/dates';
import { textRuleBroken } from './middleware/input-guard';

/** A real calendar date (2026-02-30 is refused), as YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((v) => parseIsoDate(v) !== null, '不存在的日期');

/**
 * Free text, trimmed; control characters (NUL above all) cannot be stored in PostgreSQL text or jsonb, and a lone
 * UTF-16 surrogate would be stored as U+FFFD, unlike what was hashed or signed. The input guard
 * (api/middleware/input-guard.ts) refuses both in every request; the schema says so for the OpenAPI document too.
 */
export const text = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(max)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, '不得包含控制字符')
    .refine((v) => textRuleBroken(v) !== 'unpaired_surrogate', '不得包含不成对的 UTF-16 代理字符');

/** A case or document number: letters, digits and the brackets of official numbering. */
export const caseNumber = z.string().regex(/^[\p{L}\p{N}〔〕()（）\-_.]{3,60}$/u, '编号含不允许的字符');

/** 统一社会信用代码 (GB 32100-2015). */
export const creditCode = z
  .string()
  .regex(/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/, '统一社会信用代码格式无效');

/** An OpenAPI response that is a problem+json (kept here for existing imports; see ./responses/http). */
export { problem } from './responses/http';
