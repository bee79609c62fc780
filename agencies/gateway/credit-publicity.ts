import { agencyPaths } from '../paths';
import {
  blacklistEntrySchema,
  blacklistRemovalSchema,
  type BlacklistEntryRequest,
  type BlacklistRemovalRequest,
} from '../types';
import type { AgencyHttp } from './agency-http';
import { splitKey, type Keyed } from './keyed';

const paths = agencyPaths.creditPublicity;

export function createCreditPublicityClient(http: AgencyHttp) {
  return {
    /** §十三: list the enterprise publicly on the blacklist. */
    addBlacklistEntry(input: Keyed<BlacklistEntryRequest>, signal?: AbortSignal) {
      const [idempotencyKey, entry] = splitKey(input);
      return http.post(paths.blacklistEntries, entry, blacklistEntrySchema, { idempotencyKey, signal });
    },
    removeBlacklistEntry(input: Keyed<BlacklistRemovalRequest>, signal?: AbortSignal) {
      const [idempotencyKey, removal] = splitKey(input);
      return http.post(paths.blacklistRemovals, removal, blacklistRemovalSchema, { idempotencyKey, signal });
    },
  };
}
export type CreditPublicityClient = ReturnType<typeof createCreditPublicityClient>;
