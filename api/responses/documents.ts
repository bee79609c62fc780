// Official documents of a case (执法文书, db/schema/documents.ts) as the API answers them.
import { z } from '@hono/zod-openapi';
import { documentKinds } from '../../domain/documents';

const documentStatuses = ['draft', 'signed', 'issued', 'superseded'] as const;

/** The document as printed: its drafted content with the number and date it got when issued. */
export const RenderedDocument = z
  .object({
    kind: z.enum(documentKinds),
    title: z.string(),
    number: z.string().nullable().openapi({ description: '文号；签发前为 null' }),
    addressee: z.string().nullable(),
    paragraphs: z.array(z.string()),
    rows: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
    attachments: z.array(z.string()),
    issuer: z.string(),
    date: z.string().nullable().openapi({ description: '成文日期（YYYY-MM-DD）；签发前为 null' }),
    legalBasis: z.array(z.string()),
    copiedTo: z.array(z.string()).optional(),
  })
  .openapi('RenderedDocument');

export const DocumentSignature = z
  .object({ userId: z.string(), name: z.string(), at: z.string() })
  .openapi('DocumentSignature');

/** One version of a case document, with where to print it. */
export const CaseDocument = z
  .object({
    id: z.string().uuid(),
    caseNumber: z.string(),
    kind: z.string(),
    kindName: z.string().openapi({ description: '文种名称，如「催告书」' }),
    title: z.string(),
    version: z.number().int(),
    status: z.enum(documentStatuses),
    statusLabel: z.enum(['草稿', '签名中', '已签发', '已被更正']),
    number: z.string().nullable().openapi({ description: '文号；签发时编定' }),
    issuedOn: z.string().nullable(),
    officers: z.array(z.string()).openapi({ description: '承办执法人员（须全部签名后方可盖章）' }),
    signatures: z.array(DocumentSignature),
    sealedBy: z.string().nullable(),
    replacesId: z.string().uuid().nullable().openapi({ description: '更正版本所取代的版本' }),
    correctionReason: z.string().nullable(),
    sha256: z.string().openapi({ description: '文书内容规范 JSON 的 SHA-256' }),
    content: RenderedDocument,
    links: z.object({ print: z.string(), pdf: z.string() }),
  })
  .openapi('CaseDocument');
export type CaseDocument = z.infer<typeof CaseDocument>;

/** A case's documents (every version) and the kinds that may be drafted from it. */
export const CaseDocumentList = z
  .object({
    caseNumber: z.string(),
    draftableKinds: z.array(z.object({ kind: z.enum(documentKinds), name: z.string() })),
    items: z.array(CaseDocument),
  })
  .openapi('CaseDocumentList');
export type CaseDocumentList = z.infer<typeof CaseDocumentList>;
