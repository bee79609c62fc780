import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const file = 'test-results/reliability.json';

/** Each fault test records its figures; the README's "Reliability" section is written from this file. */
export function recordReliability(name: string, figures: Record<string, number | string>): void {
  mkdirSync('test-results', { recursive: true });
  let all: Record<string, unknown>;
  try {
    all = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    all = {};
  }
  all[name] = { ...figures, at: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(all, null, 2));
}
