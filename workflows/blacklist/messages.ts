import { defineUpdate } from '@temporalio/workflow';
import type { BlacklistRemovalRequest } from './types';

/** Starts the approval of an early removal (提前移出) while the enterprise is listed. */
export const blacklistRemovalUpdate = defineUpdate<{ accepted: true }, [BlacklistRemovalRequest]>(
  'blacklist.request-removal',
);
