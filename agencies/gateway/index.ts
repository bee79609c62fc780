import type { AgencyId } from '../types';
import { createAgencyHttp, type AgencyEndpoint } from './agency-http';
import { createCourtClient } from './court';
import { createCreditPublicityClient } from './credit-publicity';
import { createDisclosurePortalClient } from './disclosure-portal';
import { createNotificationClient } from './notification';
import { createProcuratorateClient } from './procuratorate';
import { createPublicSecurityClient } from './public-security';
import { createUpperAuthorityClient } from './upper-authority';

export type { AgencyEndpoint, CallOptions } from './agency-http';
export { defaultAgencyTimeoutMs } from './agency-http';
export {
  AgencyError,
  AgencyRejectedError,
  AgencyUnavailableError,
  type AgencyProblem,
  type UnavailableReason,
} from './errors';
export type { Keyed } from './keyed';

/** Agencies we call; the payment channel only calls us (payment.received), so its entry is optional. */
export type GatewayAgencyId = Exclude<AgencyId, 'payment'>;
export type GatewayConfig = Record<GatewayAgencyId, AgencyEndpoint> & Partial<Record<AgencyId, AgencyEndpoint>>;

export function createAgencyGateway(config: GatewayConfig, fetchImpl: typeof fetch = fetch) {
  const http = (agency: GatewayAgencyId) => createAgencyHttp(agency, config[agency], fetchImpl);
  return {
    court: createCourtClient(http('court')),
    publicSecurity: createPublicSecurityClient(http('public-security')),
    procuratorate: createProcuratorateClient(http('procuratorate')),
    upperAuthority: createUpperAuthorityClient(http('upper-authority')),
    disclosurePortal: createDisclosurePortalClient(http('disclosure-portal')),
    creditPublicity: createCreditPublicityClient(http('credit-publicity')),
    notification: createNotificationClient(http('notification')),
  };
}
export type AgencyGateway = ReturnType<typeof createAgencyGateway>;
