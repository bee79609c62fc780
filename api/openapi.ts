import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { zhCN } from 'zod/v4/locales';
import type { AppEnv } from './context';
import { fieldErrorsFromZod, problemJson } from './problem';
import { problem } from './schemas';

// Validation messages in Simplified Chinese for every route.
z.config(zhCN());

/** Every router is created here so that invalid input is answered the same way everywhere. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = fieldErrorsFromZod(result.error, result.target);
        return problemJson(c, {
          status: 400,
          title: '请求参数无效',
          detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
          errors,
        });
      }
    },
  });
}

export const problemResponses = {
  400: problem('请求参数无效'),
  401: problem('未登录或令牌无效'),
  403: problem('无权执行此操作'),
} as const;
