// The layers' boundaries, read from the import statements: data flows one way (README, Architecture). The
// console reads through the API or the case desk, the data layer knows nothing of HTTP or workflows, activities
// share only types with workflow code, and workflows refuse in domain terms, never with an HTTP status.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

/** Every .ts/.tsx file under `dir`, with its text (comments removed, so a comment may name anything). */
function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(new URL(`${dir}/`, root), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('node_modules'))
    .map((f) => ({
      file: `${dir}/${f}`,
      text: readFileSync(new URL(`${dir}/${f}`, root), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, ''),
    }));
}

/** The modules a file imports (or re-exports from), with whether the import is type-only. */
function importsOf(text: string): Array<{ from: string; typeOnly: boolean }> {
  const found: Array<{ from: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
    const names = m[3] ?? '';
    const everyNameTyped =
      /^\{[^}]*\}$/.test(names) &&
      names
        .slice(1, -1)
        .split(',')
        .every((n) => /^\s*(type\s|$)/.test(n));
    found.push({ from: m[4]!, typeOnly: Boolean(m[2]) || everyNameTyped });
  }
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ from: m[1]!, typeOnly: false });
  return found;
}

/** The files of `dir` that import a module under one of `layers` (by a relative path). */
function crossings(dir: string, layers: string[], valuesOnly = false): string[] {
  const into = new RegExp(`^(\\.\\./)+(${layers.join('|')})/`);
  return sources(dir).flatMap(({ file, text }) =>
    importsOf(text)
      .filter((i) => into.test(i.from) && !(valuesOnly && i.typeOnly))
      .map((i) => `${file} → ${i.from}`),
  );
}

describe('architecture', () => {
  it('finds the layers it checks', () => {
    for (const dir of ['web', 'db', 'activities', 'workflows']) expect(sources(dir).length).toBeGreaterThan(3);
    expect(importsOf("import type { A } from '../x';\nimport { b } from '../y';")).toEqual([
      { from: '../x', typeOnly: true },
      { from: '../y', typeOnly: false },
    ]);
  });

  it('the console never reads db/ itself: it goes through the API or the case desk', () => {
    expect(crossings('web', ['db'])).toEqual([]);
  });

  it('db/ never imports the API (it receives the access policy as an SQL fragment) nor workflow values', () => {
    expect(crossings('db', ['api'])).toEqual([]);
    // A JSON column may borrow a workflow's result type (db/schema/annual-plan.ts: DrawPublication); no values.
    expect(crossings('db', ['workflows'], true)).toEqual([]);
  });

  it('activities import only types from workflows/', () => {
    // Pure rules shared with the workflows live in domain/ (activeSlots: domain/approval-slots.ts).
    expect(crossings('activities', ['workflows'], true)).toEqual([]);
  });

  it('workflows name no HTTP status: no 4xx/5xx literals, no status tables', () => {
    const offenders = sources('workflows').filter(
      ({ text }) =>
        /\b(?:status|httpStatus|statusCode)\s*[:=]\s*[45]\d\d\b/.test(text) ||
        /\b(?:400|401|403|404|409|410|422|429|500|502|503)\b/.test(text) ||
        /\b(?:forbidden|conflict|invalid|notFound)\s*:\s*[45]\d\d\b/.test(text),
    );
    expect(offenders.map((o) => o.file)).toEqual([]);
  });
});
