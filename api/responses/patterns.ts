// OpenAPI 3.1 `pattern`s are JSON Schema patterns: ECMA-262 regular expressions written without delimiters or
// flags. The generator writes a zod regex as `RegExp#toString()` minus the leading slash, so a `u` flag leaks
// in as a trailing `/u` (`^[\p{L}\p{N}〔〕…]{3,60}$/u`), and a client compiling it then demands a literal "/u"
// after the end anchor, refusing every valid case number.
//
// The representation chosen: the regex source alone, `\p{L}` kept. JSON Schema validators (Ajv and others) and
// clients generated from this document compile patterns with Unicode semantics, i.e. `new RegExp(pattern, 'u')`,
// which is what `\p{L}` needs; every pattern here is also valid in that mode. No flag other than `u` may be
// used in a request schema: `i`, `m`, `s` would change the meaning and cannot be expressed in a pattern.
const leakedFlags = /(?<!\\)\/([dgimsuvy]+)$/;

/** The pattern as JSON Schema means it; throws for a flag that a flagless pattern cannot carry. */
export function jsonSchemaPattern(pattern: string): string {
  const flags = leakedFlags.exec(pattern)?.[1];
  if (flags === undefined) return pattern;
  const unsupported = flags.replace('u', '');
  if (unsupported)
    throw new Error(`OpenAPI pattern ${pattern} uses regex flags "${unsupported}" a pattern cannot carry`);
  return pattern.slice(0, -flags.length - 1);
}

/** Rewrites every `pattern` in a generated OpenAPI document (in place) to its flagless JSON Schema form. */
export function withJsonSchemaPatterns<T>(doc: T): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const [key, value] of Object.entries(record)) {
        if (key === 'pattern' && typeof value === 'string') record[key] = jsonSchemaPattern(value);
        else visit(value);
      }
    }
  };
  visit(doc);
  return doc;
}
