// Prints the plain closing line "N passed, N failed, N skipped" from vitest's JSON report.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed,` +
    ` ${report.numPendingTests + (report.numTodoTests ?? 0)} skipped`,
);
