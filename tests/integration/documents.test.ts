import { execFileSync } from 'node:child_process';
import { seenStamp } from '../../web/session';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, documentNumbers } from '../../db/schema';
import { addDays, todayInShanghai, yearOf } from '../../domain/dates';
import { formatChineseDate, serviceReceiptDocument } from '../../domain/documents';
import { insertDraft, issueDocument, signDocument } from '../../db/document-store';
import { startSystem, type RunningSystem } from '../support/system';
import { until } from '../support/poll';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.stop();
});

const FINE = 500_000;
const today = () => todayInShanghai(Date.now());
const casePath = (n: string) => `/api/enforcement-cases/${encodeURIComponent(n)}`;
const docsPath = (n: string) => `/api/cases/${encodeURIComponent(n)}/documents`;

/** The text of a PDF as poppler's pdftotext reads it. */
async function pdfText(id: string, token: string): Promise<string> {
  const res = await fetch(`${system.baseUrl}/api/documents/${id}/pdf`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const file = join(mkdtempSync(join(tmpdir(), 'doc-')), 'doc.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe('official documents of an enforcement case', () => {
  it(
    'drafts, signs, seals and issues a 催告书 with a gapless number, corrects it under a new number, and refuses ' +
      'the court application before service',
    async () => {
      const officer = await system.login('yjj-officer1');
      const officer2 = await system.login('yjj-officer2');
      const head = await system.login('yjj-head');
      const n = `北碚应急罚〔2026〕${randomUUID().slice(0, 6)}号`;
      const started = await system.http('POST', '/api/enforcement-cases', {
        token: officer,
        body: {
          decisionNumber: n,
          decidedOn: addDays(today(), -201),
          party: { name: '重庆某某机械制造有限公司', unifiedSocialCreditCode: '91500109MA5U654321' },
          fineFen: FINE,
          servedOn: addDays(today(), -200),
          serviceMethod: 'direct',
          departmentId: 'yjj',
          facts: '未按规定开展安全生产教育和培训',
          reasons: '违反《安全生产法》第二十八条',
          legalBasisText: '《安全生产法》第九十七条',
        },
      });
      expect(started.status).toBe(201);
      await until(async () => {
        const res = await system.http('GET', casePath(n), { token: officer });
        return res.body?.stage === 'demand' ? res.body : undefined;
      }, 'case waiting for the demand to be served');

      // No court application before the demand is served.
      const early = await system.http('POST', docsPath(n), {
        token: officer,
        body: { kind: 'enforcement-application' },
      });
      expect(early.status).toBe(409);
      expect(early.body.errors[0]).toMatchObject({ field: 'body.kind', rule: 'demand_not_served' });
      const badKind = await system.http('POST', docsPath(n), { token: officer, body: { kind: '催告书' } });
      expect(badKind.status).toBe(400);
      expect(badKind.body.errors[0].field).toBe('body.kind');
      const badOfficer = await system.http('POST', docsPath(n), {
        token: officer,
        body: { kind: 'payment-demand', officers: ['yjj-officer1', 'jxw-officer1'] },
      });
      expect(badOfficer.status).toBe(422);
      expect(badOfficer.body.errors[0]).toMatchObject({ field: 'body.officers', rule: 'officer_of_department' });

      const drafted = await system.http('POST', docsPath(n), {
        token: officer,
        body: { kind: 'payment-demand', officers: ['yjj-officer1', 'yjj-officer2'] },
      });
      expect(drafted.status).toBe(201);
      expect(drafted.body).toMatchObject({ status: 'draft', number: null, version: 1 });
      const id = drafted.body.id as string;

      // The seal waits for every handling officer; strangers are refused and audited.
      const tooSoon = await system.http('POST', `/api/documents/${id}/issue`, { token: head });
      expect(tooSoon.status).toBe(409);
      expect(tooSoon.body.errors[0]).toMatchObject({ rule: 'all_officers_sign' });
      const stranger = await system.http('POST', `/api/documents/${id}/sign`, {
        token: await system.login('yjj-officer3'),
      });
      expect(stranger.status).toBe(403);
      const outsider = await system.http('GET', `/api/documents/${id}/print`, {
        token: await system.login('jxw-officer1'),
      });
      expect(outsider.status).toBe(403);
      const denials = await system.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.caseId, n), eq(auditLog.outcome, 'denied')));
      expect(denials.map((d) => d.action).sort()).toEqual(['document.read', 'document.sign']);

      expect((await system.http('POST', `/api/documents/${id}/sign`, { token: officer })).status).toBe(200);
      expect((await system.http('POST', `/api/documents/${id}/sign`, { token: officer })).status).toBe(409);
      expect((await system.http('POST', `/api/documents/${id}/sign`, { token: officer2 })).status).toBe(200);
      expect((await system.http('POST', `/api/documents/${id}/issue`, { token: officer })).status).toBe(403);
      const issued = await system.http('POST', `/api/documents/${id}/issue`, { token: head });
      expect(issued.status).toBe(200);
      const year = yearOf(today());
      expect(issued.body.number).toMatch(new RegExp(`^北碚应急催〔${year}〕\\d+号$`));
      expect(issued.body.issuedOn).toBe(today());
      expect((await system.http('POST', `/api/documents/${id}/issue`, { token: head })).status).toBe(409);

      // A correction is a new version under a new number; the first number stays with the first version.
      const corrected = await system.http('POST', `/api/documents/${id}/corrections`, {
        token: officer,
        body: { reason: '当事人名称有误' },
      });
      expect(corrected.status).toBe(201);
      expect(corrected.body).toMatchObject({ version: 2, replacesId: id, status: 'draft', number: null });
      const id2 = corrected.body.id as string;
      for (const t of [officer, officer2])
        expect((await system.http('POST', `/api/documents/${id2}/sign`, { token: t })).status).toBe(200);
      const reissued = await system.http('POST', `/api/documents/${id2}/issue`, { token: head });
      expect(reissued.status).toBe(200);
      expect(reissued.body.number).not.toBe(issued.body.number);

      const register = await system.database.db
        .select()
        .from(documentNumbers)
        .where(
          and(
            eq(documentNumbers.departmentId, 'yjj'),
            eq(documentNumbers.kind, 'payment-demand'),
            eq(documentNumbers.year, year),
          ),
        );
      const seqs = register.map((r) => r.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      const first = register.find((r) => r.documentId === id)!;
      const second = register.find((r) => r.documentId === id2)!;
      expect(second.seq).toBe(first.seq + 1);
      expect(first.number).toBe(issued.body.number);
      expect(new Set(register.map((r) => r.number)).size).toBe(register.length);

      const listed = await system.http('GET', docsPath(n), { token: officer });
      expect(listed.status).toBe(200);
      expect((listed.body.items as Array<{ id: string; status: string }>).map((d) => [d.id, d.status])).toEqual([
        [id, 'superseded'],
        [id2, 'issued'],
      ]);
      const issuedAudit = await system.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.caseId, n), eq(auditLog.action, 'document.issued')));
      expect(issuedAudit.map((a) => a.detail?.number)).toEqual([issued.body.number, reissued.body.number]);

      // The PDF carries the number, the date in 年月日 and the amounts in 大写; the surcharge reached its cap.
      const text = await pdfText(id2, officer);
      expect(text).toContain(reissued.body.number);
      expect(text).toContain(formatChineseDate(today()));
      expect(text).toContain('合计10,000.00元（人民币壹万元整）');
      expect(text).toContain('已达到罚款数额，依法不再加处');
      expect(text).not.toContain('继续');

      const printView = await system.http('GET', `/api/documents/${id2}/print`, { token: officer });
      expect(printView.status).toBe(200);
      expect(printView.headers.get('content-type')).toContain('text/html');
      expect(printView.body).toContain('@media print');
      expect(printView.body).toContain('更正理由：当事人名称有误');

      // The case page of the console lists both versions with 预览 / 下载 / 打印; the head seals from there.
      const cookie = (token: string) => ({ cookie: `af_session=${token}; af_csrf=t0k3n; af_seen=${seenStamp(token)}` });
      const wf = encodeURIComponent(started.body.workflowId as string);
      const casePage = await fetch(`${system.baseUrl}/cases/${wf}`, { headers: cookie(officer) });
      const html = await casePage.text();
      expect(casePage.status).toBe(200);
      expect(html).toContain('<h2 id="documents-h">文书</h2>');
      expect(html).toContain(reissued.body.number);
      expect(html).toContain(`/cases/${wf}/documents/${id2}/pdf?download=1`);
      const consolePdf = await fetch(`${system.baseUrl}/cases/${wf}/documents/${id2}/pdf?download=1`, {
        headers: cookie(officer),
      });
      expect(consolePdf.status).toBe(200);
      expect(consolePdf.headers.get('content-disposition')).toMatch(/^attachment/);
      const consolePrint = await (
        await fetch(`${system.baseUrl}/cases/${wf}/documents/${id2}/print`, { headers: cookie(officer) })
      ).text();
      expect(consolePrint).toContain(`href="/cases/${wf}/documents/${id2}/pdf?download=1"`);
      const consoleDraft = await fetch(`${system.baseUrl}/cases/${wf}/documents`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...cookie(officer), 'content-type': 'application/x-www-form-urlencoded', origin: system.baseUrl },
        body: new URLSearchParams({ _csrf: 't0k3n', kind: 'enforcement-application' }).toString(),
      });
      expect(consoleDraft.status).toBe(303);
      expect(decodeURIComponent(consoleDraft.headers.get('location') ?? '')).toContain(
        '催告书送达前不能制作强制执行申请书',
      );

      // Served today: the 10-working-day wait still runs, so the court application is still refused.
      const served = await system.http('POST', `${casePath(n)}/actions`, {
        token: officer,
        body: { action: 'record-demand-service', requestId: randomUUID(), servedOn: today(), method: 'direct' },
      });
      expect(served.status).toBe(200);
      const waiting = await until(async () => {
        const res = await system.http('POST', docsPath(n), {
          token: officer,
          body: { kind: 'enforcement-application' },
        });
        return res.body?.errors?.[0]?.rule === 'demand_wait_running' ? res : undefined;
      }, 'demand served, wait running');
      expect(waiting.status).toBe(409);
    },
  );

  it('keeps numbers gapless when two heads issue at once', async () => {
    const db = system.database.db;
    const year = yearOf(today());
    const drafts = await Promise.all(
      ['A', 'B', 'C', 'D'].map((tag) =>
        insertDraft(db, {
          workflowId: `concurrency-${tag}-${randomUUID()}`,
          caseNumber: `并发测试${tag}`,
          departmentId: 'jxw',
          content: serviceReceiptDocument({
            departmentName: '区经济信息委',
            documentName: '催告书',
            documentNumber: '测试',
            addressee: '某公司',
            servers: ['杨某'],
          }),
          officers: ['jxw-officer1'],
          createdBy: 'jxw-officer1',
        }),
      ),
    );
    for (const d of drafts) await signDocument(db, d.id, { id: 'jxw-officer1', name: '测试' });
    const issued = await Promise.all(drafts.map((d) => issueDocument(db, d.id, { id: 'jxw-head' }, today())));
    const register = await db
      .select()
      .from(documentNumbers)
      .where(
        and(
          eq(documentNumbers.departmentId, 'jxw'),
          eq(documentNumbers.kind, 'service-receipt'),
          eq(documentNumbers.year, year),
        ),
      );
    expect(register.map((r) => r.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    expect(new Set(issued.map((d) => d.number))).toEqual(
      new Set([1, 2, 3, 4].map((n) => `北碚经济信息委送〔${year}〕${n}号`)),
    );
    // The register and a signed document's content cannot be altered.
    await expect(db.delete(documentNumbers).where(eq(documentNumbers.departmentId, 'jxw'))).rejects.toThrow();
  });
});
