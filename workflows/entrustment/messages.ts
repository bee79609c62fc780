import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ChangeRequest, EntrustmentView } from './types';

/** Renew, suspend, resume or revoke an entrustment in force; the validator refuses what the state does not allow. */
export const requestEntrustmentChangeUpdate = defineUpdate<{ accepted: true; changeId: string }, [ChangeRequest]>(
  'entrustment.request-change',
);

export const entrustmentStateQuery = defineQuery<EntrustmentView>('entrustment.state');
