// domain/ is imported by Temporal workflow code, which must replay deterministically:
// no Node modules, no I/O, no ambient clock or randomness.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const domainDir = new URL('../../../domain/', import.meta.url);
const sources = readdirSync(domainDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => [file, readFileSync(new URL(file, domainDir), 'utf8')] as const);

const forbidden: [string, RegExp][] = [
  ['Node built-in import', /from\s+['"](node:|fs|path|crypto|os|child_process|http)/],
  ['package import', /from\s+['"](?!\.)/],
  ['process', /\bprocess\./],
  ['Date.now()', /Date\.now\(/],
  ['new Date()', /new Date\(/],
  ['Math.random()', /Math\.random\(/],
];

describe('domain purity', () => {
  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(8);
  });

  it.each(forbidden)('uses no %s', (_what, pattern) => {
    expect(sources.filter(([, text]) => pattern.test(text)).map(([file]) => file)).toEqual([]);
  });
});
