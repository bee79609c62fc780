import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const toolsBin = fileURLToPath(new URL('../.tools/temporal/bin/', import.meta.url));

function resolveBinary(envVar: 'TEMPORAL_CLI' | 'TEMPORAL_TEST_SERVER', fallback: string): string {
  const path = process.env[envVar] || `${toolsBin}${fallback}`;
  if (!existsSync(path)) {
    throw new Error(
      `找不到 Temporal 可执行文件 ${path}: run \`npm run setup:temporal\` or set ${envVar} to an existing binary`,
    );
  }
  return path;
}

export const temporalCliPath = () => resolveBinary('TEMPORAL_CLI', 'temporal');
export const temporalTestServerPath = () => resolveBinary('TEMPORAL_TEST_SERVER', 'temporal-test-server');
