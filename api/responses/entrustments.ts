// 委托执法 (db/schema/entrustment.ts, workflows/entrustment/types.ts, domain/entrustment.ts) as the API answers it.
import { z } from '@hono/zod-openapi';

const powerType = z.enum(['penalty', 'inspection', 'compulsory-measure', 'compulsory-execution', 'licensing']);
const status = z.enum(['pending', 'rejected', 'withdrawn', 'active', 'expiring', 'suspended', 'lapsed', 'revoked']);
const changeKind = z.enum(['renew', 'suspend', 'resume', 'revoke']);
const letterPower = z.object({ id: z.string(), name: z.string(), type: powerType, legalBasis: z.string() });

export const EntrustmentSubmitted = z
  .object({ workflowId: z.string(), draftNumber: z.string() })
  .openapi('EntrustmentSubmitted');

/** One entrustment in the register, with its status in words. */
export const EntrustmentRecord = z
  .object({
    workflowId: z.string(),
    draftNumber: z.string(),
    letterNumber: z.string().nullable(),
    agencyId: z.string(),
    agencyName: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    powerIds: z.array(z.string()),
    powers: z.array(letterPower),
    territory: z.string(),
    termStart: z.string(),
    termEnd: z.string(),
    status,
    statusLabel: z.string(),
    revokedOn: z.string().nullable(),
    suspensions: z.array(z.object({ from: z.string(), until: z.string().optional() })),
    publications: z.array(
      z.object({
        side: z.string(),
        receiptNo: z.string(),
        documentUrl: z.string(),
        publishedAt: z.string(),
        subject: z.string(),
      }),
    ),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('EntrustmentRecord');
export type EntrustmentRecord = z.infer<typeof EntrustmentRecord>;

export const EntrustmentRegister = z
  .object({ total: z.number().int(), items: z.array(EntrustmentRecord) })
  .openapi('EntrustmentRegister');
export type EntrustmentRegister = z.infer<typeof EntrustmentRegister>;

const ChangeRecord = z.object({
  changeId: z.string(),
  kind: changeKind,
  requestedBy: z.string(),
  reason: z.string(),
  newTermEnd: z.string().optional(),
  outcome: z.enum(['approved', 'rejected', 'withdrawn', 'moot']).optional(),
  effectiveOn: z.string().optional(),
});

export const EntrustmentDetail = EntrustmentRecord.extend({
  letter: z
    .object({
      number: z.string(),
      title: z.string(),
      scope: z.string(),
      powers: z.array(letterPower),
      term: z.object({ start: z.string(), end: z.string() }),
      approvedOn: z.string(),
      text: z.string(),
    })
    .nullable()
    .openapi({ description: '委托书；尚未批准或暂不可查询时为 null' }),
  changes: z.array(ChangeRecord),
  pendingChange: ChangeRecord.nullable(),
  reminders: z.array(z.string()),
}).openapi('EntrustmentDetail');
export type EntrustmentDetail = z.infer<typeof EntrustmentDetail>;

const term = { workflowId: z.string(), letterNumber: z.string(), termStart: z.string(), termEnd: z.string() };
const asked = {
  date: z.string(),
  org: z.object({ id: z.string(), name: z.string() }),
  power: z.object({ id: z.string(), name: z.string(), type: powerType }),
  basis: z.string(),
  message: z.string(),
};

/** May the organisation exercise the power on the date: under which letter, in whose name; or why not. */
export const EntrustmentAuthorisation = z
  .discriminatedUnion('allowed', [
    z.object({
      allowed: z.literal(true),
      entrustment: z.object({ ...term, territory: z.string() }),
      actInNameOf: z.object({ agencyId: z.string(), agencyName: z.string() }),
      ...asked,
    }),
    z.object({
      allowed: z.literal(false),
      reason: z.enum(['no-entrustment', 'not-yet-in-force', 'expired', 'revoked', 'suspended']),
      entrustment: z.object(term).optional(),
      ...asked,
    }),
  ])
  .openapi('EntrustmentAuthorisation');
export type EntrustmentAuthorisation = z.infer<typeof EntrustmentAuthorisation>;

export const EntrustmentChangeAccepted = z
  .object({ accepted: z.literal(true), changeId: z.string() })
  .openapi('EntrustmentChangeAccepted');

export const Power = z
  .object({ id: z.string(), departmentId: z.string(), name: z.string(), type: powerType, legalBasis: z.string() })
  .openapi('Power');

export const EntrustedOrganisation = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum([
      'administrative-organ',
      'public-affairs-organisation',
      'enterprise',
      'social-organisation',
      'individual',
    ]),
    legalStatus: z.string(),
    establishedByLaw: z.boolean(),
    credentialedStaffCount: z.number().int(),
    hasTechnicalCapacity: z.boolean(),
    technicalCapacity: z.string(),
    contactDepartmentId: z.string(),
  })
  .openapi('EntrustedOrganisation');
