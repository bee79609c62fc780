import { agencyPaths } from '../paths';
import {
  agencyReceiptSchema,
  policeDecisionSchema,
  type CriminalCaseTransfer,
  type ReconsiderationRequest,
} from '../types';
import type { AgencyHttp } from './agency-http';
import { splitKey, type Keyed } from './keyed';

const paths = agencyPaths.publicSecurity;

export function createPublicSecurityClient(http: AgencyHttp) {
  return {
    /** Transfer of a suspected crime (国务院令第310号 Art. 6); the filing decision arrives by callback. */
    transferCriminalCase(input: Keyed<CriminalCaseTransfer>, signal?: AbortSignal) {
      const [idempotencyKey, transfer] = splitKey(input);
      return http.post(paths.transfers, transfer, agencyReceiptSchema, { idempotencyKey, signal });
    },
    getDecision({ receiptNo }: { receiptNo: string }, signal?: AbortSignal) {
      return http.get(`${paths.transfers}/${encodeURIComponent(receiptNo)}`, policeDecisionSchema, { signal });
    },
    /** Art. 9: ask the police to reconsider a refusal to file; the answer arrives by callback. */
    requestReconsideration(input: Keyed<ReconsiderationRequest>, signal?: AbortSignal) {
      const [idempotencyKey, request] = splitKey(input);
      return http.post(paths.reconsiderationRequests, request, agencyReceiptSchema, { idempotencyKey, signal });
    },
  };
}
export type PublicSecurityClient = ReturnType<typeof createPublicSecurityClient>;
