import { agencyPaths } from '../paths';
import { courtApplicationStatusSchema, courtFilingReceiptSchema, type CourtEnforcementApplication } from '../types';
import type { AgencyHttp } from './agency-http';
import { splitKey, type Keyed } from './keyed';

const paths = agencyPaths.court;

export function createCourtClient(http: AgencyHttp) {
  return {
    /** Application for compulsory enforcement (行政强制法 Arts. 53, 55). */
    fileEnforcementApplication(input: Keyed<CourtEnforcementApplication>, signal?: AbortSignal) {
      const [idempotencyKey, application] = splitKey(input);
      return http.post(paths.enforcementApplications, application, courtFilingReceiptSchema, {
        idempotencyKey,
        signal,
      });
    },
    getStatus({ receiptNo }: { receiptNo: string }, signal?: AbortSignal) {
      const path = `${paths.enforcementApplications}/${encodeURIComponent(receiptNo)}`;
      return http.get(path, courtApplicationStatusSchema, { signal });
    },
  };
}
export type CourtClient = ReturnType<typeof createCourtClient>;
