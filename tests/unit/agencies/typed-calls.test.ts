// The workflows' agency calls are typed by the gateway clients themselves: `npx tsc --noEmit` fails if a payload
// or a result stops matching, or if an operation a client does not have could be named.
import { describe, expectTypeOf, it } from 'vitest';
import type { CourtFilingReceipt, PublishedDocument } from '../../../agencies/types';
import type { AgencyDesk } from '../../../workflows/agency/agency-desk';
import type {
  AgencyOperationName,
  AgencyPayload as Payload,
  AgencyResult as Result,
  AttentionResolution,
} from '../../../workflows/agency/types';

type Call = AgencyDesk['call'];

describe('typed agency calls', () => {
  it('reads payloads and results off the gateway clients', () => {
    expectTypeOf<Result<'court', 'fileEnforcementApplication'>>().toEqualTypeOf<CourtFilingReceipt>();
    expectTypeOf<Result<'disclosurePortal', 'publish'>>().toEqualTypeOf<PublishedDocument>();
    expectTypeOf<Payload<'procuratorate', 'sendCopy'>>().toHaveProperty('transferLetterNo');
    expectTypeOf<Payload<'procuratorate', 'sendCopy'>>().not.toHaveProperty('idempotencyKey');
    expectTypeOf<AgencyOperationName<'court'>>().toEqualTypeOf<'fileEnforcementApplication' | 'getStatus'>();
  });

  it('refuses an operation the client does not have and a payload of the wrong shape', () => {
    const call = (() => undefined) as unknown as Call;
    const options = { label: '测试', idempotencyKey: 'k' };
    const copy = { caseRef: 'C-1', transferLetterNo: 'L-1', materials: [{ title: '移送书' }] };
    void (() => {
      void call('procuratorate', 'sendCopy', copy, options);
      // @ts-expect-error the court has no publish operation
      void call('court', 'publish', copy, options);
      // @ts-expect-error a copy to the procuratorate needs its transfer letter number
      void call('procuratorate', 'sendCopy', { caseRef: 'C-1', materials: [] }, options);
    });
    expectTypeOf(
      call('disclosurePortal', 'publish', {} as Payload<'disclosurePortal', 'publish'>, options),
    ).resolves.toEqualTypeOf<{ ok: true; result: PublishedDocument } | { ok: false; abandoned: AttentionResolution }>();
  });
});
