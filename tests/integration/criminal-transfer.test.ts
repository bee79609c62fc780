import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system';
import { checkResponsesOf } from '../support/response-conformance';
import { until } from '../support/poll';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
  checkResponsesOf(system); // every answer must match the OpenAPI document
});
afterAll(async () => {
  await system?.stop();
});

const body = (caseNumber: string) => ({
  caseNumber,
  source: { kind: 'enforcement', caseNumber: 'YJJ-ZF-2026-077' },
  suspect: { name: '重庆某燃气有限公司', kind: 'organisation', unifiedSocialCreditCode: '91500109MA5U777777' },
  allegedOffence: '危险作业罪',
  facts: '关闭燃气泄漏报警装置后继续作业，具有发生重大伤亡事故的现实危险。',
  report: { officerIds: ['yjj-officer1', 'yjj-officer2'], summary: '涉嫌危险作业罪，建议移送' },
  materials: {
    investigationReport: { title: '调查报告' },
    exhibitList: { title: '涉案物品清单' },
    appraisalReports: [],
  },
  measuresImposed: [{ kind: 'production-halt', decisionNo: '（北碚）应急罚〔2026〕77号', decidedOn: '2026-05-06' }],
});

describe('criminal case transfers through the API', () => {
  it(
    'refuses a report by fewer than two officers, an unknown source kind and an outsider officer, starting ' +
      'nothing',
    async () => {
      const token = await system.login('yjj-officer1');
      const caseNumber = `XS-${randomUUID().slice(0, 6)}`;
      const one = await system.http('POST', '/api/criminal-transfers', {
        token,
        body: { ...body(caseNumber), report: { officerIds: ['yjj-officer1'], summary: '报告' } },
      });
      expect(one.status).toBe(400);
      expect(one.body.errors).toEqual([
        expect.objectContaining({ field: 'body.report.officerIds', message: '移送书面报告须由两名以上执法人员提出' }),
      ]);
      const same = await system.http('POST', '/api/criminal-transfers', {
        token,
        body: { ...body(caseNumber), report: { officerIds: ['yjj-officer1', 'yjj-officer1'], summary: '报告' } },
      });
      expect(same.status).toBe(422);
      expect(same.body.errors[0]).toMatchObject({ field: 'body.report.officerIds', rule: 'min_two_officers' });
      const kind = await system.http('POST', '/api/criminal-transfers', {
        token,
        body: { ...body(caseNumber), source: { kind: 'inspection', caseNumber: 'X-001' } },
      });
      expect(kind.status).toBe(400);
      expect(kind.body.errors[0].field).toBe('body.source.kind');
      const outsider = await system.http('POST', '/api/criminal-transfers', {
        token,
        body: { ...body(caseNumber), report: { officerIds: ['yjj-officer1', 'jxw-officer1'], summary: '报告' } },
      });
      expect(outsider.status).toBe(422);
      expect(outsider.body.errors[0].field).toBe('body.report.officerIds');
      expect((await system.http('GET', `/api/criminal-transfers/${caseNumber}`, { token })).status).toBe(404);
    },
  );

  it(
    'transfers after the head approves in the inbox; the police refuse by callback and the agency accepts: ' +
      'administrative handling',
    async () => {
      const officer = await system.login('yjj-officer1');
      const head = await system.login('yjj-head');
      const caseNumber = `XS-${randomUUID().slice(0, 6)}`;
      const started = await system.http('POST', '/api/criminal-transfers', { token: officer, body: body(caseNumber) });
      expect(started.status).toBe(201);
      expect(
        (await system.http('POST', '/api/criminal-transfers', { token: officer, body: body(caseNumber) })).status,
      ).toBe(409);

      const task = await until(async () => {
        const res = await system.http('GET', '/api/tasks?view=mine', { token: head });
        return (res.body.items as Array<{ id: string; workflowId: string; legalBasis: string | null }>).find(
          (t) => t.workflowId === started.body.workflowId,
        );
      }, 'head task');
      expect(task.legalBasis).toBe('《行政执法机关移送涉嫌犯罪案件的规定》第五条');
      expect(
        (
          await system.http('POST', `/api/tasks/${task.id}/actions`, {
            token: head,
            body: { action: 'approve', requestId: randomUUID(), comment: '同意移送' },
          })
        ).status,
      ).toBe(200);

      const transferred = await until(async () => {
        const res = await system.http('GET', `/api/criminal-transfers/${caseNumber}`, { token: officer });
        return res.body.case?.stage === 'awaiting-police-decision' ? res.body : undefined;
      }, 'transferred');
      expect(transferred.deadlines.map((d: { key: string; status: string }) => [d.key, d.status])).toEqual(
        expect.arrayContaining([
          ['head-decision', 'met'],
          ['transfer', 'met'],
          ['police-decision', 'pending'],
        ]),
      );
      expect(transferred.timeline.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining([
          'criminal-transfer.reported',
          'criminal-transfer.measures-unaffected',
          'approval.approve',
          'criminal-transfer.transferred',
        ]),
      );
      const policeReceiptNo = transferred.case.summary.transfer.policeReceiptNo as string;
      expect(
        system.agencies.simulator.state.filings
          .filter((f) => f.caseRef === caseNumber)
          .map((f) => f.agency)
          .sort(),
      ).toEqual(['procuratorate', 'public-security']);

      // Deciding before the police answer is refused, audited, and changes nothing.
      const early = await system.http('POST', `/api/criminal-transfers/${caseNumber}/actions`, {
        token: head,
        body: { requestId: randomUUID(), action: 'accept-refusal' },
      });
      expect(early.status).toBe(409);

      // The police refuse: the simulator posts the signed callback to our API.
      const sent = await fetch(`${system.agencies.url}/__admin/callbacks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          agency: 'public-security',
          type: 'police.refused',
          caseRef: caseNumber,
          data: { receiptNo: policeReceiptNo, decisionNo: '北公（刑）不立字〔2026〕21号', reason: '不构成犯罪' },
          wait: true,
        }),
      });
      expect(sent.status).toBe(200);
      await until(async () => {
        const res = await system.http('GET', `/api/criminal-transfers/${caseNumber}`, { token: officer });
        return res.body.case?.stage === 'police-refused' ? true : undefined;
      }, 'police refused');

      const byOfficer = await system.http('POST', `/api/criminal-transfers/${caseNumber}/actions`, {
        token: officer,
        body: { requestId: randomUUID(), action: 'accept-refusal' },
      });
      expect(byOfficer.status).toBe(403);
      const noReasons = await system.http('POST', `/api/criminal-transfers/${caseNumber}/actions`, {
        token: head,
        body: { requestId: randomUUID(), action: 'request-reconsideration' },
      });
      expect(noReasons.status).toBe(400);
      expect(noReasons.body.errors[0].field).toBe('body.reasons');
      const accepted = await system.http('POST', `/api/criminal-transfers/${caseNumber}/actions`, {
        token: head,
        body: { requestId: randomUUID(), action: 'accept-refusal', comment: '依法作出行政处罚' },
      });
      expect(accepted.status).toBe(200);

      const closed = await until(async () => {
        const res = await system.http('GET', `/api/criminal-transfers/${caseNumber}`, { token: officer });
        return res.body.case?.status === 'closed' ? res.body : undefined;
      }, 'closed');
      expect(closed.case).toMatchObject({ outcome: 'returned', stageLabel: '已转行政处理' });
      const denials = closed.timeline
        .filter((e: { outcome: string }) => e.outcome !== 'ok')
        .map((e: { action: string; outcome: string }) => [e.action, e.outcome]);
      expect(denials).toEqual(
        expect.arrayContaining([
          ['criminal-transfer.accept-refusal', 'denied'],
          ['criminal-transfer.accept-refusal', 'rejected'],
        ]),
      );

      const list = await system.http('GET', '/api/criminal-transfers?status=closed', { token: officer });
      expect(list.body.items.map((c: { caseNumber: string }) => c.caseNumber)).toContain(caseNumber);
      const outsider = await system.login('jxw-head');
      expect((await system.http('GET', `/api/criminal-transfers/${caseNumber}`, { token: outsider })).status).toBe(403);
    },
  );
});
