import type { Db } from '../db/client';
import { healthProbes } from '../db/schema';

export function createHealthActivities(deps: { db: Db; workerIdentity: string }) {
  return {
    /** Idempotent on probeId: a retried attempt finds its row already written. */
    async recordHealthProbe(input: { probeId: string; workflowId: string }): Promise<{ workerIdentity: string }> {
      const { workerIdentity } = deps;
      await deps.db.insert(healthProbes).values({ probeId: input.probeId, workerIdentity }).onConflictDoNothing();
      return { workerIdentity };
    },
  };
}

export type HealthActivities = ReturnType<typeof createHealthActivities>;
