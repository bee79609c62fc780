// The entrusting agency's change requests, as an Update with a synchronous validator, and the state query.
import { setHandler } from '@temporalio/workflow';
import { refuseBy } from '../refusal';
import type { EntrustmentContext } from './context';
import { entrustmentStateQuery, requestEntrustmentChangeUpdate } from './messages';
import { changeRefusals, type EntrustmentView } from './types';

export function registerEntrustmentHandlers(ctx: EntrustmentContext): void {
  const { st, record } = ctx;
  setHandler(entrustmentStateQuery, (): EntrustmentView => st.view(record.view.stage));
  setHandler(requestEntrustmentChangeUpdate, (request) => ({ accepted: true as const, changeId: st.accept(request) }), {
    validator: (request) => {
      const r = st.checkChange(request);
      if (r) refuseBy(changeRefusals, r.code, r.message);
    },
  });
}
