import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { zhCN } from 'zod/v4/locales';
import type { AppEnv } from './context';
import { fieldErrorsFromZod, problemJson } from './problem';
import { errors } from './responses/http';

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

/** @deprecated Name each status a route answers: `...errors(400, 401, 404, 503)` from ./responses/http. */
export const problemResponses = errors(400, 401, 403);
