// One gate for every request's text before any handler, validator or workflow sees it: control characters and
// unpaired UTF-16 surrogates in the path, the query or any JSON string (key or value) are refused 400 naming the
// field, and a JSON body nested deeper than MAX_JSON_DEPTH is refused before it is parsed.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { FieldError } from '../problem';
import { problemJson } from '../problem';

export const MAX_JSON_DEPTH = 32;

// Text fields may hold tab, line feed and carriage return (a comment has lines); nothing else below U+0020, nor DEL.
const controlInText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// Identifiers in paths and queries hold no control character at all.
const controlInParam = /[\u0000-\u001f\u007f]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The rule a string breaks, or undefined; `param` for path and query values, which may not hold line breaks. */
export function textRuleBroken(value: string, param = false): FieldError['rule'] | undefined {
  if ((param ? controlInParam : controlInText).test(value)) return 'control_character';
  if (loneSurrogate.test(value)) return 'unpaired_surrogate';
  return undefined;
}

const messages: Record<string, string> = {
  control_character: '不得包含控制字符（如 NUL）',
  unpaired_surrogate: '不得包含不成对的 UTF-16 代理字符',
  invalid_encoding: '百分号编码无效',
  max_depth: `JSON 嵌套不得超过 ${MAX_JSON_DEPTH} 层`,
};

const fieldError = (field: string, rule: string): FieldError => ({ field, rule, message: messages[rule] ?? rule });

/** The deepest nesting of arrays and objects in JSON text, counted without parsing (strings skipped). */
export function jsonDepth(raw: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (inString) {
      if (ch === 92)
        i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) max = Math.max(max, ++depth);
    else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}

/** Every string in a parsed JSON value (keys too) that breaks a rule, as field errors with the JSON path. */
export function jsonTextErrors(value: unknown, path = 'body', out: FieldError[] = []): FieldError[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    const rule = textRuleBroken(value);
    if (rule) out.push(fieldError(path, rule));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => jsonTextErrors(v, `${path}.${i}`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const keyRule = textRuleBroken(k);
      if (keyRule) out.push(fieldError(`${path}.${k.replace(/[^\w-]/g, '?')}`, keyRule));
      jsonTextErrors(v, `${path}.${k}`, out);
    }
  }
  return out;
}

function decoded(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** The route's path parameters, decoded value → name, from every handler the router matched. */
function pathParamNames(c: Context): Map<string, string> {
  const names = new Map<string, string>();
  const saved = c.req.routeIndex;
  try {
    for (let i = 0; i < matchedRoutes(c).length; i++) {
      c.req.routeIndex = i;
      for (const [name, value] of Object.entries(c.req.param() as Record<string, string>)) names.set(value, name);
    }
  } finally {
    c.req.routeIndex = saved;
  }
  return names;
}

function paramErrors(c: Context): FieldError[] {
  const errors: FieldError[] = [];
  const url = new URL(c.req.url);
  const names = pathParamNames(c);
  url.pathname.split('/').forEach((segment, i) => {
    if (!segment) return;
    const text = decoded(segment);
    const field = `path.${(text !== undefined && names.get(text)) || names.get(segment) || String(i)}`;
    if (text === undefined) return errors.push(fieldError(field, 'invalid_encoding'));
    const rule = textRuleBroken(text, true);
    if (rule) errors.push(fieldError(field, rule));
  });
  for (const pair of url.search.slice(1).split('&')) {
    if (!pair) continue;
    const [rawKey = '', rawValue = ''] = pair.split(/=(.*)/s);
    const key = decoded(rawKey.replaceAll('+', ' '));
    const value = decoded(rawValue.replaceAll('+', ' '));
    const field = `query.${key && !textRuleBroken(key, true) ? key : '?'}`;
    if (key === undefined || value === undefined) errors.push(fieldError(field, 'invalid_encoding'));
    else {
      const rule = textRuleBroken(key, true) ?? textRuleBroken(value, true);
      if (rule) errors.push(fieldError(field, rule));
    }
  }
  return errors;
}

async function bodyErrors(c: Context): Promise<FieldError[]> {
  // JSON, or a body that does not say what it is (a callback, a script): forms are the console's, checked by the API.
  const type = c.req.header('content-type') ?? '';
  if (type && !/json|text\/plain/i.test(type)) return [];
  const raw = await c.req.text();
  if (jsonDepth(raw) > MAX_JSON_DEPTH) return [fieldError('body', 'max_depth')];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return []; // the route's validator answers invalid JSON itself
  }
  return jsonTextErrors(parsed);
}

/** Refuses hostile text at the boundary with 400 problem+json naming each field and the rule it broke. */
export function inputGuard(): MiddlewareHandler {
  return async (c, next) => {
    const errors = paramErrors(c);
    if (errors.length === 0 && c.req.method !== 'GET' && c.req.method !== 'HEAD') errors.push(...(await bodyErrors(c)));
    if (errors.length > 0)
      return problemJson(c, {
        status: 400,
        title: '请求参数无效',
        detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      });
    await next();
  };
}
