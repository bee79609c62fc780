// The unit's and the 安委办's acts on a plan, as Updates with synchronous validators (a refused act changes
// nothing and the API answers 4xx naming the rule), and the state query.
import { setHandler } from '@temporalio/workflow';
import { getLegalBasis } from '../../domain/legal-basis';
import { refuseBy } from '../refusal';
import { executionBasis, now, today, type PlanContext } from './context';
import {
  amendPlanUpdate,
  inspectionDoneUpdate,
  onSitePlanUpdate,
  planStateQuery,
  recordFilingUpdate,
  saveDraftUpdate,
  submitPlanUpdate,
} from './messages';
import { planRefusals, type InspectionDoneRequest, type OnSitePlanRequest } from './types';
import type { PlanRejection } from './validate';

function guard<T>(check: (input: T) => PlanRejection): (input: T) => void {
  return (input: T) => {
    const r = check(input);
    if (r) refuseBy(planRefusals, r.code, r.message, r.errors ? { errors: r.errors } : {});
  };
}

export function registerPlanHandlers(ctx: PlanContext): void {
  const { st } = ctx;
  const view = () => st.view();
  setHandler(planStateQuery, view);

  setHandler(
    saveDraftUpdate,
    async (req) => {
      st.content = req.content;
      st.drafterId = req.actor.id;
      st.times.draftedAt ??= now();
      if (st.stage === 'awaiting-draft') st.stage = 'drafting';
      await Promise.all([
        ctx.project(),
        ctx.audit(`draft:${req.requestId}`, req.actor.id, 'plan.draft-saved', { items: req.content.items.length }),
      ]);
      return view();
    },
    { validator: guard(st.checkSaveDraft.bind(st)) },
  );

  setHandler(
    submitPlanUpdate,
    async (req) => {
      if (req.content) st.content = req.content;
      st.drafterId = req.actor.id;
      ctx.caseRef.initiatorId = req.actor.id;
      st.submitted = true;
      await ctx.audit(`submit:${req.requestId}`, req.actor.id, 'plan.submitted', { items: st.content!.items.length });
      return view();
    },
    { validator: guard(st.checkSubmit.bind(st)) },
  );

  setHandler(
    recordFilingUpdate,
    async (req) => {
      st.receipts.safetyOffice = req.receiptNo;
      st.filingReceiptFor = st.awaitingFilingFor;
      await ctx.audit(`filing:${req.requestId}`, req.actor.id, 'plan.filed-safety-office', {
        receiptNo: req.receiptNo,
        planVersion: st.awaitingFilingFor,
      });
      return view();
    },
    { validator: guard(st.checkFiling.bind(st)) },
  );

  setHandler(
    onSitePlanUpdate,
    async (req) => {
      st.executions.set(req.itemId, {
        ...st.executions.get(req.itemId),
        itemId: req.itemId,
        onSitePlan: {
          plannedDate: req.plannedDate,
          inspectorIds: req.inspectorIds,
          content: req.content,
          preparedBy: req.actor.id,
          preparedOn: today(),
        },
      });
      await Promise.all([
        ctx.syncExecutions(),
        ctx.audit(
          `on-site-plan:${req.requestId}`,
          req.actor.id,
          'inspection.on-site-plan',
          { itemId: req.itemId, plannedDate: req.plannedDate, inspectorIds: req.inspectorIds },
          getLegalBasis('inspection.on-site-plan').citation,
        ),
      ]);
      return view();
    },
    { validator: guard((req: OnSitePlanRequest) => st.checkOnSitePlan(req, today())) },
  );

  setHandler(
    inspectionDoneUpdate,
    async (req) => {
      st.executions.set(req.itemId, {
        ...st.executions.get(req.itemId)!,
        completedOn: req.completedOn,
        findings: req.findings,
      });
      await Promise.all([
        ctx.syncExecutions(),
        ctx.audit(
          `done:${req.requestId}`,
          req.actor.id,
          'inspection.completed',
          { itemId: req.itemId, completedOn: req.completedOn },
          executionBasis,
        ),
      ]);
      return view();
    },
    { validator: guard((req: InspectionDoneRequest) => st.checkInspectionDone(req, today())) },
  );

  setHandler(
    amendPlanUpdate,
    async (req) => {
      st.amendments.push({
        seq: st.amendments.length + 1,
        reason: req.reason,
        requestedBy: req.actor.id,
        status: 'in-approval',
        content: req.content,
      });
      return view();
    },
    { validator: guard(st.checkAmend.bind(st)) },
  );
}
