// The accident case's facts (the state query answers them whole), the checks each act must pass now, and the
// changes that move its deadlines. Plain TypeScript over domain/, no Temporal imports: the workflow owns one.
import { classifyAccident, type AccidentClassification } from '../../domain/accident-level';
import { pausedDaysBetween } from '../../domain/accident-case';
import type { AccidentActResult } from './messages';
import type {
  AccidentCaseInput,
  AccidentFiguresInput,
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
import * as v from './validate';

const rank: Record<string, number> = { general: 0, major: 1, serious: 2, 'particularly-serious': 3 };

export class AccidentCaseState {
  readonly s: AccidentState;
  /** The figures and grade as first reported (registration, the first warning talk). */
  readonly initial: { figures: AccidentFiguresInput; classification: AccidentClassification };
  /** Bumped whenever a due date may move, so the deadline watches re-read. */
  version = 0;
  /** The district government approved (批复) the report. */
  approved = false;
  /** A repeated requestId is answered, not re-applied. */
  private answered = new Map<string, AccidentActResult>();

  constructor(
    readonly input: AccidentCaseInput,
    /** An approval step (extension or 批复) is open in the engine. */
    private readonly engineStepOpen: () => boolean,
    at: string,
  ) {
    const figures = {
      deaths: input.deaths,
      seriousInjuries: input.seriousInjuries,
      directLossFen: input.directLossFen,
    };
    const classification = classifyAccident(figures);
    this.initial = { figures, classification };
    this.s = {
      stage: classification.level === 'general' ? 'investigation' : 'reported-upward',
      figures,
      classification,
      gradings: [{ at, level: classification.level, figures, by: input.initiatorId }],
      reportingChain: [],
      pausedDays: 0,
      pauses: [],
      handling: { penalties: [], responsibleUnits: [], suspectedCrimes: [] },
      publishRequested: false,
      copies: {},
      enforcementCases: {},
    };
  }

  // ---- Checks: synchronous, for the Updates' validators ----

  private get ctx(): v.ActContext {
    return { approvalOpen: this.engineStepOpen() || this.s.extension?.status === 'pending' };
  }
  checkCasualtyChange = (i: CasualtyChange) => v.checkCasualtyChange(this.s, i);
  checkTeam = (i: TeamFormation) => v.checkTeam(this.s, i);
  checkPause = (i: AppraisalPause) => v.checkPause(this.s, i);
  checkResume = () => v.checkResume(this.s);
  checkExtension = (i: ExtensionRequest) => v.checkExtension(this.s, i, this.ctx);
  checkReport = (i: ReportSubmission) => v.checkReport(this.s, i, this.ctx);
  checkPublish = () => v.checkPublish(this.s);
  checkCopyReceipt = (i: CopyReceipt) => v.checkCopyReceipt(this.s, i);
  checkEvaluation = (i: EvaluationSubmission) => v.checkEvaluation(this.s, i);
  checkUpwardConclusion = (i: UpwardConclusion) => v.checkUpwardConclusion(this.s, i);
  checkPenaltyDecision = (i: PenaltyDecision) => v.checkPenaltyDecision(this.s, i);

  // ---- Answers to acts ----

  answerTo(requestId: string): AccidentActResult | undefined {
    return this.answered.get(requestId);
  }

  answer(requestId: string, extra: Partial<AccidentActResult> = {}): AccidentActResult {
    const r = { requestId, stage: this.s.stage, level: this.s.classification.level, ...extra };
    this.answered.set(requestId, r);
    return r;
  }

  // ---- Changes ----

  /** Art. 13: casualties reported later re-grade the case; above 一般 the investigation goes upward (Art. 19). */
  regrade(figures: AccidentFiguresInput, by: string, at: string): void {
    const s = this.s;
    s.figures = figures;
    const next = classifyAccident(s.figures);
    s.gradings.push({ at, level: next.level, figures: s.figures, by });
    if (s.stage === 'investigation' || rank[next.level]! > rank[s.classification.level]!) s.classification = next;
    if (s.stage === 'investigation' && next.level !== 'general') s.stage = 'reported-upward';
    this.version++;
  }

  /** The technical appraisal ended on `today`: its days do not count (Art. 29); returns them. */
  resume(today: string): number {
    const s = this.s;
    const days = pausedDaysBetween(s.pausedSince!, today);
    s.pausedDays += days;
    s.pauses[s.pauses.length - 1]!.to = today;
    s.pausedSince = undefined;
    this.version++;
    return days;
  }

  /** What moves the investigation deadline: an approved extension and the appraisal's days. */
  clock(): { extensionDays: number; pausedDays: number } {
    return {
      extensionDays: this.s.extension?.status === 'approved' ? this.s.extension.days : 0,
      pausedDays: this.s.pausedDays,
    };
  }
}
