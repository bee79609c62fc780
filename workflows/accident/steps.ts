// The approval steps of the accident case, and the title and summary it shows.
import type { AccidentClassification } from '../../domain/accident-level';
import { getLegalBasis } from '../../domain/legal-basis';
import type { ApprovalStepSpec } from '../approval/types';
import type { AccidentCaseInput, AccidentState } from './types';

/** Art. 32: the government approves (批复) within 15 days of receipt (特别重大: 30), from the classification. */
export function reportApprovalStep(c: AccidentClassification): ApprovalStepSpec {
  return {
    stepId: 'report-approval',
    name: '区政府批复事故调查报告',
    mode: 'any-of',
    participants: { roles: ['district-leader'], departmentId: 'gov' },
    deadline: { basisId: c.approvalBasisId },
    legalBasis: getLegalBasis(c.approvalBasisId).citation,
  };
}

/** Art. 29: an extension needs the approval of the government in charge of the investigation. */
export const extensionStep: ApprovalStepSpec = {
  stepId: 'investigation-extension',
  name: '延长事故调查期限审批',
  mode: 'any-of',
  participants: { roles: ['district-leader'], departmentId: 'gov' },
  deadline: { basisId: 'approval.step-default' },
  legalBasis: getLegalBasis('accident.investigation-extension').citation,
};

/**
 * Before publication a legal reviewer marks what must be removed (state secrets, personal data); the approval comment
 * carries the list.
 */
export const redactionReviewStep: ApprovalStepSpec = {
  stepId: 'redaction-review',
  name: '公开前保密审查（标注应删除的国家秘密、个人信息）',
  mode: 'any-of',
  participants: { roles: ['legal-reviewer'], departmentId: 'sfj' },
  deadline: { basisId: 'approval.step-default' },
  legalBasis: '《政府信息公开条例》第十四条、第十五条；《生产安全事故报告和调查处理条例》第三十四条',
  commentRequiredFor: ['approve'],
};

export function accidentTitle(input: AccidentCaseInput, occurredDate: string): string {
  const [, m, d] = occurredDate.split('-').map(Number);
  return `${input.enterprise.name}“${m}·${d}”${input.industry}事故`;
}

export function summaryOf(
  input: AccidentCaseInput,
  s: AccidentState,
  publicationDays: number,
): Record<string, unknown> {
  const basis = getLegalBasis('accident.publication');
  return {
    enterprise: input.enterprise,
    place: input.place,
    industry: input.industry,
    occurredAt: input.occurredAt,
    figures: s.figures,
    level: s.classification.level,
    levelName: s.classification.nameZh,
    investigatedBy: s.classification.investigatedByZh,
    gradings: s.gradings,
    reportingChain: s.reportingChain,
    team: s.team ?? null,
    extension: s.extension ?? null,
    appraisal: { pausedDays: s.pausedDays, pausedSince: s.pausedSince ?? null, pauses: s.pauses },
    report: s.report ?? null,
    approvedOn: s.approvedOn ?? null,
    penalties: s.handling.penalties.map((p, i) => ({ ...p, enforcementCase: s.enforcementCases[i] ?? null })),
    responsibleUnits: s.handling.responsibleUnits,
    suspectedCrimes: s.handling.suspectedCrimes,
    redactions: s.redactions ?? null,
    publication: s.publication ?? null,
    publicationRule: {
      workingDays: publicationDays,
      citation: basis.citation,
      note: basis.description,
      confirmed: basis.confirmed,
    },
    copies: s.copies,
    evaluation: s.evaluation ?? null,
    upwardConclusion: s.upwardConclusion ?? null,
  };
}
