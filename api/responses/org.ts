// Departments, users, substitutes (db/schema/org.ts) and audit verification, as the API answers them.
import { z } from '@hono/zod-openapi';

export const Department = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    supervisoryDomain: z.string().nullable(),
    hasSupervisoryDuty: z.boolean(),
  })
  .openapi('Department');
export type Department = z.infer<typeof Department>;

export const User = z
  .object({
    id: z.string(),
    name: z.string(),
    departmentId: z.string(),
    /** Only for user administrators (admin): who holds which role is not for everyone to read. */
    roles: z.array(z.string()).optional(),
    title: z.string().nullable(),
    hasEnforcementCredential: z.boolean(),
  })
  .openapi('User');
export type User = z.infer<typeof User>;

export const Substitute = z
  .object({
    id: z.string().uuid(),
    userId: z.string(),
    substituteId: z.string(),
    fromDate: z.string(),
    toDate: z.string(),
    reason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Substitute');
export type Substitute = z.infer<typeof Substitute>;

const AuditProblem = z.object({
  seq: z.number().int(),
  reason: z.enum(['hash-mismatch', 'broken-link', 'downgraded']),
});
const CheckpointCheck = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problems: z.array(
    z.object({
      id: z.number().int(),
      headSeq: z.number().int(),
      reason: z.enum(['bad-signature', 'unknown-key', 'head-mismatch', 'head-missing']),
    }),
  ),
});
export const AuditVerification = z
  .discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      records: z.number().int(),
      lastHash: z.string(),
      problems: z.array(AuditProblem).max(0),
      checkpoints: CheckpointCheck,
    }),
    z.object({
      ok: z.literal(false),
      records: z.number().int(),
      brokenAt: z.number().int().openapi({ description: '第一条不符的记录序号' }),
      reason: z.enum(['hash-mismatch', 'broken-link', 'downgraded']),
      problems: z.array(AuditProblem).openapi({ description: '每一条不符的记录' }),
      lastHash: z.string(),
      checkpoints: CheckpointCheck,
    }),
  ])
  .openapi('AuditVerification');
export type AuditVerification = z.infer<typeof AuditVerification>;

export const AuditCheckpoint = z
  .object({
    id: z.number().int(),
    at: z.string(),
    headSeq: z.number().int(),
    headHash: z.string(),
    records: z.number().int(),
    publicKey: z.string(),
    signature: z.string(),
  })
  .openapi('AuditCheckpoint');

export const AuditCheckpointExport = z
  .object({
    algorithm: z.string(),
    signedFields: z.array(z.string()),
    chainHash: z.string(),
    currentPublicKey: z.string(),
    checkpoints: z.array(AuditCheckpoint),
  })
  .openapi('AuditCheckpointExport');
