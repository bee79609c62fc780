import { agencyPaths } from '../paths';
import {
  publishedDocumentSchema,
  withdrawnDocumentSchema,
  type PublicationRequest,
  type WithdrawalRequest,
} from '../types';
import type { AgencyHttp } from './agency-http';
import { splitKey, type Keyed } from './keyed';

const paths = agencyPaths.disclosurePortal;

export function createDisclosurePortalClient(http: AgencyHttp) {
  return {
    publish(input: Keyed<PublicationRequest>, signal?: AbortSignal) {
      const [idempotencyKey, publication] = splitKey(input);
      return http.post(paths.documents, publication, publishedDocumentSchema, { idempotencyKey, signal });
    },
    withdraw(input: Keyed<WithdrawalRequest>, signal?: AbortSignal) {
      const [idempotencyKey, withdrawal] = splitKey(input);
      return http.post(paths.withdrawals, withdrawal, withdrawnDocumentSchema, { idempotencyKey, signal });
    },
  };
}
export type DisclosurePortalClient = ReturnType<typeof createDisclosurePortalClient>;
