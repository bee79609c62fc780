import type { AgencyId } from './types';

// Resource paths under each agency's base URL; the gateway clients and the simulator share them.
export const agencyPaths = {
  court: { enforcementApplications: '/enforcement-applications' },
  publicSecurity: { transfers: '/transfers', reconsiderationRequests: '/reconsideration-requests' },
  procuratorate: { copies: '/copies', supervisionRequests: '/supervision-requests' },
  upperAuthority: { planFilings: '/plan-filings' },
  disclosurePortal: { documents: '/documents', withdrawals: '/withdrawals' },
  creditPublicity: { blacklistEntries: '/blacklist-entries', blacklistRemovals: '/blacklist-removals' },
  notification: { messages: '/messages' },
} as const;

/** Where an agency posts callbacks on our API. */
export function callbackPath(agency: AgencyId): string {
  return `/api/callbacks/${agency}`;
}
