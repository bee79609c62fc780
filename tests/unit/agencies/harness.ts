import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { gatewayConfigUnder } from '../../../agencies/config';
import { createAgencyGateway } from '../../../agencies/gateway';
import { callbackHeaders, verifySignature, type SignatureCheck } from '../../../agencies/signing';
import { startSimulatorServer, type RunningSimulator } from '../../../agencies/simulator/server';
import type { SimulatorOptions } from '../../../agencies/simulator';
import {
  agencyIds,
  type AgencyId,
  type CallbackEvent,
  type CourtEnforcementApplication,
  type CriminalCaseTransfer,
} from '../../../agencies/types';

export const secret = 'test-callback-secret-0123456789';
export const secrets = Object.fromEntries(agencyIds.map((id) => [id, `${secret}-${id}`])) as Record<AgencyId, string>;

/** Serves a fetch handler on an ephemeral port, as real HTTP. */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      }),
    );
  });
}

export interface ReceivedCallback {
  agency: string;
  eventId: string | undefined;
  check: SignatureCheck;
  event: CallbackEvent;
}

/** Stands in for our API's callback endpoint: verifies each signature and records what arrived. */
export async function startReceiver() {
  const received: ReceivedCallback[] = [];
  const answers: number[] = [];
  const app = new Hono().post('/api/callbacks/:agency', async (c) => {
    const agency = c.req.param('agency') as AgencyId;
    const body = await c.req.text();
    const check = verifySignature({
      secret: secrets[agency],
      timestamp: c.req.header(callbackHeaders.timestamp),
      signature: c.req.header(callbackHeaders.signature),
      body,
    });
    const status = answers.shift() ?? 200;
    if (status === 200)
      received.push({ agency, eventId: c.req.header(callbackHeaders.eventId), check, event: JSON.parse(body) });
    return c.json({ ok: status === 200 }, status as 200);
  });
  const server = await listen(app.fetch);
  return {
    url: server.url,
    received,
    /** The next answers to give, e.g. [503, 503] while "our API is down". */
    answerWith: (...statuses: number[]) => answers.push(...statuses),
    clear: () => {
      received.length = 0;
      answers.length = 0;
    },
    waitFor: (count: number, timeoutMs = 5_000) =>
      waitUntil(() => received.length >= count, timeoutMs).then(() => received),
    close: server.close,
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export async function startAgencies(options: Partial<SimulatorOptions> = {}, timeoutMs?: number) {
  const running: RunningSimulator = await startSimulatorServer(
    {
      callbackBaseUrl: 'http://127.0.0.1:9',
      secrets,
      defaultDelayMs: 20,
      callbackRetry: { initialDelayMs: 20, maxDelayMs: 100, maxAttempts: 5 },
      ...options,
    },
    0,
  );
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${running.url}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
  };
  return {
    ...running,
    state: running.simulator.state,
    gateway: createAgencyGateway(gatewayConfigUnder(running.url, { timeoutMs })),
    admin,
  };
}
export type Agencies = Awaited<ReturnType<typeof startAgencies>>;

export async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A complete application for compulsory enforcement of a ¥20,000 fine with ¥6,000 surcharge. */
export function courtApplication(caseRef = '北碚应急罚〔2026〕12号'): CourtEnforcementApplication {
  return {
    caseRef,
    applicantAgency: '重庆市北碚区应急管理局',
    agencyHead: '张局长',
    signedOn: '2026-06-15',
    respondent: {
      name: '重庆某某化工有限公司',
      unifiedSocialCreditCode: '91500109MA5U123456',
      address: '重庆市北碚区蔡家岗街道',
    },
    penaltyDecisionNo: '（北碚）应急罚〔2026〕12号',
    penaltyDecidedOn: '2026-01-05',
    fineFen: 2_000_000,
    surchargeFen: 600_000,
    demandServedOn: '2026-05-20',
    enforcementTarget: '罚款人民币贰万元及加处罚款陆仟元',
    materials: [{ title: '行政处罚决定书' }, { title: '催告书及送达回证' }],
  };
}

/** A transfer of a suspected 重大责任事故罪 with the Art. 6 materials. */
export function criminalTransfer(caseRef = '北碚应急罚〔2026〕12号'): CriminalCaseTransfer {
  return {
    caseRef,
    transferLetterNo: '北碚应急移〔2026〕1号',
    transferringAgency: '重庆市北碚区应急管理局',
    suspect: { kind: 'person', name: '李某' },
    allegedOffence: '重大责任事故罪',
    facts: '2026年3月2日，某厂房动火作业引发火灾，造成1人死亡。',
    approvedBy: '张局长',
    approvedOn: '2026-03-10',
    materials: {
      investigationReport: { title: '案件调查报告' },
      exhibitList: { title: '涉案物品清单' },
      appraisalReports: [{ title: '火灾事故认定书' }],
    },
  };
}
