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
import { createNotificationDeliveryActivities } from './notifications/delivery';
import { createDigestActivities } from './notifications/digest';

export interface ActivityDeps {
  db: Db;
  gateway: AgencyGateway;
  workerIdentity: string;
  /**
   * Start a delivery workflow for each queued notification (default). The time-skipping tests of other
   * procedures turn it off: sleeping deliveries there stall the test server's time skipping.
   */
  deliverNotifications?: boolean;
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
    ...createNotificationDeliveryActivities(deps),
    ...createDigestActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
