import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

describe('determinism guard catches an incompatible change', () => {
  it('fails the replay of a recorded history when workflow code changes without patching', async () => {
    const history = historyFromJSON(
      JSON.parse(await readFile(new URL('../histories/deep-health.json', import.meta.url), 'utf8')),
    );
    const workflowsPath = fileURLToPath(new URL('./fixtures/incompatible-workflows.ts', import.meta.url));
    await expect(
      Worker.runReplayHistory({ workflowsPath, replayName: 'incompatible' }, history, 'history-deep-health'),
    ).rejects.toThrow(/[Nn]ondeterminism/);
  });
});
