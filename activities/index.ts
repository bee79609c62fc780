import type { AgencyGateway } from '../agencies/gateway';
import type { Db } from '../db/client';
import { createAgencyActivities } from './agency';
import { createCaseActivities } from './cases';
import { createApprovalActivities } from './approval';
import { createCalendarActivities } from './calendar';
import { createHealthActivities } from './health';
import { createEnforcementActivities } from './enforcement';
import { createEntrustmentActivities } from './entrustment';
import { createBlacklistActivities } from './blacklist';
import { createAccidentActivities } from './accidents';
import { createAnnualPlanActivities } from './annual-plan';

export interface ActivityDeps {
  db: Db;
  gateway: AgencyGateway;
  workerIdentity: string;
}

/** All activities, built from their dependencies (samples-typescript style). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createHealthActivities(deps),
    ...createEnforcementActivities(deps),
    ...createCalendarActivities(deps),
    ...createApprovalActivities(deps),
    ...createAgencyActivities(deps),
    ...createCaseActivities(deps),
    ...createEntrustmentActivities(deps),
    ...createBlacklistActivities(deps),
    ...createAccidentActivities(deps),
    ...createAnnualPlanActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
