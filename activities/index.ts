import type { Db } from '../db/client';
import { createApprovalActivities } from './approval';
import { createCalendarActivities } from './calendar';
import { createHealthActivities } from './health';

export interface ActivityDeps {
  db: Db;
  workerIdentity: string;
}

/** All activities, built from their dependencies (samples-typescript style). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createHealthActivities(deps),
    ...createCalendarActivities(deps),
    ...createApprovalActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
