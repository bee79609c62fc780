import { defineUpdate } from '@temporalio/workflow';
import type { CriminalTransferActInput, CriminalTransferActResult } from './types';

/**
 * An officer's or head's act on a transfer: reconsideration, supervision, accepting a refusal, exhibits handed over.
 */
export const criminalTransferActUpdate = defineUpdate<CriminalTransferActResult, [CriminalTransferActInput]>(
  'criminal-transfer.act',
);
