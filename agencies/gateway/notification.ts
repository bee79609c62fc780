import { agencyPaths } from '../paths';
import { sentMessageSchema, type Notification } from '../types';
import type { AgencyHttp } from './agency-http';
import { splitKey, type Keyed } from './keyed';

export function createNotificationClient(http: AgencyHttp) {
  return {
    /** SMS or 政务微信 message; the key stops a retried activity from texting the party twice. */
    send(input: Keyed<Notification>, signal?: AbortSignal) {
      const [idempotencyKey, message] = splitKey(input);
      return http.post(agencyPaths.notification.messages, message, sentMessageSchema, { idempotencyKey, signal });
    },
  };
}
export type NotificationClient = ReturnType<typeof createNotificationClient>;
