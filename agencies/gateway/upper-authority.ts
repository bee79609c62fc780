import { agencyPaths } from '../paths';
import { agencyReceiptSchema, type PlanFiling } from '../types';
import type { AgencyHttp } from './agency-http';
import { splitKey, type Keyed } from './keyed';

export function createUpperAuthorityClient(http: AgencyHttp) {
  return {
    /** §十四: the approved annual inspection plan is filed (备案) with the upper-level authority. */
    filePlan(input: Keyed<PlanFiling>, signal?: AbortSignal) {
      const [idempotencyKey, filing] = splitKey(input);
      return http.post(agencyPaths.upperAuthority.planFilings, filing, agencyReceiptSchema, { idempotencyKey, signal });
    },
  };
}
export type UpperAuthorityClient = ReturnType<typeof createUpperAuthorityClient>;
