import { randomUUID } from 'node:crypto';
import { Client, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseDeadlines, cases, outbox, users } from '../../db/schema';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { addDays, daysBetween, shanghaiDateOf, todayInShanghai } from '../../domain/dates';
import { deadlineFor, type LegalBasisId } from '../../domain/legal-basis';
import type { CalendarSnapshot } from '../../domain/calendar';
import type { CallbackEvent } from '../../agencies/types';
import { agencyCallbackUpdate } from '../../workflows/agency/messages';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { Actor } from '../../workflows/approval/types';
import { enforcementCaseWorkflow } from '../../workflows/enforcement-case';
import {
  enforcementViewQuery,
  requestDeferralUpdate,
  recordChallengeUpdate,
  recordCourtReviewUpdate,
  recordDemandServiceUpdate,
  recordPaymentUpdate,
  recordStatementUpdate,
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

const FINE = 1_000_000; // 1万元
/** Today on the test server's (skipped) clock. */
const serverToday = async () => todayInShanghai(await t.env.currentTimeMs());
const due = (from: string, basis: LegalBasisId) => shanghaiDateOf(deadlineFor(calendar, from, basis).due);

async function actor(id: string): Promise<Actor> {
  const [u] = await t.database.db.select().from(users).where(eq(users.id, id));
  return { id: u!.id, name: u!.name, departmentId: u!.departmentId, roles: u!.roles };
}

async function start(overrides: Partial<EnforcementCaseInput> = {}) {
  const today = await serverToday();
  const decisionNumber = `北碚应急罚〔2026〕${randomUUID().slice(0, 6)}号`;
  const input: EnforcementCaseInput = {
    decisionNumber,
    decidedOn: today,
    party: { name: '重庆某某化工有限公司', unifiedSocialCreditCode: '91500109MA5U123456', address: '北碚区童家溪镇' },
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
  return { handle, input };
}

/** The result without unlocking time skipping (the test client's result() would let the clock run away). */
async function resultOf(handle: WorkflowHandle) {
  const client = new Client({ connection: t.env.connection, namespace: t.env.namespace ?? 'default' });
  return client.workflow.getHandle<typeof enforcementCaseWorkflow>(handle.workflowId).result();
}

async function view(handle: WorkflowHandle): Promise<EnforcementView> {
  return handle.query(enforcementViewQuery);
}

async function waitForStage(handle: WorkflowHandle, stage: StageId): Promise<EnforcementView> {
  for (let i = 0; i < 200; i++) {
    const v = await view(handle);
    if (v.stage === stage) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`case never reached ${stage}: ${JSON.stringify({ ...(await view(handle)), demand: undefined })}`);
}

async function deadlinesOf(workflowId: string) {
  const rows = await t.database.db.select().from(caseDeadlines).where(eq(caseDeadlines.workflowId, workflowId));
  return Object.fromEntries(rows.map((r) => [r.key, r]));
}

/** The projection is written by an activity after the state changes: wait until it shows `check`. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !check(value); i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

function callback(
  caseRef: string,
  type: CallbackEvent['type'],
  data: Record<string, unknown>,
  on: string,
): CallbackEvent {
  return { eventId: randomUUID(), type, caseRef, occurredAt: `${on}T10:00:00+08:00`, data } as CallbackEvent;
}

async function officerAct<T = unknown>(
  handle: WorkflowHandle,
  update: { name: string },
  fields: Record<string, unknown>,
): Promise<T> {
  const requestId = randomUUID();
  return handle.executeUpdate<T, [unknown]>(update.name, {
    args: [{ requestId, actor: await actor('yjj-officer1'), ...fields }],
    updateId: requestId,
  });
}

async function approveCurrentStep(handle: WorkflowHandle, stepId: string) {
  for (let i = 0; i < 200; i++) {
    const current = (await handle.query(approvalStateQuery)).current;
    if (current?.stepId === stepId) break;
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

/**
 * Served long ago (windows over), unpaid: demand served today, no statement, period waited out, head approves, filed.
 */
async function driveToFiling() {
  const servedOn = addDays(await serverToday(), -200);
  const { handle, input } = await start({ servedOn, decidedOn: servedOn });
  const demandView = await waitForStage(handle, 'demand');
  const today = demandView.balance.asOf;
  await officerAct(handle, recordDemandServiceUpdate, {
    servedOn: today,
    method: 'direct',
    recipient: '法定代表人张某',
  });
  const waitEnds = due(today, 'enforcement.demand-wait');
  await waitForStage(handle, 'demand-wait');
  await t.env.sleep(`${daysBetween(today, waitEnds) + 1} days`);
  await waitForStage(handle, 'application-approval');
  await approveCurrentStep(handle, 'court-application');
  const filed = await waitForStage(handle, 'court-acceptance');
  return { handle, input, filed, demandServedOn: today };
}

describe('enforcement case (overdue fine → court)', { timeout: 120_000 }, () => {
  it('closes as paid when the fine is paid within 15 days, deadline met, no surcharge', async () => {
    await t.withWorker(async () => {
      const { handle, input } = await start();
      const v = await waitForStage(handle, 'payment');
      const paymentDue = due(input.servedOn, 'enforcement.payment');
      expect(v.money.paymentDeadline).toBe(paymentDue);
      expect(v.windows).toMatchObject({
        reconsiderationEnds: due(input.servedOn, 'enforcement.reconsideration-window'),
        litigationEnds: due(input.servedOn, 'enforcement.litigation-window'),
      });
      const deadlines = await eventually(
        () => deadlinesOf(handle.workflowId),
        (d) => Boolean(d.payment),
      );
      expect(deadlines.payment).toMatchObject({
        dueDate: paymentDue,
        owedBy: '当事人',
        basisId: 'enforcement.payment',
        status: 'pending',
      });

      await t.env.sleep('5 days');
      const paidOn = (await view(handle)).balance.asOf;
      expect(paidOn <= paymentDue).toBe(true);
      await handle.executeUpdate(agencyCallbackUpdate, {
        args: [
          callback(
            input.decisionNumber,
            'payment.received',
            { amountFen: FINE, paidAt: `${paidOn}T10:00:00+08:00`, paymentRef: 'PAY-1' },
            paidOn,
          ),
        ],
      });
      const result = await resultOf(handle);
      expect(result.outcome).toBe('paid');
      expect(result.view.balance).toMatchObject({ surchargeFen: 0, paidFen: FINE, totalDueFen: 0, settled: true });
      const [row] = await t.database.db.select().from(cases).where(eq(cases.workflowId, handle.workflowId));
      expect(row).toMatchObject({
        status: 'closed',
        outcome: 'paid',
        stage: 'closed',
        kind: 'enforcement',
        caseNumber: input.decisionNumber,
      });
      expect((await deadlinesOf(handle.workflowId)).payment!.status).toBe('met');
      const trail = await t.database.db.select().from(auditLog).where(eq(auditLog.workflowId, handle.workflowId));
      expect(trail.map((r) => r.action)).toEqual(
        expect.arrayContaining(['enforcement.opened', 'enforcement.payment-recorded', 'enforcement.closed']),
      );
    });
  });

  it(
    'charges 3 % a day from the day after the deadline on the unpaid part, and closes when fine and surcharge ' +
      'are paid',
    async () => {
      await t.withWorker(async () => {
        const { handle, input } = await start();
        await waitForStage(handle, 'payment');
        const D = due(input.servedOn, 'enforcement.payment');
        await t.env.sleep(`${daysBetween(await serverToday(), D) + 5} days`);
        const overdue = await waitForStage(handle, 'overdue');
        const T = overdue.balance.asOf;
        expect(daysBetween(D, T)).toBeGreaterThanOrEqual(4);
        expect(overdue.balance.overdueDays).toBe(daysBetween(D, T));
        expect(overdue.balance.surchargeFen).toBe(Math.floor((3 * FINE * daysBetween(D, T)) / 100));
        const missed = await eventually(
          () => deadlinesOf(handle.workflowId),
          (d) => d.payment?.status === 'missed',
        );
        expect(missed.payment!.status).toBe('missed');
        const reminders = await t.database.db
          .select()
          .from(outbox)
          .where(eq(outbox.template, 'enforcement.payment-reminder'));
        expect(
          reminders
            .filter((r) => r.params.caseId === input.decisionNumber)
            .map((r) => r.recipientId)
            .sort(),
        ).toEqual(['party:91500109MA5U123456', 'party:91500109MA5U123456', 'yjj-officer1', 'yjj-officer1']);

        // Partial payment on day T: T still counts on the whole fine, later days on the rest.
        await officerAct(handle, recordPaymentUpdate, { amountFen: 400_000, paidOn: T, reference: '银行回单 001' });
        await t.env.sleep('2 days');
        const later = await view(handle);
        const T2 = later.balance.asOf;
        const expected = Math.floor((3 * (FINE * daysBetween(D, T) + 600_000 * daysBetween(T, T2))) / 100);
        expect(later.balance).toMatchObject({
          surchargeFen: expected,
          outstandingFineFen: 600_000,
          outstandingSurchargeFen: expected,
          totalDueFen: 600_000 + expected,
        });

        await handle.executeUpdate(agencyCallbackUpdate, {
          args: [
            callback(
              input.decisionNumber,
              'payment.received',
              { amountFen: 600_000 + expected, paidAt: `${T2}T09:30:00+08:00` },
              T2,
            ),
          ],
        });
        const result = await resultOf(handle);
        expect(result.outcome).toBe('paid');
        expect(result.view.balance).toMatchObject({ paidFen: FINE + expected, surchargeFen: expected, totalDueFen: 0 });
        // A payment for a closed case is refused.
        await expect(officerAct(handle, recordPaymentUpdate, { amountFen: 100, paidOn: T2 })).rejects.toThrow();
      });
    },
  );

  it('pauses the surcharge while a reconsideration is pending and resumes it after the decision', async () => {
    await t.withWorker(async () => {
      const { handle, input } = await start();
      await waitForStage(handle, 'payment');
      const D = due(input.servedOn, 'enforcement.payment');
      await t.env.sleep(`${daysBetween(await serverToday(), D) + 3} days`);
      const F = (await waitForStage(handle, 'overdue')).balance.asOf;
      expect(
        await rejectionType(
          officerAct(handle, recordChallengeUpdate, { kind: 'reconsideration', event: 'filed', date: addDays(F, 1) }),
        ),
      ).toBe('INVALID_DATE');
      await officerAct(handle, recordChallengeUpdate, { kind: 'reconsideration', event: 'filed', date: F });
      const paused = await waitForStage(handle, 'challenged');
      const frozen = Math.floor((3 * FINE * (daysBetween(D, F) - 1)) / 100);
      expect(paused.balance.surchargeFen).toBe(frozen);
      await t.env.sleep('10 days');
      const stillPaused = await view(handle);
      expect(stillPaused.balance.surchargeFen).toBe(frozen);

      const G = await serverToday();
      await officerAct(handle, recordChallengeUpdate, {
        kind: 'reconsideration',
        event: 'decided',
        date: G,
        outcome: 'upheld',
      });
      const resumed = await waitForStage(handle, 'overdue');
      expect(resumed.windows.litigationEnds).toBe(due(G, 'enforcement.litigation-after-reconsideration'));
      const d = await eventually(
        () => deadlinesOf(handle.workflowId),
        (x) => x['litigation-window']?.dueDate === resumed.windows.litigationEnds,
      );
      expect(d['litigation-window']).toMatchObject({ citation: '《行政诉讼法》第四十五条', owedBy: '当事人' });
      expect(d['reconsideration-window']!.status).toBe('met');
      await t.env.sleep('2 days');
      const H = await serverToday();
      expect((await view(handle)).balance.asOf).toBe(H);
      const total = Math.floor((3 * FINE * (daysBetween(D, F) - 1 + daysBetween(G, H))) / 100);
      expect((await view(handle)).balance.surchargeFen).toBe(total);
      await officerAct(handle, recordPaymentUpdate, { amountFen: FINE + total, paidOn: H });
      expect((await resultOf(handle)).outcome).toBe('paid');
    });
  });

  it(
    'an approved deferral moves the payment deadline: no ' + 'surcharge until the deferred day, then 3 % a day',
    async () => {
      await t.withWorker(async () => {
        const { handle, input } = await start();
        await waitForStage(handle, 'payment');
        const deferredTo = addDays(input.servedOn, 40);
        expect(
          await rejectionType(
            officerAct(handle, requestDeferralUpdate, { kind: 'deferral', deferredTo, reason: '   ' }),
          ),
        ).toBe('INVALID_ACTION');
        await officerAct(handle, requestDeferralUpdate, {
          kind: 'deferral',
          deferredTo,
          reason: '受疫情影响经营困难，申请暂缓缴纳',
        });
        await approveCurrentStep(handle, 'deferral');
        const moved = await eventually(
          () => deadlinesOf(handle.workflowId),
          (d) => d.payment?.dueDate === deferredTo,
        );
        expect(moved.payment).toMatchObject({
          dueDate: deferredTo,
          basisId: 'enforcement.deferral',
          citation: '《行政处罚法》第六十六条',
          status: 'pending',
        });
        await t.env.sleep(`${daysBetween(await serverToday(), due(input.servedOn, 'enforcement.payment')) + 3} days`);
        const still = await view(handle);
        expect(still.stage).toBe('payment');
        expect(still.balance.surchargeFen).toBe(0);
        await t.env.sleep(`${daysBetween(await serverToday(), deferredTo) + 2} days`);
        const overdue = await waitForStage(handle, 'overdue');
        expect(overdue.balance.asOf).toBe(await serverToday());
        expect(overdue.balance.surchargeFen).toBe(
          Math.floor((3 * FINE * daysBetween(deferredTo, overdue.balance.asOf)) / 100),
        );
        await officerAct(handle, recordPaymentUpdate, {
          amountFen: FINE + overdue.balance.surchargeFen,
          paidOn: overdue.balance.asOf,
        });
        expect((await resultOf(handle)).outcome).toBe('paid');
      });
    },
  );

  it(
    'reminds 30 and 7 days before the 3-month limit for the court ' + 'application and escalates when it passes',
    async () => {
      await t.withWorker(async () => {
        const servedOn = addDays(await serverToday(), -200);
        const { handle, input } = await start({ servedOn, decidedOn: servedOn });
        const v = await waitForStage(handle, 'demand');
        const applicationDue = due(due(servedOn, 'enforcement.litigation-window'), 'enforcement.court-application');
        expect(v.windows.courtApplicationDue).toBe(applicationDue);
        await t.env.sleep(`${daysBetween(await serverToday(), applicationDue) + 2} days`);
        const trail = await eventually(
          () => t.database.db.select().from(auditLog).where(eq(auditLog.workflowId, handle.workflowId)),
          (rows) => rows.some((r) => r.action === 'enforcement.court-application-overdue'),
        );
        expect(trail.find((r) => r.action === 'enforcement.court-application-overdue')!.detail).toMatchObject({
          dueDate: applicationDue,
          escalatedTo: expect.arrayContaining(['yjj-head']),
        });
        const sent = (await t.database.db.select().from(outbox)).filter(
          (r) => r.params.caseId === input.decisionNumber,
        );
        expect(
          sent
            .filter((r) => r.template === 'enforcement.court-application-reminder')
            .map((r) => r.params.daysLeft)
            .sort(),
        ).toEqual(['30', '7']);
        expect(
          sent.filter((r) => r.template === 'enforcement.court-application-overdue').map((r) => r.recipientId),
        ).toEqual(expect.arrayContaining(['yjj-officer1', 'yjj-head']));
        expect((await view(handle)).stage).toBe('demand');
        await handle.terminate('test over');
      });
    },
  );

  it(
    'unpaid: demand with the Art. 35 contents → statement reviewed → 10 working days → head approves → court ' +
      'accepts, rules, enforces',
    async () => {
      await t.withWorker(async () => {
        const servedOn = addDays(await serverToday(), -200);
        const { handle, input } = await start({ servedOn, decidedOn: servedOn });
        const demand = await waitForStage(handle, 'demand');
        const today = demand.balance.asOf;
        // 200 days overdue: the surcharge reached the fine and stopped (行政处罚法 Art. 72).
        expect(demand.balance).toMatchObject({ surchargeFen: FINE, capped: true, totalDueFen: 2 * FINE });
        expect(demand.demand).toMatchObject({
          documentNo: `${input.decisionNumber}催字第1号`,
          issuedOn: today,
          amounts: { outstandingFineFen: FINE, surchargeFen: FINE, totalFen: 2 * FINE },
        });
        expect(demand.demand!.sections.map((s) => s.heading)).toEqual([
          '一、履行义务的期限',
          '二、履行义务的方式',
          '三、涉及金钱给付的金额和给付方式',
          '四、当事人依法享有的陈述权和申辩权',
        ]);
        expect(demand.demand!.text).toContain('20,000.00元');
        const litigationEnds = due(servedOn, 'enforcement.litigation-window');
        const applicationDue = due(litigationEnds, 'enforcement.court-application');
        expect(demand.windows.courtApplicationDue).toBe(applicationDue);
        const d0 = await eventually(
          () => deadlinesOf(handle.workflowId),
          (d) => Boolean(d['court-application']),
        );
        expect(d0['court-application']).toMatchObject({ dueDate: applicationDue, owedBy: '本机关', status: 'pending' });
        expect(d0.payment!.status).toBe('missed');

        expect(
          await rejectionType(officerAct(handle, recordStatementUpdate, { receivedOn: today, summary: '经营困难' })),
        ).toBe('WRONG_STAGE');
        await officerAct(handle, recordDemandServiceUpdate, {
          servedOn: today,
          method: 'direct',
          recipient: '法定代表人张某',
        });
        const waiting = await waitForStage(handle, 'demand-wait');
        const waitEnds = due(today, 'enforcement.demand-wait');
        expect(waiting.demand!.waitEnds).toBe(waitEnds);
        await officerAct(handle, recordStatementUpdate, {
          receivedOn: today,
          summary: '企业经营困难，请求减免加处罚款',
        });
        await waitForStage(handle, 'statement-review');
        await approveCurrentStep(handle, 'statement-review');
        await waitForStage(handle, 'demand-wait');
        await t.env.sleep(`${daysBetween(today, waitEnds) + 1} days`);
        const approval = await waitForStage(handle, 'application-approval');
        expect(approval.materials!.every((m) => m.present)).toBe(true);
        await approveCurrentStep(handle, 'court-application');
        const filed = await waitForStage(handle, 'court-acceptance');
        const receiptNo = filed.court!.receiptNo!;
        const filedOn = filed.court!.filedOn!;

        const court = (await (await fetch(`${t.agencies.url}/__admin/records?agency=court`)).json()) as {
          filings: Array<{ caseRef: string; idempotencyKey: string; body: Record<string, unknown> }>;
        };
        const ours = court.filings.filter((f) => f.caseRef === input.decisionNumber);
        expect(ours).toHaveLength(1);
        expect(ours[0]!.idempotencyKey).toBe(`${input.decisionNumber}:court-application`);
        expect(ours[0]!.body).toMatchObject({
          penaltyDecisionNo: input.decisionNumber,
          fineFen: FINE,
          surchargeFen: FINE,
          demandServedOn: today,
          agencyHead: '王德明',
          partyOpinions: '企业经营困难，请求减免加处罚款',
        });

        const d1 = await eventually(
          () => deadlinesOf(handle.workflowId),
          (d) => Boolean(d['court-acceptance']),
        );
        expect(d1['court-acceptance']).toMatchObject({
          dueDate: due(filedOn, 'enforcement.court-acceptance'),
          owedBy: '法院',
        });
        expect(d1['court-application']!.status).toBe('met');
        expect(d1['demand-wait']!.dueDate).toBe(waitEnds);

        // A ruling before acceptance is the wrong stage: refused, nothing changes.
        const acceptedOn = await serverToday();
        expect(
          await rejectionType(
            handle.executeUpdate(agencyCallbackUpdate, {
              args: [
                callback(
                  input.decisionNumber,
                  'court.ruling',
                  { receiptNo, courtCaseNo: '（2026）渝0109行审1号', ruling: 'enforce' },
                  acceptedOn,
                ),
              ],
            }),
          ),
        ).toBe('WRONG_STAGE');
        expect((await view(handle)).stage).toBe('court-acceptance');

        await handle.executeUpdate(agencyCallbackUpdate, {
          args: [
            callback(
              input.decisionNumber,
              'court.accepted',
              { receiptNo, courtCaseNo: '（2026）渝0109行审1号' },
              acceptedOn,
            ),
          ],
        });
        await waitForStage(handle, 'court-ruling');
        const d2 = await eventually(
          () => deadlinesOf(handle.workflowId),
          (d) => Boolean(d['court-ruling']),
        );
        expect(d2['court-ruling']).toMatchObject({
          dueDate: due(acceptedOn, 'enforcement.enforcement-ruling'),
          owedBy: '法院',
        });
        expect(d2['court-acceptance']!.status).toBe('met');
        await handle.executeUpdate(agencyCallbackUpdate, {
          args: [
            callback(
              input.decisionNumber,
              'court.ruling',
              { receiptNo, courtCaseNo: '（2026）渝0109行审1号', ruling: 'enforce' },
              acceptedOn,
            ),
          ],
        });
        await waitForStage(handle, 'court-execution');
        await handle.executeUpdate(agencyCallbackUpdate, {
          args: [
            callback(
              input.decisionNumber,
              'court.executed',
              {
                receiptNo,
                courtCaseNo: '（2026）渝0109行审1号',
                executionCaseNo: '（2026）渝0109执1号',
                executedAmountFen: 2 * FINE,
              },
              acceptedOn,
            ),
          ],
        });
        const result = await resultOf(handle);
        expect(result.outcome).toBe('enforced');
        expect(result.view.court).toMatchObject({
          receiptNo,
          executionCaseNo: '（2026）渝0109执1号',
          executedAmountFen: 2 * FINE,
        });
        expect(result.view.statement).toMatchObject({ reviewed: true, upheld: false });
        const [row] = await t.database.db.select().from(cases).where(eq(cases.workflowId, handle.workflowId));
        expect(row).toMatchObject({ status: 'closed', outcome: 'enforced' });
        const trail = await t.database.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.workflowId, handle.workflowId)));
        expect(trail.map((r) => r.action)).toEqual(
          expect.arrayContaining([
            'enforcement.demand-issued',
            'enforcement.demand-served',
            'enforcement.statement-recorded',
            'enforcement.statement-reviewed',
            'enforcement.court-application-filed',
            'enforcement.court-accepted',
            'enforcement.court-ruled',
            'enforcement.court-executed',
          ]),
        );
      });
    },
  );

  it(
    'court refuses to accept → review by the higher court accepts → refusal to enforce not reviewed in 15 days → ' +
      'closed',
    async () => {
      await t.withWorker(async () => {
        const { handle, input, filed } = await driveToFiling();
        const receiptNo = filed.court!.receiptNo!;
        const refusedOn = await serverToday();
        await handle.executeUpdate(agencyCallbackUpdate, {
          args: [callback(input.decisionNumber, 'court.refused', { receiptNo, reason: '材料不齐' }, refusedOn)],
        });
        await waitForStage(handle, 'acceptance-refused');
        const d1 = await eventually(
          () => deadlinesOf(handle.workflowId),
          (d) => Boolean(d['acceptance-review-application']),
        );
        expect(d1['acceptance-review-application']).toMatchObject({
          dueDate: due(refusedOn, 'enforcement.acceptance-review-application'),
          owedBy: '本机关',
          status: 'pending',
        });

        await officerAct(handle, recordCourtReviewUpdate, { event: 'filed', date: refusedOn });
        await waitForStage(handle, 'acceptance-review');
        const d2 = await eventually(
          () => deadlinesOf(handle.workflowId),
          (d) => Boolean(d['acceptance-review-ruling']),
        );
        expect(d2['acceptance-review-ruling']).toMatchObject({
          dueDate: due(refusedOn, 'enforcement.acceptance-review-ruling'),
          owedBy: '上一级法院',
        });
        expect(d2['acceptance-review-application']!.status).toBe('met');
        expect(
          await rejectionType(
            officerAct(handle, recordCourtReviewUpdate, { event: 'decided', date: refusedOn, outcome: 'enforce' }),
          ),
        ).toBe('INVALID_ACTION');
        await officerAct(handle, recordCourtReviewUpdate, { event: 'decided', date: refusedOn, outcome: 'accepted' });
        await waitForStage(handle, 'court-ruling');
        const d3 = await eventually(
          () => deadlinesOf(handle.workflowId),
          (d) => Boolean(d['court-ruling']),
        );
        expect(d3['court-ruling']!.dueDate).toBe(due(refusedOn, 'enforcement.enforcement-ruling'));

        await handle.executeUpdate(agencyCallbackUpdate, {
          args: [
            callback(
              input.decisionNumber,
              'court.ruling',
              { receiptNo, courtCaseNo: '（2026）渝0109行审2号', ruling: 'refuse', reason: '明显缺乏事实根据' },
              refusedOn,
            ),
          ],
        });
        await waitForStage(handle, 'refusal-ruled');
        const reviewDue = due(refusedOn, 'enforcement.refusal-review-application');
        const d4 = await eventually(
          () => deadlinesOf(handle.workflowId),
          (d) => Boolean(d['refusal-review-application']),
        );
        expect(d4['refusal-review-application']).toMatchObject({ dueDate: reviewDue, owedBy: '本机关' });
        await t.env.sleep(`${daysBetween(refusedOn, reviewDue) + 1} days`);
        const result = await resultOf(handle);
        expect(result.outcome).toBe('court-refused-enforcement');
        const [row] = await t.database.db.select().from(cases).where(eq(cases.workflowId, handle.workflowId));
        expect(row).toMatchObject({ status: 'closed', outcome: 'court-refused-enforcement' });
        expect((await deadlinesOf(handle.workflowId))['refusal-review-application']!.status).toBe('missed');
      });
    },
  );
});
