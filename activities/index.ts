import type { Db } from '../db/client';
import { createHealthActivities } from './health';

export interface ActivityDeps {
  db: Db;
  workerIdentity: string;
}

/** All activities, built from their dependencies (samples-typescript style). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createHealthActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
