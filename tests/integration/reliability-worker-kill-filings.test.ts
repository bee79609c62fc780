// Kill the worker (SIGKILL) while accidents, annual plans, criminal transfers and blacklist entries
// are driven to their external filings at once: each reaches its stage, and each agency receives
// each filing exactly once (the simulator keeps every request, so retries are counted too).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-trail';
import { recordReliability } from '../support/reliability-report';
import {
  afterKills,
  approveWhenAssigned,
  Deadline,
  sendUntilDecided,
  startKillableSystem,
  until,
  type KillableSystem,
} from '../support/worker-killer';

let k: KillableSystem;
beforeAll(async () => {
  k = await startKillableSystem(['yjj-officer1', 'yjj-head', 'yjj-legal', 'sfj-reviewer1', 'gov-leader', 'aqb-head']);
});
afterAll(async () => {
  await k?.close();
});

const KILLS = 6;
const PLAN_YEAR = 2031;
const shanghai = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00');
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const nextYear = () => new Date(Date.now() + 8 * 3600_000 + 365 * 86_400_000).toISOString().slice(0, 10);

/** Sends as `userId` until decided; the request id stays the same across retries. */
const send = (
  userId: string,
  what: string,
  deadline: Deadline,
  method: string,
  path: string,
  body: Record<string, unknown> = {},
) => sendUntilDecided(k.system, what, deadline, method, path, k.tokens[userId]!, { requestId: randomUUID(), ...body });
const read = (userId: string, path: string) => k.system.http('GET', path, { token: k.tokens[userId] });

async function driveAccident(caseNumber: string, deadline: Deadline): Promise<void> {
  const path = `/api/accidents/${encodeURIComponent(caseNumber)}`;
  const stage = async () => (await read('yjj-officer1', path)).body?.case?.stage as string | undefined;
  await until('investigation', deadline, async () => ((await stage()) === 'investigation' ? true : undefined));
  await send('yjj-head', 'form team', deadline, 'POST', `${path}/actions`, {
    action: 'form-team',
    leader: '王德明',
    members: [
      { departmentId: 'yjj', name: '李强' },
      { departmentId: 'jxw', name: '徐涛' },
    ],
  });
  await send('yjj-officer1', 'submit report', deadline, 'POST', `${path}/actions`, {
    action: 'submit-report',
    document: { documentNo: '北碚安委〔2026〕91号', title: '故障注入事故调查报告' },
  });
  await approveWhenAssigned(k, caseNumber, 'gov-leader', randomUUID(), deadline);
  await approveWhenAssigned(k, caseNumber, 'sfj-reviewer1', randomUUID(), deadline);
  await until('awaiting publication', deadline, async () =>
    (await stage()) === 'awaiting-publication' ? true : undefined,
  );
  await send('yjj-officer1', 'publish', deadline, 'POST', `${path}/actions`, {
    action: 'publish',
    note: '已作保密审查',
  });
  await until('follow-up', deadline, async () => ((await stage()) === 'follow-up' ? true : undefined));
}

async function driveAnnualPlan(deadline: Deadline): Promise<string> {
  await send('aqb-head', 'open cycle', deadline, 'POST', '/api/plan-cycles', { year: PLAN_YEAR });
  await until('plan task opened', deadline, async () =>
    (await read('yjj-officer1', `/api/annual-plans/${PLAN_YEAR}/yjj`)).status === 200 ? true : undefined,
  );
  const content = {
    enforcementStaff: 5,
    otherDutyDays: 400,
    items: [
      {
        itemId: 'Q1-01',
        enterpriseId: 'ent-001',
        kind: 'key',
        quarter: 1,
        legalBasis: '《危险化学品安全管理条例》第六条',
        plannedDays: 6,
      },
    ],
  };
  await send('yjj-officer1', 'draft plan', deadline, 'POST', '/api/annual-plans', {
    year: PLAN_YEAR,
    departmentId: 'yjj',
    content,
  });
  await send('yjj-officer1', 'submit plan', deadline, 'POST', `/api/annual-plans/${PLAN_YEAR}/yjj/submit`);
  const planId = `AP-${PLAN_YEAR}-yjj`;
  for (const userId of ['yjj-head', 'yjj-legal', 'gov-leader'])
    await approveWhenAssigned(k, planId, userId, randomUUID(), deadline);
  // The 安委办's receipt is refused (409) until the approval is in; one request id, so an answer lost to a kill is
  // answered again.
  const filingRequest = { requestId: randomUUID(), receiptNo: '北碚安委办备〔2031〕1号' };
  await until('filing accepted', deadline, async () => {
    const res = await k.system.http('POST', `/api/annual-plans/${PLAN_YEAR}/yjj/filing`, {
      token: k.tokens['aqb-head'],
      body: filingRequest,
    });
    return res.status === 200 ? true : undefined;
  });
  await until('filed upward and published', deadline, async () => {
    const row = (await read('aqb-head', `/api/plan-cycles/${PLAN_YEAR}/overview`)).body.units.find(
      (u: { departmentId: string }) => u.departmentId === 'yjj',
    );
    return row?.filed && row.receipts?.upperAuthority && row.receipts?.publication ? true : undefined;
  });
  return planId;
}

async function driveCriminalTransfer(caseNumber: string, deadline: Deadline): Promise<void> {
  await approveWhenAssigned(k, caseNumber, 'yjj-head', randomUUID(), deadline);
  await until('transferred', deadline, async () =>
    (await read('yjj-officer1', `/api/criminal-transfers/${caseNumber}`)).body?.case?.stage ===
    'awaiting-police-decision'
      ? true
      : undefined,
  );
}

async function driveBlacklist(caseNumber: string, deadline: Deadline): Promise<void> {
  await approveWhenAssigned(k, caseNumber, 'yjj-head', randomUUID(), deadline);
  await approveWhenAssigned(k, caseNumber, 'aqb-head', randomUUID(), deadline);
  await until('listed', deadline, async () =>
    (await read('yjj-officer1', `/api/blacklist/${caseNumber}`)).body?.entry?.status === 'listed' ? true : undefined,
  );
}

describe('worker killed while cases reach external agencies', () => {
  it('accident report, annual plan, criminal transfer and blacklist entry: each filed exactly once', async () => {
    k.ensureWorker();
    const suffix = randomUUID().slice(0, 6);
    const accident = `SG-K${suffix}`;
    const transfer = `XS-K${suffix}`;
    const blacklist = `HMD-K${suffix}`;
    const created = await Promise.all([
      k.system.http('POST', '/api/accidents', {
        token: k.tokens['yjj-officer1'],
        body: {
          caseNumber: accident,
          occurredAt: shanghai(Date.now() - 3 * 3600_000),
          reportedAt: shanghai(Date.now() - 2.5 * 3600_000),
          place: '北碚区蔡家岗街道同兴北路 88 号',
          enterprise: { name: '重庆某某建材有限公司', unifiedSocialCreditCode: '91500109MA5U654321' },
          industry: '建材',
          deaths: 1,
          seriousInjuries: 0,
          directLossFen: 200_000_000,
          supervisoryDepartmentIds: ['jxw'],
        },
      }),
      k.system.http('POST', '/api/criminal-transfers', {
        token: k.tokens['yjj-officer1'],
        body: {
          caseNumber: transfer,
          source: { kind: 'enforcement', caseNumber: 'YJJ-ZF-2026-091' },
          suspect: { name: '重庆某燃气有限公司', kind: 'organisation', unifiedSocialCreditCode: '91500109MA5U777777' },
          allegedOffence: '危险作业罪',
          facts: '关闭燃气泄漏报警装置后继续作业。',
          report: { officerIds: ['yjj-officer1', 'yjj-officer2'], summary: '涉嫌危险作业罪，建议移送' },
          materials: {
            investigationReport: { title: '调查报告' },
            exhibitList: { title: '涉案物品清单' },
            appraisalReports: [],
          },
          measuresImposed: [],
        },
      }),
      k.system.http('POST', '/api/blacklist', {
        token: k.tokens['yjj-officer1'],
        body: {
          caseNumber: blacklist,
          enterprise: { name: '重庆北碚某化工有限公司', unifiedSocialCreditCode: '91500109MA60ABCD1X' },
          reason: '瞒报生产安全事故',
          decisionNo: `北碚安委黑〔2026〕${blacklist}号`,
          restriction: { startsOn: today(), endsOn: nextYear() },
          restrictions: ['financing'],
        },
      }),
    ]);
    expect(
      created.map((r) => r.status),
      JSON.stringify(created.map((r) => r.body)),
    ).toEqual([201, 201, 201]);

    const killer = k.startKiller(KILLS);
    const deadline = new Deadline(240_000);
    let planId: string;
    try {
      await afterKills(killer, 1, deadline);
      [planId] = await deadline.all([
        driveAnnualPlan(deadline),
        driveAccident(accident, deadline),
        driveCriminalTransfer(transfer, deadline),
        driveBlacklist(blacklist, deadline),
      ]);
    } finally {
      await killer.stop();
    }

    const { filings, requests } = k.system.agencies.simulator.state;
    const expected: Array<[string, string]> = [
      ['disclosure-portal', accident],
      ['upper-authority', planId],
      ['disclosure-portal', planId],
      ['public-security', transfer],
      ['procuratorate', transfer],
      ['credit-publicity', blacklist],
    ];
    const counted = expected.map(([agency, caseRef]) => [
      agency,
      caseRef,
      filings.filter((f) => f.agency === agency && f.caseRef === caseRef).length,
    ]);
    expect(counted).toEqual(expected.map(([agency, caseRef]) => [agency, caseRef, 1]));
    // Attempts beyond the first are retries after a kill; the agency answered each with the one filing.
    const attempts = requests.filter(
      (r) =>
        r.method !== 'GET' &&
        expected.some(([agency, caseRef]) => r.agency === agency && JSON.stringify(r.body ?? '').includes(caseRef)),
    ).length;
    expect((await verifyAuditChain(k.system.database.db)).ok).toBe(true);
    expect(killer.kills()).toBeGreaterThanOrEqual(2);
    recordReliability('worker SIGKILL during accident, plan, transfer and blacklist filings', {
      trials: 4,
      faultsInjected: killer.kills(),
      workflowsCompleted: 4,
      filingAttempts: attempts,
      duplicatesFound: counted.filter((c) => (c[2] as number) > 1).length,
      recordsLost: counted.filter((c) => c[2] === 0).length,
    });
  }, 330_000);
});
