// The case file's documents and the number register: drafts, signatures, the seal with a gapless number
// allocated under a row lock, and corrections as new versions. Every change is audited.
import { and, asc, eq, max, sql } from 'drizzle-orm';
import { appendAudit } from './audit-trail';
import type { Db } from './client';
import { caseDocuments, documentNumberCounters, documentNumberFormats, documentNumbers, departments } from './schema';
import { canonicalJson } from '../domain/canonical-json';
import { sha256Hex } from '../domain/sha256';
import { yearOf, type IsoDate } from '../domain/dates';
import {
  defaultNumberPattern,
  formatDocumentNumber,
  missingSigners,
  documentKindInfo,
  type DocumentKind,
  type DraftDocument,
  type OfficialDocument,
} from '../domain/documents';

export type CaseDocumentRow = typeof caseDocuments.$inferSelect;

/** A refusal the API turns into problem+json: which field, which rule. */
export class DocumentRuleError extends Error {
  constructor(
    readonly category: 'conflict' | 'invalid' | 'forbidden',
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

export const contentHash = (content: DraftDocument): string => sha256Hex(canonicalJson(content));

/** The document as printed: its content with the number and date it got when issued. */
export function renderedDocument(row: CaseDocumentRow): OfficialDocument {
  return { ...row.content, number: row.number, date: row.issuedOn };
}

export async function caseDocumentsOf(db: Db, workflowId: string): Promise<CaseDocumentRow[]> {
  return db
    .select()
    .from(caseDocuments)
    .where(eq(caseDocuments.workflowId, workflowId))
    .orderBy(asc(caseDocuments.createdAt), asc(caseDocuments.version));
}

export async function documentById(db: Db, id: string): Promise<CaseDocumentRow | undefined> {
  const [row] = await db.select().from(caseDocuments).where(eq(caseDocuments.id, id)).limit(1);
  return row;
}

/** The department's number pattern: configured, or derived from its name. */
export async function numberPatternOf(db: Db, departmentId: string): Promise<string> {
  const [configured] = await db
    .select({ pattern: documentNumberFormats.pattern })
    .from(documentNumberFormats)
    .where(eq(documentNumberFormats.departmentId, departmentId));
  if (configured) return configured.pattern;
  const [dept] = await db.select({ name: departments.name }).from(departments).where(eq(departments.id, departmentId));
  return defaultNumberPattern(dept?.name ?? departmentId);
}

export interface NewDraft {
  workflowId: string;
  caseNumber: string;
  departmentId: string;
  content: DraftDocument;
  officers: string[];
  createdBy: string;
  replaces?: { id: string; reason: string };
}

/** A new draft: version 1, or the next version of its kind in the case. */
export async function insertDraft(db: Db, d: NewDraft): Promise<CaseDocumentRow> {
  const row = await db.transaction(async (tx) => {
    // One draft at a time per case and kind: serialise on the case.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`doc:${d.workflowId}:${d.content.kind}`}))`);
    const live = await tx
      .select({ id: caseDocuments.id, status: caseDocuments.status, replacesId: caseDocuments.replacesId })
      .from(caseDocuments)
      .where(and(eq(caseDocuments.workflowId, d.workflowId), eq(caseDocuments.kind, d.content.kind)));
    const open = live.filter((r) => r.status !== 'issued' && r.status !== 'superseded' && r.id !== d.replaces?.id);
    if (open.length)
      throw new DocumentRuleError('conflict', 'kind', 'one_open_draft', '本案已有该文书的草稿或待签发版本，请先办结');
    if (!d.replaces && live.some((r) => r.status === 'issued'))
      throw new DocumentRuleError('conflict', 'kind', 'already_issued', '本案该文书已签发；如需修改请制作更正版本');
    const [{ v } = { v: 0 }] = await tx
      .select({ v: max(caseDocuments.version) })
      .from(caseDocuments)
      .where(and(eq(caseDocuments.workflowId, d.workflowId), eq(caseDocuments.kind, d.content.kind)));
    const [inserted] = await tx
      .insert(caseDocuments)
      .values({
        workflowId: d.workflowId,
        caseNumber: d.caseNumber,
        departmentId: d.departmentId,
        kind: d.content.kind,
        version: (v ?? 0) + 1,
        status: 'draft',
        content: d.content,
        sha256: contentHash(d.content),
        officers: d.officers,
        signatures: [],
        replacesId: d.replaces?.id ?? null,
        correctionReason: d.replaces?.reason ?? null,
        createdBy: d.createdBy,
      })
      .returning();
    return inserted!;
  });
  await appendAudit(db, {
    actor: d.createdBy,
    action: d.replaces ? 'document.correction-drafted' : 'document.drafted',
    workflowId: d.workflowId,
    caseId: d.caseNumber,
    comment: d.replaces ? `更正理由：${d.replaces.reason}` : null,
    detail: {
      documentId: row.id,
      kind: row.kind,
      title: row.content.title,
      version: row.version,
      sha256: row.sha256,
      replaces: d.replaces?.id ?? null,
    },
  });
  return row;
}

/** An officer of the document signs; from the first signature on, the content is fixed. */
export async function signDocument(db: Db, id: string, user: { id: string; name: string }): Promise<CaseDocumentRow> {
  const row = await db.transaction(async (tx) => {
    const [doc] = await tx.select().from(caseDocuments).where(eq(caseDocuments.id, id)).for('update');
    if (!doc) throw new DocumentRuleError('invalid', 'id', 'exists', '文书不存在');
    if (doc.status === 'issued' || doc.status === 'superseded')
      throw new DocumentRuleError('conflict', 'status', 'not_signable', '文书已签发或已被取代，不能再签名');
    if (!doc.officers.includes(user.id))
      throw new DocumentRuleError('forbidden', 'officers', 'handling_officer', '只有本文书的承办执法人员可以签名');
    if (doc.signatures.some((s) => s.userId === user.id))
      throw new DocumentRuleError('conflict', 'signatures', 'signed_once', '您已签名');
    const signatures = [...doc.signatures, { userId: user.id, name: user.name, at: new Date().toISOString() }];
    const [updated] = await tx
      .update(caseDocuments)
      .set({ signatures, status: 'signed', updatedAt: new Date().toISOString() })
      .where(eq(caseDocuments.id, id))
      .returning();
    return updated!;
  });
  await appendAudit(db, {
    actor: user.id,
    action: 'document.signed',
    workflowId: row.workflowId,
    caseId: row.caseNumber,
    detail: { documentId: id, kind: row.kind, version: row.version, sha256: row.sha256 },
  });
  return row;
}

/**
 * The head seals and issues: the next number of the department, kind and year is taken under a row lock on the
 * counter, written to the register and to the document in the same transaction, so numbers are gapless and
 * never reused; a correction being issued supersedes the version it replaces.
 */
export async function issueDocument(
  db: Db,
  id: string,
  user: { id: string },
  today: IsoDate,
  recheck?: (doc: CaseDocumentRow) => Promise<void>,
): Promise<CaseDocumentRow> {
  const row = await db.transaction(async (tx) => {
    const [doc] = await tx.select().from(caseDocuments).where(eq(caseDocuments.id, id)).for('update');
    if (!doc) throw new DocumentRuleError('invalid', 'id', 'exists', '文书不存在');
    if (doc.status === 'issued' || doc.status === 'superseded')
      throw new DocumentRuleError('conflict', 'status', 'issued_once', '文书已签发，不能重复签发');
    const missing = missingSigners(doc.officers, doc.signatures);
    if (missing.length)
      throw new DocumentRuleError(
        'conflict',
        'signatures',
        'all_officers_sign',
        `承办执法人员尚未全部签名（未签名：${missing.join('、')}），不能加盖印章`,
      );
    const [pending] = await tx
      .select({ id: caseDocuments.id })
      .from(caseDocuments)
      .where(eq(caseDocuments.replacesId, id))
      .limit(1);
    if (pending)
      throw new DocumentRuleError('conflict', 'status', 'correction_pending', '该文书已有更正版本，请签发更正版本');
    await recheck?.(doc);
    const kind = doc.kind as DocumentKind;
    const year = yearOf(today);
    const pattern = await numberPatternOf(tx as unknown as Db, doc.departmentId);
    await tx
      .insert(documentNumberCounters)
      .values({ departmentId: doc.departmentId, kind, year, lastSeq: 0 })
      .onConflictDoNothing();
    const [counter] = await tx
      .select()
      .from(documentNumberCounters)
      .where(
        and(
          eq(documentNumberCounters.departmentId, doc.departmentId),
          eq(documentNumberCounters.kind, kind),
          eq(documentNumberCounters.year, year),
        ),
      )
      .for('update');
    const seq = counter!.lastSeq + 1;
    const number = formatDocumentNumber(pattern, kind, year, seq);
    await tx
      .update(documentNumberCounters)
      .set({ lastSeq: seq })
      .where(
        and(
          eq(documentNumberCounters.departmentId, doc.departmentId),
          eq(documentNumberCounters.kind, kind),
          eq(documentNumberCounters.year, year),
        ),
      );
    await tx
      .insert(documentNumbers)
      .values({ departmentId: doc.departmentId, kind, year, seq, number, documentId: id, issuedBy: user.id });
    const now = new Date().toISOString();
    const [updated] = await tx
      .update(caseDocuments)
      .set({ status: 'issued', number, issuedOn: today, issuedAt: now, sealedBy: user.id, updatedAt: now })
      .where(eq(caseDocuments.id, id))
      .returning();
    if (doc.replacesId)
      await tx
        .update(caseDocuments)
        .set({ status: 'superseded', updatedAt: now })
        .where(eq(caseDocuments.id, doc.replacesId));
    return { ...updated!, seq };
  });
  await appendAudit(db, {
    actor: user.id,
    action: 'document.issued',
    workflowId: row.workflowId,
    caseId: row.caseNumber,
    comment: `${documentKindInfo[row.kind as DocumentKind].name}盖章签发，文号${row.number}`,
    detail: {
      documentId: id,
      kind: row.kind,
      number: row.number,
      seq: row.seq,
      issuedOn: row.issuedOn,
      sha256: row.sha256,
      replaces: row.replacesId,
    },
  });
  return row;
}
