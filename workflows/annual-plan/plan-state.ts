// The plan's facts (stage, content, receipts, executions, amendments), its view, and the checks each Update
// must pass now. Plain TypeScript over domain/, no Temporal imports: the workflow owns one instance.
import type { PlanContent } from '../../domain/annual-plan';
import type { CalendarSnapshot } from '../../domain/calendar';
import {
  planStageLabels,
  type AmendmentState,
  type AmendPlanRequest,
  type AnnualPlanInput,
  type FilingReceiptRequest,
  type InspectionDoneRequest,
  type ItemExecutionState,
  type OnSitePlanRequest,
  type PlanReceipts,
  type PlanStage,
  type PlanView,
  type SaveDraftRequest,
  type SubmitPlanRequest,
} from './types';
import {
  changeProblem,
  contentProblem,
  reject,
  requestProblem,
  stageProblem,
  unitMemberProblem,
  type PlanRejection,
} from './validate';

export class PlanState {
  stage: PlanStage = 'awaiting-draft';
  content?: PlanContent;
  drafterId?: string;
  planVersion = 0;
  submitted = false;
  /** The projection row's version, bumped on every write. */
  version = 0;
  readonly receipts: PlanReceipts = {};
  readonly times: { draftedAt?: string; submittedAt?: string; approvedAt?: string; filedAt?: string } = {};
  readonly executions = new Map<string, ItemExecutionState>();
  readonly amendments: AmendmentState[] = [];
  /** The plan version the 安委办 has recorded a receipt for. */
  filingReceiptFor = 0;
  awaitingFilingFor = 0;
  readonly planId: string;

  constructor(
    readonly input: AnnualPlanInput,
    private readonly calendar: () => CalendarSnapshot,
  ) {
    this.planId = `AP-${input.year}-${input.unit.id}`;
  }

  /** Once filed, inspections go on while an amendment is approved and re-filed. */
  executable(): PlanStage[] {
    return this.filingReceiptFor >= 1 ? ['filed', 'amending', 'approved'] : [];
  }

  view(): PlanView {
    return {
      planId: this.planId,
      year: this.input.year,
      departmentId: this.input.unit.id,
      stage: this.stage,
      stageLabel: planStageLabels[this.stage],
      content: this.content,
      planVersion: this.planVersion,
      drafterId: this.drafterId,
      dueDate: this.input.dueDate,
      receipts: { ...this.receipts },
      executions: [...this.executions.values()],
      amendments: this.amendments.map(({ content: _c, ...a }) => a),
    };
  }

  contentProblem(content: PlanContent | undefined): PlanRejection {
    return contentProblem(this.calendar(), this.input.year, content);
  }

  private member(req: { requestId?: unknown; actor?: SaveDraftRequest['actor'] }): PlanRejection {
    return requestProblem(req) ?? unitMemberProblem(req.actor!, this.input.unit.headDepartmentId);
  }

  // ---- Checks: synchronous, for the Updates' validators ----

  checkSaveDraft(req: SaveDraftRequest): PlanRejection {
    return (
      this.member(req) ??
      stageProblem(this.stage, ['awaiting-draft', 'drafting'], '计划已提交审批，不能再修改草稿') ??
      this.contentProblem(req.content)
    );
  }

  checkSubmit(req: SubmitPlanRequest): PlanRejection {
    return (
      this.member(req) ??
      stageProblem(this.stage, ['awaiting-draft', 'drafting'], '计划已在审批或已批准') ??
      this.contentProblem(req.content ?? this.content)
    );
  }

  checkFiling(req: FilingReceiptRequest): PlanRejection {
    const no = requestProblem(req);
    if (no) return no;
    if (!req.actor.roles.includes('safety-office')) return reject('NOT_ALLOWED', '只有区政府安委办可以登记备案');
    if (this.awaitingFilingFor === 0 || this.filingReceiptFor === this.awaitingFilingFor)
      return reject('WRONG_STAGE', '当前没有待备案的计划');
    if (!req.receiptNo?.trim()) return reject('INVALID_PLAN', '备案编号不能为空');
    return null;
  }

  checkOnSitePlan(req: OnSitePlanRequest, today: string): PlanRejection {
    const no = this.member(req) ?? stageProblem(this.stage, this.executable(), '计划备案后方可编制现场检查方案');
    if (no) return no;
    if (!this.content?.items.some((i) => i.itemId === req.itemId))
      return reject('UNKNOWN_ITEM', `计划中没有检查项 ${req.itemId}`);
    if (this.executions.get(req.itemId)?.completedOn)
      return reject('ALREADY_DONE', '该检查已实施，不能再编制现场检查方案');
    if (req.plannedDate < today)
      return reject('INVALID_PLAN', '现场检查方案应在检查实施前编制，计划检查日期不能早于今天');
    if (!Array.isArray(req.inspectorIds) || req.inspectorIds.length < 2)
      return reject('INVALID_PLAN', '现场检查至少安排两名执法人员（《行政处罚法》第四十二条）');
    return null;
  }

  checkInspectionDone(req: InspectionDoneRequest, today: string): PlanRejection {
    const no = this.member(req) ?? stageProblem(this.stage, this.executable(), '计划备案后方可登记检查实施情况');
    if (no) return no;
    if (!this.content?.items.some((i) => i.itemId === req.itemId))
      return reject('UNKNOWN_ITEM', `计划中没有检查项 ${req.itemId}`);
    const e = this.executions.get(req.itemId);
    if (!e?.onSitePlan)
      return reject('NO_ON_SITE_PLAN', '检查实施前应当编制现场检查方案（北碚府办发〔2016〕65号第十四条）');
    if (e.completedOn) return reject('ALREADY_DONE', '该检查已登记实施');
    if (req.completedOn < e.onSitePlan.preparedOn || req.completedOn > today)
      return reject('INVALID_PLAN', '实施日期应在现场检查方案编制之后且不晚于今天');
    return null;
  }

  checkAmend(req: AmendPlanRequest): PlanRejection {
    const no =
      this.member(req) ?? stageProblem(this.stage, ['filed'], '计划备案后方可调整，且同一时间只能有一项调整在审批');
    if (no) return no;
    if (this.amendments.some((a) => a.status === 'in-approval'))
      return reject('WRONG_STAGE', '已有一项计划调整正在审批');
    if (!req.reason?.trim()) return reject('INVALID_PLAN', '请说明调整理由');
    return this.contentProblem(req.content) ?? changeProblem(this.content!, req.content);
  }
}
