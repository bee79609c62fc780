import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DrawPublication, RecordResultsRequest } from './types';

/** Inspection results of drawn targets, published within the statutory period. */
export const recordResultsUpdate = defineUpdate<DrawPublication, [RecordResultsRequest]>(
  'random-inspection.record-results',
);
export const drawPublicationQuery = defineQuery<DrawPublication>('random-inspection.publication');
