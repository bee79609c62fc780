// Synchronous checks of each act against the case's state: pure, so validators, handlers and tests agree.
import { checkAccidentFigures, MAX_INVESTIGATION_EXTENSION_DAYS } from '../../domain/accident-case';
import type {
  AccidentRejectionCode,
  AccidentState,
  AppraisalPause,
  CasualtyChange,
  CopyReceipt,
  EvaluationSubmission,
  ExtensionRequest,
  PenaltyDecision,
  ReportSubmission,
  TeamFormation,
  UpwardConclusion,
} from './types';

export interface AccidentRejection {
  code: AccidentRejectionCode;
  message: string;
}

const no = (code: AccidentRejectionCode, message: string): AccidentRejection => ({ code, message });
const blank = (s: unknown): boolean => typeof s !== 'string' || s.trim().length === 0;

export interface ActContext {
  /** An approval (extension or 批复) is open in the engine. */
  approvalOpen: boolean;
}

function open(state: AccidentState): AccidentRejection | null {
  return state.stage === 'closed' ? no('CASE_CLOSED', '案件已结案，不能再办理') : null;
}

export function checkCasualtyChange(state: AccidentState, input: CasualtyChange): AccidentRejection | null {
  const closed = open(state);
  if (closed) return closed;
  if (state.stage !== 'investigation' && state.stage !== 'reported-upward')
    return no('WRONG_STAGE', '调查报告已提交，伤亡变化请在调查报告中载明');
  const problems = checkAccidentFigures(input);
  return problems.length
    ? no('INVALID_INPUT', problems.map((p) => `${p.field.replace('body.', '')}: ${p.message}`).join('；'))
    : null;
}

export function checkTeam(state: AccidentState, input: TeamFormation): AccidentRejection | null {
  const closed = open(state);
  if (closed) return closed;
  if (state.stage !== 'investigation') return no('WRONG_STAGE', '只有区政府负责调查的事故在调查阶段可以组建调查组');
  if (blank(input.leader)) return no('INVALID_INPUT', 'leader: 必须指定调查组组长');
  if (!Array.isArray(input.members) || input.members.length === 0)
    return no('INVALID_INPUT', 'members: 调查组成员不能为空');
  if (input.members.some((m) => blank(m.departmentId) || blank(m.name)))
    return no('INVALID_INPUT', 'members: 每名成员须有姓名和所在部门');
  return null;
}

export function checkPause(state: AccidentState, input: AppraisalPause): AccidentRejection | null {
  const closed = open(state);
  if (closed) return closed;
  if (state.stage !== 'investigation') return no('WRONG_STAGE', '只有调查阶段可以中止计算调查期限');
  if (state.pausedSince) return no('WRONG_STAGE', '技术鉴定已在进行中，期限已中止');
  if (blank(input.reason)) return no('INVALID_INPUT', 'reason: 必须说明技术鉴定事项');
  return null;
}

export function checkResume(state: AccidentState): AccidentRejection | null {
  const closed = open(state);
  if (closed) return closed;
  if (state.stage !== 'investigation') return no('WRONG_STAGE', '只有调查阶段可以恢复计算调查期限');
  if (!state.pausedSince) return no('WRONG_STAGE', '当前没有进行中的技术鉴定');
  return null;
}

export function checkExtension(
  state: AccidentState,
  input: ExtensionRequest,
  ctx: ActContext,
): AccidentRejection | null {
  const closed = open(state);
  if (closed) return closed;
  if (state.stage !== 'investigation') return no('WRONG_STAGE', '只有调查阶段可以申请延长调查期限');
  if (state.extension && state.extension.status !== 'rejected')
    return no('WRONG_STAGE', '调查期限只能延长一次（条例第二十九条）');
  if (ctx.approvalOpen) return no('WRONG_STAGE', '已有审批事项在办理中');
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_INVESTIGATION_EXTENSION_DAYS) {
    return no('INVALID_INPUT', `days: 延长期限应为 1 至 ${MAX_INVESTIGATION_EXTENSION_DAYS} 日（条例第二十九条）`);
  }
  if (blank(input.reason)) return no('INVALID_INPUT', 'reason: 必须说明延长的特殊情况');
  return null;
}

export function checkReport(state: AccidentState, input: ReportSubmission, ctx: ActContext): AccidentRejection | null {
  const closed = open(state);
  if (closed) return no('CASE_CLOSED', '案件已结案，不能再提交调查报告');
  if (state.stage !== 'investigation')
    return no(
      'WRONG_STAGE',
      state.stage === 'reported-upward' ? '该事故由上级政府调查，区级不提交调查报告' : '调查报告已提交',
    );
  if (!state.team) return no('WRONG_STAGE', '尚未组建事故调查组');
  if (ctx.approvalOpen) return no('WRONG_STAGE', '延期审批办理中，请待审批结束后提交');
  if (blank(input.document?.documentNo)) return no('INVALID_INPUT', 'document.documentNo: 必须填写调查报告文号');
  if (blank(input.document?.title)) return no('INVALID_INPUT', 'document.title: 必须填写调查报告标题');
  const fines = input.handling?.penalties ?? [];
  if (fines.some((p) => p.fineFen !== undefined && (!Number.isSafeInteger(p.fineFen) || p.fineFen < 0)))
    return no('INVALID_INPUT', 'handling.penalties.fineFen: 罚款金额（分）不能为负数');
  return null;
}

export function checkPublish(state: AccidentState): AccidentRejection | null {
  const closed = open(state);
  if (closed) return closed;
  if (!state.approvedOn) return no('WRONG_STAGE', '调查报告尚未经区政府批复，不得公开');
  if (state.publication || state.publishRequested) return no('WRONG_STAGE', '调查报告已公开');
  if (state.stage !== 'awaiting-publication')
    return no('WRONG_STAGE', '公开前须完成保密审查（标注应删除的国家秘密、个人信息）');
  return null;
}

export function checkCopyReceipt(state: AccidentState, input: CopyReceipt): AccidentRejection | null {
  const closed = open(state);
  if (closed) return closed;
  const copy = state.copies[input.departmentId];
  if (!state.approvedOn || !copy) return no('WRONG_STAGE', '该部门不在抄送范围内，或报告尚未批复抄送');
  if (copy.receivedAt) return no('WRONG_STAGE', `${copy.name}已签收`);
  if (input.actor.departmentId !== input.departmentId) return no('NOT_PERMITTED', `只有${copy.name}的人员可以签收`);
  return null;
}

export function checkEvaluation(state: AccidentState, input: EvaluationSubmission): AccidentRejection | null {
  const closed = open(state);
  if (closed) return closed;
  if (state.stage !== 'follow-up' || !state.publication) return no('WRONG_STAGE', '调查报告公开后方可提交结案评估');
  if (state.evaluation) return no('WRONG_STAGE', '结案评估已提交');
  if (blank(input.document?.documentNo) || blank(input.document?.title))
    return no('INVALID_INPUT', 'document: 必须填写评估报告文号和标题');
  if (blank(input.conclusion)) return no('INVALID_INPUT', 'conclusion: 必须填写评估结论');
  return null;
}

export function checkUpwardConclusion(state: AccidentState, input: UpwardConclusion): AccidentRejection | null {
  const closed = open(state);
  if (closed) return closed;
  if (state.stage !== 'reported-upward') return no('WRONG_STAGE', '只有上报由上级调查的事故可以登记上级结论');
  if (blank(input.document?.documentNo) || blank(input.document?.title))
    return no('INVALID_INPUT', 'document: 必须填写上级批复文号和标题');
  return null;
}

export function checkPenaltyDecision(state: AccidentState, input: PenaltyDecision): AccidentRejection | null {
  const closed = open(state);
  if (closed) return closed;
  if (!state.approvedOn) return no('WRONG_STAGE', '调查报告批复后方可登记行政处罚决定');
  const penalty = state.handling.penalties[input.penaltyIndex];
  if (!Number.isInteger(input.penaltyIndex) || !penalty) return no('INVALID_INPUT', 'penaltyIndex: 批复中没有该项处罚');
  if (!penalty.fineFen || penalty.fineFen <= 0)
    return no('INVALID_INPUT', 'penaltyIndex: 该项处罚不含罚款，无需执行案件');
  if (state.enforcementCases[input.penaltyIndex]) return no('WRONG_STAGE', '该项处罚的执行案件已启动');
  if (blank(input.decisionNumber)) return no('INVALID_INPUT', 'decisionNumber: 必须填写行政处罚决定书文号');
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(input.decidedOn ?? '') ||
    !/^\d{4}-\d{2}-\d{2}$/.test(input.servedOn ?? '') ||
    input.servedOn < input.decidedOn
  )
    return no('INVALID_INPUT', 'servedOn: 送达日期不能早于决定日期');
  return null;
}
