import type { Client } from '@temporalio/client';

/**
 * A real run whose history is kept in tests/histories/ and replayed in CI, so a change that
 * would break a running workflow fails the build.
 */
export interface HistoryScenario {
  name: string;
  run(client: Client, taskQueue: string): Promise<string>;
}
