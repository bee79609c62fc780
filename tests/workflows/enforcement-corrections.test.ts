// Issue 19 items 1–8 on the time-skipping server: the dates and states an officer checks on the case.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseDeadlines, users } from '../../db/schema';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { addDays, daysBetween, shanghaiDateOf, todayInShanghai } from '../../domain/dates';
import { deadlineFor, type LegalBasisId } from '../../domain/legal-basis';
import type { CalendarSnapshot } from '../../domain/calendar';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { Actor } from '../../workflows/approval/types';
import { enforcementCaseWorkflow } from '../../workflows/enforcement-case';
import {
  enforcementViewQuery,
  recordChallengeUpdate,
  recordDemandServiceUpdate,
  recordEnforcementAgreementUpdate,
  recordPublicationUpdate,
  requestDeferralUpdate,
} from '../../workflows/enforcement/messages';
import type { EnforcementCaseInput, EnforcementView, StageId } from '../../workflows/enforcement/types';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
let calendar: CalendarSnapshot;
beforeAll(async () => {
  t = await createWorkflowTestEnv();
  calendar = await currentCalendarSnapshot(t.database.db);
});
afterAll(async () => {
  await t?.teardown();
});
// A case left running by a failed test would hold the time-skipping clock for the next ones.
const started: WorkflowHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.terminate('test over').catch(() => undefined)));
});

const FINE = 1_000_000;
const serverToday = async () => todayInShanghai(await t.env.currentTimeMs());
const due = (from: string, basis: LegalBasisId) => shanghaiDateOf(deadlineFor(calendar, from, basis).due);
const sleepUntilAfter = async (date: string, days = 1) =>
  t.env.sleep(`${Math.max(1, daysBetween(await serverToday(), date) + days)} days`);

async function actor(id: string): Promise<Actor> {
  const [u] = await t.database.db.select().from(users).where(eq(users.id, id));
  return { id: u!.id, name: u!.name, departmentId: u!.departmentId, roles: u!.roles };
}

async function start(overrides: Partial<EnforcementCaseInput> = {}) {
  const today = await serverToday();
  const decisionNumber = `北碚应急罚〔2026〕L${randomUUID().slice(0, 6)}号`;
  const input: EnforcementCaseInput = {
    decisionNumber,
    decidedOn: today,
    party: { name: '重庆某某化工有限公司', unifiedSocialCreditCode: '91500109MA5U123456' },
    fineFen: FINE,
    servedOn: today,
    serviceMethod: 'direct',
    departmentId: 'yjj',
    departmentName: '北碚区应急管理局',
    initiatorId: 'yjj-officer1',
    facts: '未按规定对重大危险源进行定期检测',
    reasons: '违反《安全生产法》第四十条',
    legalBasisText: '《安全生产法》第一百零一条',
    ...overrides,
  };
  const handle = await t.env.client.workflow.start(enforcementCaseWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: `enforcement-${decisionNumber}`,
    args: [input],
  });
  started.push(handle);
  return { handle, input };
}

const view = (handle: WorkflowHandle): Promise<EnforcementView> => handle.query(enforcementViewQuery);

async function waitFor(handle: WorkflowHandle, check: (v: EnforcementView) => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    const v = await view(handle);
    if (check(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`case never showed ${what}: ${JSON.stringify({ ...(await view(handle)), demand: undefined })}`);
}
const waitForStage = (handle: WorkflowHandle, stage: StageId) => waitFor(handle, (v) => v.stage === stage, stage);

async function deadlinesOf(workflowId: string) {
  const rows = await t.database.db.select().from(caseDeadlines).where(eq(caseDeadlines.workflowId, workflowId));
  return Object.fromEntries(rows.map((r) => [r.key, r]));
}

async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !check(value); i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}
const deadlineRows = (handle: WorkflowHandle, check: (d: Awaited<ReturnType<typeof deadlinesOf>>) => boolean) =>
  eventually(() => deadlinesOf(handle.workflowId), check);

async function officerAct<T = unknown>(
  handle: WorkflowHandle,
  update: { name: string },
  fields: Record<string, unknown>,
) {
  const requestId = randomUUID();
  return handle.executeUpdate<T, [unknown]>(update.name, {
    args: [{ requestId, actor: await actor('yjj-officer1'), ...fields }],
    updateId: requestId,
  });
}

async function approveCurrentStep(handle: WorkflowHandle, stepId: string) {
  for (let i = 0; i < 200; i++) {
    if ((await handle.query(approvalStateQuery)).current?.stepId === stepId) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const requestId = randomUUID();
  await handle.executeUpdate(actionUpdates.approve, {
    args: [{ requestId, actor: await actor('yjj-head'), comment: '同意' }],
    updateId: requestId,
  });
}

async function rejectionType(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as { type?: string }).type ?? 'none';
}

describe('legal corrections on the enforcement case (issue 19)', { timeout: 180_000 }, () => {
  it(
    '1, 7: a deferral approved after the deadline keeps the accrued surcharge; the court application runs from ' +
      'the deferral end; only a 执行协议 reduces the surcharge',
    async () => {
      await t.withWorker(async () => {
        const servedOn = addDays(await serverToday(), -20);
        const { handle } = await start({ servedOn, decidedOn: servedOn });
        const overdue = await waitForStage(handle, 'overdue');
        const D = overdue.money.paymentDeadline;
        const A = overdue.balance.asOf;
        const accrued = Math.floor((3 * FINE * daysBetween(D, A)) / 100);
        expect(overdue.balance.surchargeFen).toBe(accrued);

        // Deferred past the 6-month litigation window: Art. 72 ¶2 runs the 3 months from the deferral's end.
        const deferredTo = addDays(servedOn, 240);
        await officerAct(handle, requestDeferralUpdate, { kind: 'deferral', deferredTo, reason: '资金周转困难' });
        await approveCurrentStep(handle, 'deferral');
        const approved = await waitFor(handle, (v) => v.deferral?.status === 'approved', 'approval');
        expect(approved.balance).toMatchObject({ surchargeFen: accrued, surchargeAccruedFen: accrued });
        expect(approved.stage).toBe('payment');
        const applicationDue = due(deferredTo, 'enforcement.court-application-after-deferral');
        expect(approved.windows).toMatchObject({
          courtApplicationFrom: deferredTo,
          courtApplicationDue: applicationDue,
        });
        expect(approved.windows.courtApplicationDue! > deferredTo).toBe(true);

        // The reduction is a separate decision, recorded with its amount and basis (行政强制法 Art. 42).
        const decidedOn = await serverToday();
        expect(
          await rejectionType(
            officerAct(handle, recordEnforcementAgreementUpdate, {
              agreementNo: '执协〔2026〕1号',
              decidedOn,
              reductionFen: accrued + 1,
              remedialMeasures: '已完成重大危险源检测',
            }),
          ),
        ).toBe('INVALID_AMOUNT');
        await officerAct(handle, recordEnforcementAgreementUpdate, {
          agreementNo: '执协〔2026〕1号',
          decidedOn,
          reductionFen: 10_000,
          remedialMeasures: '已完成重大危险源检测',
        });
        const reduced = await waitFor(handle, (v) => v.surchargeReductions.length === 1, 'reduction');
        expect(reduced.surchargeReductions[0]).toMatchObject({
          agreementNo: '执协〔2026〕1号',
          amountFen: 10_000,
          basis: '《行政强制法》第四十二条',
          decidedBy: (await actor('yjj-officer1')).name,
        });
        expect(reduced.balance).toMatchObject({
          surchargeAccruedFen: accrued,
          surchargeReducedFen: 10_000,
          surchargeFen: accrued - 10_000,
        });

        // After the challenge windows but before the deferral ends: no court path, no surcharge growth.
        await sleepUntilAfter(reduced.windows.courtPathOpensAfter, 2);
        const waiting = await view(handle);
        expect(waiting.stage).toBe('payment');
        expect(waiting.balance.surchargeFen).toBe(accrued - 10_000);

        await sleepUntilAfter(deferredTo, 1);
        await waitForStage(handle, 'demand');
        const d = await deadlineRows(handle, (x) => Boolean(x['court-application']));
        expect(d['court-application']).toMatchObject({
          dueDate: applicationDue,
          basisId: 'enforcement.court-application-after-deferral',
          citation: '《行政处罚法》第七十二条第二款；《行政强制法》第五十三条',
        });
      });
    },
  );

  it(
    '2: an on-the-spot decision goes to reconsideration first: no direct-suit window, suit only after the ' +
      'decision',
    async () => {
      await t.withWorker(async () => {
        const { handle, input } = await start({ onTheSpot: true, fineFen: 200_000 });
        const v = await waitForStage(handle, 'payment');
        const reconsiderationEnds = due(input.servedOn, 'enforcement.reconsideration-window');
        expect(v.windows).toMatchObject({ reconsiderationFirst: true, reconsiderationEnds });
        expect(v.windows.litigationEnds).toBeUndefined();
        expect(v.windows.courtPathOpensAfter).toBe(reconsiderationEnds);
        const d = await deadlineRows(handle, (x) => Boolean(x['reconsideration-window']));
        expect(d['litigation-window']).toBeUndefined();
        expect(
          await rejectionType(
            officerAct(handle, recordChallengeUpdate, { kind: 'litigation', event: 'filed', date: input.servedOn }),
          ),
        ).toBe('NOT_ELIGIBLE');

        await t.env.sleep('3 days');
        const F = await serverToday();
        await officerAct(handle, recordChallengeUpdate, { kind: 'reconsideration', event: 'filed', date: F });
        await t.env.sleep('20 days');
        const G = await serverToday();
        await officerAct(handle, recordChallengeUpdate, {
          kind: 'reconsideration',
          event: 'decided',
          date: G,
          outcome: 'upheld',
        });
        const after = await waitFor(handle, (x) => x.challenges[0]?.decidedOn === G, 'decision');
        expect(after.windows.litigationEnds).toBe(due(G, 'enforcement.litigation-after-reconsideration'));
        expect(after.windows.courtPathOpensAfter).toBe(after.windows.litigationEnds);
        await officerAct(handle, recordChallengeUpdate, { kind: 'litigation', event: 'filed', date: G });
        await waitForStage(handle, 'challenged');
      });
    },
  );

  it(
    '3: a first-instance judgment keeps the surcharge paused and the court path closed until final; an appeal is ' +
      'recorded',
    async () => {
      await t.withWorker(async () => {
        const { handle, input } = await start();
        const D = due(input.servedOn, 'enforcement.payment');
        await sleepUntilAfter(D, 3);
        const F = (await waitForStage(handle, 'overdue')).balance.asOf;
        await officerAct(handle, recordChallengeUpdate, { kind: 'litigation', event: 'filed', date: F });
        const frozen = (await waitForStage(handle, 'challenged')).balance.surchargeFen;
        expect(frozen).toBe(Math.floor((3 * FINE * (daysBetween(D, F) - 1)) / 100));

        await t.env.sleep('30 days');
        const G = await serverToday();
        await officerAct(handle, recordChallengeUpdate, {
          kind: 'litigation',
          event: 'decided',
          date: G,
          servedOn: G,
          outcome: 'upheld',
        });
        const judged = await waitFor(handle, (v) => Boolean(v.challenges[0]?.firstInstance), 'first instance');
        const appealEnds = due(G, 'enforcement.appeal-window');
        expect(judged.stage).toBe('challenged');
        expect(judged.challenges[0]).toMatchObject({
          instance: 'first',
          firstInstance: { decidedOn: G, servedOn: G, outcome: 'upheld', appealEnds },
        });
        expect(judged.challenges[0]!.decidedOn).toBeUndefined();
        const d = await deadlineRows(handle, (x) => Boolean(x['appeal-window']));
        expect(d['appeal-window']).toMatchObject({ dueDate: appealEnds, citation: '《行政诉讼法》第八十五条' });

        await t.env.sleep('10 days');
        const A = await serverToday();
        await officerAct(handle, recordChallengeUpdate, { kind: 'litigation', event: 'appealed', date: A });
        await t.env.sleep('40 days');
        const stillPaused = await waitFor(handle, (v) => v.challenges[0]?.appealedOn === A, 'appeal');
        expect(stillPaused).toMatchObject({ stage: 'challenged', balance: { surchargeFen: frozen } });
        expect(stillPaused.challenges[0]!.instance).toBe('second');

        const H = await serverToday();
        await officerAct(handle, recordChallengeUpdate, {
          kind: 'litigation',
          event: 'decided',
          date: H,
          outcome: 'upheld',
        });
        const final = await waitForStage(handle, 'overdue');
        expect(final.challenges[0]).toMatchObject({ decidedOn: H, outcome: 'upheld', instance: 'second' });
        expect(final.windows.courtPathOpensAfter).toBe(H);
        expect(final.money.pauses).toEqual([{ from: F, to: H }]);
      });
    },
  );

  it(
    '3: an unappealed first-instance judgment becomes final when the 15 days end, and the court path opens after ' +
      'it',
    async () => {
      await t.withWorker(async () => {
        const servedOn = addDays(await serverToday(), -170);
        const { handle } = await start({ servedOn, decidedOn: servedOn });
        const F = (await waitForStage(handle, 'overdue')).balance.asOf;
        await officerAct(handle, recordChallengeUpdate, { kind: 'litigation', event: 'filed', date: F });
        await waitForStage(handle, 'challenged');
        await t.env.sleep('20 days'); // past the 6-month window: a pending suit still holds the case
        expect((await view(handle)).stage).toBe('challenged');
        const G = await serverToday();
        await officerAct(handle, recordChallengeUpdate, {
          kind: 'litigation',
          event: 'decided',
          date: G,
          outcome: 'upheld',
        });
        const appealEnds = due(G, 'enforcement.appeal-window');
        await sleepUntilAfter(appealEnds, -1);
        expect((await view(handle)).stage).toBe('challenged');
        await sleepUntilAfter(appealEnds, 1);
        const final = await waitFor(handle, (v) => v.challenges[0]?.decidedOn === appealEnds, 'final judgment');
        expect(final.windows.courtPathOpensAfter).toBe(appealEnds);
        expect(final.windows.courtApplicationDue).toBe(due(appealEnds, 'enforcement.court-application'));
        await waitForStage(handle, 'demand');
      });
    },
  );

  it(
    '4: a silent reconsideration body: the party may sue for 15 ' + 'days after its period, then the case moves on',
    async () => {
      await t.withWorker(async () => {
        const servedOn = addDays(await serverToday(), -10);
        const { handle } = await start({ servedOn, decidedOn: servedOn });
        await deadlineRows(handle, (x) => Boolean(x.publication)); // the case has opened and set its windows
        const F = await serverToday();
        await officerAct(handle, recordChallengeUpdate, { kind: 'reconsideration', event: 'filed', date: F });
        const v = await waitForStage(handle, 'challenged');
        const decisionDue = due(
          due(F, 'enforcement.reconsideration-acceptance'),
          'enforcement.reconsideration-decision',
        );
        const suitEnds = due(decisionDue, 'enforcement.litigation-after-silence');
        expect(v.challenges[0]!.decisionDue).toBe(decisionDue);
        expect(v.windows).toMatchObject({ litigationEnds: suitEnds, courtPathOpensAfter: suitEnds });
        const d = await deadlineRows(
          handle,
          (x) => x['litigation-window']?.basisId === 'enforcement.litigation-after-silence',
        );
        expect(d['reconsideration-decision']).toMatchObject({ dueDate: decisionDue, owedBy: '复议机关' });
        expect(d['litigation-window']).toMatchObject({
          dueDate: suitEnds,
          basisId: 'enforcement.litigation-after-silence',
        });

        await sleepUntilAfter(suitEnds, 1);
        const moved = await waitForStage(handle, 'demand');
        expect(moved.challenges[0]).toMatchObject({ lapsedOn: suitEnds });
        expect(moved.money.pauses).toEqual([{ from: F, to: decisionDue }]);
        const after = await deadlineRows(handle, (x) => x['reconsideration-decision']?.status === 'missed');
        expect(after['court-application']!.dueDate).toBe(due(suitEnds, 'enforcement.court-application'));
      });
    },
  );

  it(
    '6: a demand served by public notice counts as served 30 days after publication; the 10 working days run ' +
      'from then',
    async () => {
      await t.withWorker(async () => {
        const servedOn = addDays(await serverToday(), -200);
        const { handle } = await start({ servedOn, decidedOn: servedOn });
        const published = (await waitForStage(handle, 'demand')).balance.asOf;
        await officerAct(handle, recordDemandServiceUpdate, { servedOn: published, method: 'public-notice' });
        const waiting = await waitForStage(handle, 'demand-wait');
        const served = addDays(published, 30);
        expect(waiting.demand).toMatchObject({
          noticePublishedOn: published,
          servedOn: served,
          serviceMethod: 'public-notice',
          waitEnds: due(served, 'enforcement.demand-wait'),
        });
        const d = await deadlineRows(handle, (x) => Boolean(x['demand-wait']));
        expect(d['demand-wait']!.dueDate).toBe(due(served, 'enforcement.demand-wait'));
      });
    },
  );

  it(
    '8: a published decision revoked on reconsideration stays ' + 'open until it is withdrawn (3 working days)',
    async () => {
      await t.withWorker(async () => {
        const { handle, input } = await start({ publishedOn: await serverToday() });
        const opened = await deadlineRows(handle, (x) => x.publication?.status === 'met');
        expect(opened.publication!.dueDate).toBe(due(input.decidedOn, 'enforcement.publication'));
        await officerAct(handle, recordChallengeUpdate, {
          kind: 'reconsideration',
          event: 'filed',
          date: input.servedOn,
        });
        await t.env.sleep('5 days');
        const G = await serverToday();
        await officerAct(handle, recordChallengeUpdate, {
          kind: 'reconsideration',
          event: 'decided',
          date: G,
          outcome: 'revoked',
        });
        const revoked = await waitFor(handle, (v) => Boolean(v.publication.withdrawalDue), 'withdrawal due');
        expect(revoked.publication.withdrawalDue).toBe(due(G, 'enforcement.publication-withdrawal'));
        await officerAct(handle, recordPublicationUpdate, { event: 'withdrawn', date: G });
        const closed = await waitFor(handle, (v) => v.stage === 'closed', 'closed');
        expect(closed.outcome).toBe('decision-revoked');
        const d = await deadlineRows(handle, (x) => x['publication-withdrawal']?.status === 'met');
        expect(d['publication-withdrawal']).toMatchObject({
          dueDate: revoked.publication.withdrawalDue,
          status: 'met',
        });
      });
    },
  );

  it(
    '5, 6, 8: public notice served after 30 days; a decision without the remedies stated gets one-year windows; ' +
      'publication within 7 working days and withdrawal within 3',
    async () => {
      await t.withWorker(async () => {
        const published = await serverToday();
        const { handle, input } = await start({ serviceMethod: 'public-notice', remediesStated: false });
        const v = await waitForStage(handle, 'payment');
        const served = addDays(published, 30);
        expect(v).toMatchObject({ deemedServedOn: served, noticePublishedOn: published, remediesStated: false });
        expect(v.money.paymentDeadline).toBe(due(served, 'enforcement.payment'));
        expect(v.windows).toMatchObject({
          reconsiderationEnds: due(served, 'enforcement.reconsideration-window-unstated'),
          litigationEnds: due(served, 'enforcement.litigation-window-unstated'),
        });
        expect(v.publication.due).toBe(due(input.decidedOn, 'enforcement.publication'));
        const d = await deadlineRows(handle, (x) => Boolean(x.publication && x['litigation-window']));
        expect(d.payment!.dueDate).toBe(due(served, 'enforcement.payment'));
        expect(d['reconsideration-window']).toMatchObject({
          basisId: 'enforcement.reconsideration-window-unstated',
          citation: '《行政复议法》第二十条第三款',
        });
        expect(d.publication).toMatchObject({ dueDate: v.publication.due, owedBy: '本机关', status: 'pending' });

        await t.env.sleep('2 days');
        const P = await serverToday();
        await officerAct(handle, recordPublicationUpdate, { event: 'published', date: P });
        await deadlineRows(handle, (x) => x.publication?.status === 'met');
        await officerAct(handle, recordChallengeUpdate, { kind: 'reconsideration', event: 'filed', date: P });
        await t.env.sleep('10 days');
        const G = await serverToday();
        await officerAct(handle, recordChallengeUpdate, {
          kind: 'reconsideration',
          event: 'decided',
          date: G,
          outcome: 'varied',
          newFineFen: 500_000,
        });
        const varied = await waitFor(handle, (x) => Boolean(x.publication.withdrawalDue), 'withdrawal due');
        expect(varied.publication.withdrawalDue).toBe(due(G, 'enforcement.publication-withdrawal'));
        expect(varied.money.fineFen).toBe(500_000);
        await officerAct(handle, recordPublicationUpdate, { event: 'withdrawn', date: G });
        const w = await deadlineRows(handle, (x) => x['publication-withdrawal']?.status === 'met');
        expect(w['publication-withdrawal']).toMatchObject({ dueDate: varied.publication.withdrawalDue, status: 'met' });
        await officerAct(handle, recordChallengeUpdate, { kind: 'litigation', event: 'filed', date: G });
        await t.env.sleep('1 day');
      });
    },
  );
});
