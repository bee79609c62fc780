import { agencyPaths } from '../paths';
import { agencyReceiptSchema, type ProcuratorateCopy, type SupervisionRequest } from '../types';
import type { AgencyHttp } from './agency-http';
import { splitKey, type Keyed } from './keyed';

const paths = agencyPaths.procuratorate;

export function createProcuratorateClient(http: AgencyHttp) {
  return {
    /** §十二: every transfer to the police is copied to the same-level procuratorate. */
    sendCopy(input: Keyed<ProcuratorateCopy>, signal?: AbortSignal) {
      const [idempotencyKey, copy] = splitKey(input);
      return http.post(paths.copies, copy, agencyReceiptSchema, { idempotencyKey, signal });
    },
    /** 国务院令第310号 Art. 9: after a refusal upheld on reconsideration; the outcome arrives by callback. */
    requestSupervision(input: Keyed<SupervisionRequest>, signal?: AbortSignal) {
      const [idempotencyKey, request] = splitKey(input);
      return http.post(paths.supervisionRequests, request, agencyReceiptSchema, { idempotencyKey, signal });
    },
  };
}
export type ProcuratorateClient = ReturnType<typeof createProcuratorateClient>;
