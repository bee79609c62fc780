import { defineUpdate } from '@temporalio/workflow';
import type { AttentionResolution, CallbackEvent } from './types';

/** An agency's callback, delivered by the API after its signature is verified; the validator refuses a wrong stage. */
export const agencyCallbackUpdate = defineUpdate<{ accepted: true; duplicate: boolean }, [CallbackEvent]>(
  'agency.callback',
);

/** A person resolves a needs-attention task opened by an agency's 4xx: retry (after corrections) or abandon. */
export const resolveAttentionUpdate = defineUpdate<{ resolved: true }, [AttentionResolution]>(
  'agency.resolve-attention',
);
