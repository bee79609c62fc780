// Official documents of a case (执法文书): list, draft from the case, sign (every handling officer), seal and
// issue (the department head; the number is taken then), correct (a new version naming what it replaces),
// and read as a print view (HTML) or an A4 PDF.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../../db/audit-trail';
import {
  caseDocumentsOf,
  documentById,
  DocumentRuleError,
  insertDraft,
  issueDocument,
  renderedDocument,
  signDocument,
  type CaseDocumentRow,
} from '../../db/document-store';
import type { Db } from '../../db/client';
import { cases, users } from '../../db/schema';
import { todayInShanghai } from '../../domain/dates';
import {
  documentKindInfo,
  documentKinds,
  prerequisiteProblem,
  renderDocumentHtml,
  type DocumentKind,
} from '../../domain/documents';
import type { AppEnv, AuthUser } from '../context';
import { draftableKinds, draftFromEnforcement, enforcementFacts, enforcementSource } from '../document-sources';
import { renderDocumentPdf } from '../document-pdf';
import { seesDistrict as seesAllDepartments } from '../cases/policy';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { CaseDocument, CaseDocumentList } from '../responses/documents';
import { errors, ok } from '../responses/http';
import { caseNumber as caseNumberField, text } from '../schemas';

type Ctx = Context<AppEnv>;
const STATUS_LABELS = { draft: '草稿', signed: '签名中', issued: '已签发', superseded: '已被更正' } as const;

async function deny(c: Ctx, action: string, reason: string, row?: { workflowId: string; caseNumber: string }) {
  await appendAudit(c.get('deps').database.db, {
    actor: c.get('user').id,
    action,
    outcome: 'denied',
    comment: reason,
    workflowId: row?.workflowId ?? null,
    caseId: row?.caseNumber ?? null,
    detail: { method: c.req.method, path: c.req.path, requestId: c.get('requestId') },
  });
  return HttpProblem.forbidden(reason);
}

/** The case, or 404; a user outside its department (and not a supervisor) gets an audited 403. */
async function caseFor(c: Ctx, number: string, purpose: 'read' | 'act') {
  const db = c.get('deps').database.db;
  const user = c.get('user');
  const [row] = await db.select().from(cases).where(eq(cases.caseNumber, number)).limit(1);
  if (!row) throw HttpProblem.notFound(`案件 ${number} 不存在`);
  const own = user.departmentId === row.departmentId;
  const allowed =
    purpose === 'read'
      ? own || seesAllDepartments(user)
      : own && user.roles.some((r) => r === 'officer' || r === 'department-head');
  if (!allowed)
    throw await deny(
      c,
      `document.${purpose}`,
      purpose === 'read' ? '该案件不属于您所在的单位' : '只有本单位执法人员或负责人可以制作文书',
      row,
    );
  return row;
}

async function documentFor(c: Ctx, id: string) {
  const db = c.get('deps').database.db;
  const doc = await documentById(db, id);
  if (!doc) throw HttpProblem.notFound(`文书 ${id} 不存在`);
  const user = c.get('user');
  if (user.departmentId !== doc.departmentId && !seesAllDepartments(user))
    throw await deny(c, 'document.read', '该文书不属于您所在的单位', doc);
  return doc;
}

function ruleProblem(e: DocumentRuleError): HttpProblem {
  const errors = [{ field: e.field, rule: e.rule, message: e.message }];
  if (e.category === 'conflict') return new HttpProblem(409, '状态冲突', e.message, errors);
  if (e.category === 'forbidden') return new HttpProblem(403, '无权执行此操作', e.message, errors);
  return new HttpProblem(422, '请求无法处理', e.message, errors);
}

/** Runs a store action; a broken rule becomes problem+json, a forbidden one is audited first. */
async function guarded<T>(c: Ctx, action: string, doc: CaseDocumentRow | null, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof DocumentRuleError)) throw e;
    if (e.category === 'forbidden') await deny(c, action, e.message, doc ?? undefined);
    throw ruleProblem(e);
  }
}

function documentOut(d: CaseDocumentRow) {
  const base = `/api/documents/${d.id}`;
  return {
    id: d.id,
    caseNumber: d.caseNumber,
    kind: d.kind,
    kindName: documentKindInfo[d.kind as DocumentKind]?.name ?? d.kind,
    title: d.content.title,
    version: d.version,
    status: d.status,
    statusLabel: STATUS_LABELS[d.status],
    number: d.number,
    issuedOn: d.issuedOn,
    officers: d.officers,
    signatures: d.signatures,
    sealedBy: d.sealedBy,
    replacesId: d.replacesId,
    correctionReason: d.correctionReason,
    sha256: d.sha256,
    content: renderedDocument(d),
    links: { print: `${base}/print`, pdf: `${base}/pdf` },
  };
}

/** The officers named on a draft: active officers of the case's department; default the drafter. */
async function officersFor(db: Db, user: AuthUser, departmentId: string, named?: string[]): Promise<string[]> {
  const wanted = [...new Set(named?.length ? named : [user.id])];
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.id, wanted),
        eq(users.departmentId, departmentId),
        eq(users.active, true),
        sql`'officer' = any(${users.roles})`,
      ),
    );
  const ok = new Set(found.map((u) => u.id));
  const bad = wanted.filter((w) => !ok.has(w));
  if (bad.length)
    throw HttpProblem.unprocessable(
      'body.officers',
      'officer_of_department',
      `承办人员必须是本单位在职执法人员：${bad.join('、')}`,
    );
  return wanted;
}

/** Drafts a kind from the case, checking its prerequisites; the same check runs again at issue. */
async function draftContent(c: Ctx, row: typeof cases.$inferSelect, kind: DocumentKind, servers: string[]) {
  const { database, temporal } = c.get('deps');
  if (!draftableKinds[row.kind]?.includes(kind))
    throw HttpProblem.unprocessable('body.kind', 'kind_of_case', `该类案件不能制作${documentKindInfo[kind].name}`);
  const today = todayInShanghai(Date.now());
  const source = await enforcementSource(database.db, temporal, row);
  const broken = prerequisiteProblem(kind, enforcementFacts(source, today));
  if (broken) throw new HttpProblem(409, '状态冲突', broken.message, [{ ...broken, field: `body.${broken.field}` }]);
  let issuedDemandNumber: string | null = null;
  if (kind === 'service-receipt' || kind === 'enforcement-application') {
    const docs = await caseDocumentsOf(database.db, row.workflowId);
    issuedDemandNumber = docs.find((d) => d.kind === 'payment-demand' && d.status === 'issued')?.number ?? null;
    if (kind === 'service-receipt' && !issuedDemandNumber)
      throw HttpProblem.conflict('催告书尚未签发，不能制作送达回证');
  }
  const names = await database.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, servers));
  return draftFromEnforcement(kind, source, {
    issuedDemandNumber,
    servers: servers.map((s) => names.find((n) => n.id === s)?.name ?? s),
    today,
  });
}

const idParam = z.object({ id: z.string().uuid('文书编号格式无效') });
/** Reads: the case or document may be absent or outside the user's department. */
const readErrors = errors(400, 401, 403, 404, 503);
/** Sign and issue: also a state conflict (prerequisite, already signed) or a broken rule. */
const actionErrors = errors(400, 401, 403, 404, 409, 422, 503);
/** Draft and correct: as an action, and a body too large. */
const bodyActionErrors = errors(400, 401, 403, 404, 409, 413, 422, 503);

const list = createRoute({
  method: 'get',
  path: '/cases/{caseNumber}/documents',
  tags: ['文书'],
  summary: '案件的全部文书（各版本）及可制作的文书种类',
  security: [{ bearer: [] }],
  request: { params: z.object({ caseNumber: caseNumberField }) },
  responses: { 200: ok(CaseDocumentList, '文书列表'), ...readErrors },
});

const draft = createRoute({
  method: 'post',
  path: '/cases/{caseNumber}/documents',
  tags: ['文书'],
  summary: '根据案件数据制作文书草稿（文号在签发时编定）',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ caseNumber: caseNumberField }),
    body: {
      content: {
        'application/json': {
          schema: z.object({
            kind: z.enum(documentKinds),
            officers: z.array(z.string().min(1).max(60)).min(1).max(10).optional().openapi({
              description: '承办执法人员（须全部签名后方可盖章）；缺省为制作人',
            }),
          }),
        },
      },
    },
  },
  responses: { 201: ok(CaseDocument, '草稿'), ...bodyActionErrors },
});

const sign = createRoute({
  method: 'post',
  path: '/documents/{id}/sign',
  tags: ['文书'],
  summary: '承办执法人员签名（首个签名后文书内容不可更改）',
  security: [{ bearer: [] }],
  request: { params: idParam },
  responses: { 200: ok(CaseDocument, '已签名'), ...actionErrors },
});

const issue = createRoute({
  method: 'post',
  path: '/documents/{id}/issue',
  tags: ['文书'],
  summary: '机关负责人盖章签发：编定文号（按单位、文种、年度连续编号，不重复使用）',
  security: [{ bearer: [] }],
  request: { params: idParam },
  responses: { 200: ok(CaseDocument, '已签发'), ...actionErrors },
});

const correct = createRoute({
  method: 'post',
  path: '/documents/{id}/corrections',
  tags: ['文书'],
  summary: '更正已签名或已签发的文书：制作新版本并注明所取代的版本和理由',
  security: [{ bearer: [] }],
  request: {
    params: idParam,
    body: { content: { 'application/json': { schema: z.object({ reason: text(500) }) } } },
  },
  responses: { 201: ok(CaseDocument, '更正版本草稿'), ...bodyActionErrors },
});

const print = createRoute({
  method: 'get',
  path: '/documents/{id}/print',
  tags: ['文书'],
  summary: '打印视图（HTML，带打印样式，打印时不含导航栏）',
  security: [{ bearer: [] }],
  request: { params: idParam },
  responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } }, ...readErrors },
});

const pdf = createRoute({
  method: 'get',
  path: '/documents/{id}/pdf',
  tags: ['文书'],
  summary: 'A4 PDF（嵌入思源宋体子集；签发后显示印章和文号）',
  security: [{ bearer: [] }],
  request: { params: idParam },
  responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } }, ...readErrors },
});

export const documentsRouter = createRouter()
  .openapi(list, async (c) => {
    const row = await caseFor(c, c.req.valid('param').caseNumber, 'read');
    const docs = await caseDocumentsOf(c.get('deps').database.db, row.workflowId);
    const kinds = (draftableKinds[row.kind] ?? []).map((k) => ({ kind: k, name: documentKindInfo[k].name }));
    return c.json({ caseNumber: row.caseNumber, draftableKinds: kinds, items: docs.map(documentOut) }, 200);
  })
  .openapi(draft, async (c) => {
    const row = await caseFor(c, c.req.valid('param').caseNumber, 'act');
    const body = c.req.valid('json');
    const db = c.get('deps').database.db;
    const user = c.get('user');
    const officers = await officersFor(db, user, row.departmentId, body.officers);
    const content = await draftContent(c, row, body.kind, officers);
    const doc = await guarded(c, 'document.draft', null, () =>
      insertDraft(db, {
        workflowId: row.workflowId,
        caseNumber: row.caseNumber,
        departmentId: row.departmentId,
        content,
        officers,
        createdBy: user.id,
      }),
    );
    return c.json(documentOut(doc), 201);
  })
  .openapi(sign, async (c) => {
    const doc = await documentFor(c, c.req.valid('param').id);
    const user = c.get('user');
    const signed = await guarded(c, 'document.sign', doc, () => signDocument(c.get('deps').database.db, doc.id, user));
    return c.json(documentOut(signed), 200);
  })
  .openapi(issue, async (c) => {
    const doc = await documentFor(c, c.req.valid('param').id);
    const user = c.get('user');
    if (user.departmentId !== doc.departmentId || !user.roles.includes('department-head'))
      throw await deny(c, 'document.issue', '只有本单位负责人可以盖章签发文书', doc);
    const db = c.get('deps').database.db;
    const [row] = await db.select().from(cases).where(eq(cases.workflowId, doc.workflowId)).limit(1);
    const today = todayInShanghai(Date.now());
    const issued = await guarded(c, 'document.issue', doc, () =>
      issueDocument(db, doc.id, user, today, async (d) => {
        if (!row || row.kind !== 'enforcement') return;
        const source = await enforcementSource(db, c.get('deps').temporal, row);
        const broken = prerequisiteProblem(d.kind as DocumentKind, enforcementFacts(source, today));
        if (broken) throw new DocumentRuleError('conflict', broken.field, broken.rule, broken.message);
      }),
    );
    return c.json(documentOut(issued), 200);
  })
  .openapi(correct, async (c) => {
    const doc = await documentFor(c, c.req.valid('param').id);
    const row = await caseFor(c, doc.caseNumber, 'act');
    if (doc.status === 'draft')
      throw HttpProblem.conflict('草稿可以直接重新制作，无需更正；只有已签名或已签发的文书需要更正');
    if (doc.status === 'superseded') throw HttpProblem.conflict('该版本已被取代，请更正最新版本');
    const { reason } = c.req.valid('json');
    const db = c.get('deps').database.db;
    const user = c.get('user');
    const content = await draftContent(c, row, doc.kind as DocumentKind, doc.officers);
    const next = await guarded(c, 'document.correct', doc, () =>
      insertDraft(db, {
        workflowId: doc.workflowId,
        caseNumber: doc.caseNumber,
        departmentId: doc.departmentId,
        content,
        officers: doc.officers,
        createdBy: user.id,
        replaces: { id: doc.id, reason },
      }),
    );
    return c.json(documentOut(next), 201);
  })
  .openapi(print, async (c) => {
    const doc = await documentFor(c, c.req.valid('param').id);
    const replaced = doc.replacesId ? await documentById(c.get('deps').database.db, doc.replacesId) : undefined;
    const html = renderDocumentHtml(renderedDocument(doc), {
      status: doc.status,
      version: doc.version,
      signatures: doc.signatures,
      sealedBy: doc.sealedBy,
      replaces: replaced
        ? { number: replaced.number, version: replaced.version, reason: doc.correctionReason ?? '' }
        : null,
      links: { pdf: `/api/documents/${doc.id}/pdf`, back: `/cases/${encodeURIComponent(doc.workflowId)}` },
    });
    return c.html(html, 200);
  })
  .openapi(pdf, async (c) => {
    const doc = await documentFor(c, c.req.valid('param').id);
    const rendered = renderedDocument(doc);
    const buf = await renderDocumentPdf(rendered, {
      sealed: doc.sealedBy !== null,
      ...(doc.status === 'issued'
        ? {}
        : { draftLabel: doc.status === 'superseded' ? '已被更正版本取代' : '草稿（未签发，不得送达）' }),
      signatures: doc.signatures.map((s) => s.name),
      ...(doc.correctionReason ? { correction: `本文书为第${doc.version}版，更正理由：${doc.correctionReason}` } : {}),
    });
    const filename = encodeURIComponent(`${rendered.title}${rendered.number ? `（${rendered.number}）` : ''}.pdf`);
    return c.body(new Uint8Array(buf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename*=UTF-8''${filename}`,
    });
  });
