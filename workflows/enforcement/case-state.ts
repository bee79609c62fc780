// The enforcement case's facts and the rules that read them (what an action may do now, what the case shows);
// the windows and dates are in windows.ts. Plain TypeScript over domain/, no Temporal imports.
import type { CalendarSnapshot } from '../../domain/calendar';
import { courtApplicationMaterials, type CourtApplicationFacts } from '../../domain/court-application';
import { parseIsoDate } from '../../domain/dates';
import type { Instalment } from '../../domain/surcharge';
import { EnforcementWindows } from './windows';
import {
  serviceMethods,
  type CourtTrack,
  type EnforcementCaseInput,
  type EnforcementOutcome,
  type EnforcementRejection,
  type EnforcementView,
  type RecordChallengeInput,
  type RecordEnforcementAgreementInput,
  type RecordPublicationInput,
  type RecordCourtReviewInput,
  type RecordDemandServiceInput,
  type RecordPaymentInput,
  type RecordStatementInput,
  type RequestDeferralInput,
  type StageId,
  type SupplementMaterialsInput,
} from './types';

export type Rejection = { code: EnforcementRejection; message: string; field?: string } | null;
const reject = (code: EnforcementRejection, message: string, field?: string): Rejection =>
  field ? { code, message, field } : { code, message };
const beforeCourt: StageId[] = ['payment', 'overdue', 'challenged'];

export { deemedServiceDate, PUBLIC_NOTICE_DAYS } from './windows';

export class EnforcementCaseState extends EnforcementWindows {
  stage: StageId = 'payment';
  outcome?: EnforcementOutcome;
  queuedDeferral?: RequestDeferralInput;
  demand?: EnforcementView['demand'];
  statement?: { receivedOn: string; summary: string; reviewed: boolean; upheld?: boolean };
  noStatement = false;
  materialsFacts: Pick<CourtApplicationFacts, 'facts' | 'reasons' | 'legalBasisText'>;
  signature?: { agencyHead: string; signedOn: string };
  court: CourtTrack = {};
  /** Bumped on every change, so waiting code wakes up and re-reads. */
  changes = 0;
  private requestIds = new Set<string>();

  constructor(input: EnforcementCaseInput, calendar: () => CalendarSnapshot) {
    super(input, calendar);
    this.materialsFacts = { facts: input.facts, reasons: input.reasons, legalBasisText: input.legalBasisText };
  }

  bump(): void {
    this.changes++;
  }

  get closed(): boolean {
    return this.outcome !== undefined;
  }

  owes(today: string): boolean {
    return !this.balance(today).settled || (this.input.fineFen === 0 && (this.input.rectification?.length ?? 0) > 0);
  }

  /** §十二, 行政强制法 Art. 53: challenge periods over, nothing pending, still not performed. */
  courtPathOpen(today: string): boolean {
    return (
      !this.closed &&
      !this.pendingChallenge() &&
      today > this.courtPathOpensAfter() &&
      today > this.finalDue() &&
      this.deferral?.status !== 'pending' &&
      this.owes(today)
    );
  }

  /** The stage before the court path: paying, overdue, or challenged (surcharge paused). */
  paymentStage(today: string): StageId {
    if (this.pendingChallenge()) return 'challenged';
    return today > this.finalDue() ? 'overdue' : 'payment';
  }

  materials(requireSignature: boolean) {
    const balance = this.balance(this.demand?.issuedOn ?? this.input.servedOn);
    return courtApplicationMaterials(
      {
        decisionNumber: this.input.decisionNumber,
        decidedOn: this.input.decidedOn,
        ...this.materialsFacts,
        demand: this.demand
          ? {
              documentNo: this.demand.documentNo,
              servedOn: this.demand.servedOn,
              serviceMethod: this.demand.serviceMethod,
            }
          : undefined,
        statement: this.statement,
        noStatement: this.noStatement,
        targetFen: balance.totalDueFen,
        rectification: this.input.rectification,
        signature: this.signature,
      },
      { requireSignature },
    );
  }

  view(today: string): EnforcementView {
    return {
      decisionNumber: this.input.decisionNumber,
      stage: this.stage,
      party: this.input.party,
      servedOn: this.input.servedOn,
      serviceMethod: this.input.serviceMethod,
      deemedServedOn: this.knownOn(),
      ...(this.input.serviceMethod === 'public-notice'
        ? { noticePublishedOn: this.input.noticePublishedOn ?? this.input.servedOn }
        : {}),
      onTheSpot: this.onTheSpot,
      remediesStated: this.remediesStated,
      rectification: this.input.rectification ?? [],
      money: this.money,
      balance: this.balance(today),
      challenges: this.challenges,
      windows: {
        reconsiderationEnds: this.reconsiderationEnds(),
        litigationEnds: this.litigationEnds(),
        reconsiderationFirst: this.onTheSpot,
        courtPathOpensAfter: this.courtPathOpensAfter(),
        courtApplicationFrom: this.courtApplicationFrom().from,
        courtApplicationDue: this.courtApplicationDue(),
      },
      surchargeReductions: this.money.reductions ?? [],
      publication: {
        due: this.publicationDue(),
        ...(this.publication.publishedOn ? { publishedOn: this.publication.publishedOn } : {}),
        ...(this.withdrawalDue() ? { withdrawalDue: this.withdrawalDue() } : {}),
      },
      deferral: this.deferral,
      demand: this.demand,
      statement: this.statement,
      materials:
        this.stage === 'materials' || this.stage === 'application-approval' ? this.materials(false) : undefined,
      court: Object.keys(this.court).length ? this.court : undefined,
      actingOrgId: this.input.actingOrgId,
      outcome: this.outcome,
    };
  }

  // ---- What each officer action may do now (synchronous validators; null = allowed) ----

  private common(i: { requestId: string; actor?: { id?: string } }): Rejection {
    if (!i || typeof i.requestId !== 'string' || !i.requestId || !i.actor?.id)
      return reject('INVALID_ACTION', '缺少请求编号或操作人');
    if (this.requestIds.has(i.requestId)) return reject('DUPLICATE', `请求 ${i.requestId} 已处理`);
    if (this.closed) return reject('CASE_CLOSED', '案件已办结，不能再办理');
    return null;
  }

  private date(value: string, field: string, today: string, notBefore?: { date: string; label: string }): Rejection {
    if (!parseIsoDate(value)) return reject('INVALID_DATE', `${field} 不是有效日期`, field);
    if (value > today) return reject('INVALID_DATE', `${field} 不能晚于今天（${today}）`, field);
    if (notBefore && value < notBefore.date)
      return reject('INVALID_DATE', `${field} 不能早于${notBefore.label}（${notBefore.date}）`, field);
    return null;
  }

  remember(requestId: string): void {
    this.requestIds.add(requestId);
  }

  checkPayment(i: RecordPaymentInput, today: string): Rejection {
    return (
      this.common(i) ??
      (!Number.isSafeInteger(i.amountFen) || i.amountFen <= 0
        ? reject('INVALID_AMOUNT', 'amountFen 必须为正整数（分）')
        : null) ??
      this.date(i.paidOn, 'paidOn', today, { date: this.input.decidedOn, label: '处罚决定作出之日' }) ??
      (this.balance(today).settled && this.input.fineFen > 0 ? reject('WRONG_STAGE', '罚款及加处罚款已缴清') : null)
    );
  }

  checkChallenge(i: RecordChallengeInput, today: string): Rejection {
    const base = this.common(i);
    if (base) return base;
    if (i.kind !== 'reconsideration' && i.kind !== 'litigation')
      return reject('INVALID_ACTION', 'kind 必须为 reconsideration 或 litigation');
    const name = i.kind === 'reconsideration' ? '行政复议' : '行政诉讼';
    const pending = this.pendingChallenge();
    const ours = pending?.kind === i.kind ? pending : undefined;
    switch (i.event) {
      case 'filed': {
        if (!beforeCourt.includes(this.stage))
          return reject('WRONG_STAGE', `案件已进入${this.stage}阶段，不能再登记${name}申请`);
        if (pending) return reject('WRONG_STAGE', '已有尚未审结的复议或诉讼');
        const reconsiderationOver = this.challenges.some(
          (c) => c.kind === 'reconsideration' && (c.decidedOn || c.lapsedOn),
        );
        if (i.kind === 'litigation' && this.onTheSpot && !reconsiderationOver)
          return reject(
            'NOT_ELIGIBLE',
            '当场作出的行政处罚决定应当先申请行政复议，对复议决定不服的再提起行政诉讼（《行政复议法》第二十三条第一款第（一）项）',
            'kind',
          );
        return this.date(i.date, 'date', today, { date: this.input.servedOn, label: '处罚决定送达之日' });
      }
      case 'accepted':
      case 'extended': {
        if (i.kind !== 'reconsideration' || !ours) return reject('WRONG_STAGE', '没有尚未审结的行政复议');
        if (i.event === 'accepted' && ours.acceptedOn) return reject('WRONG_STAGE', '已登记受理');
        if (i.event === 'extended') {
          if (ours.extendedDays) return reject('WRONG_STAGE', '复议期限已延长过');
          if (!Number.isSafeInteger(i.extendedDays) || i.extendedDays! < 1 || i.extendedDays! > 30)
            return reject(
              'INVALID_ACTION',
              'extendedDays 必须为 1 至 30 的整数（《行政复议法》第六十二条）',
              'extendedDays',
            );
        }
        return this.date(i.date, 'date', today, { date: ours.filedOn, label: '申请之日' });
      }
      case 'appealed': {
        if (i.kind !== 'litigation' || !ours?.firstInstance || ours.appealedOn)
          return reject('WRONG_STAGE', '没有可以上诉的一审判决');
        if (i.date > ours.firstInstance.appealEnds)
          return reject(
            'INVALID_DATE',
            `上诉期限已于 ${ours.firstInstance.appealEnds} 届满，一审判决已发生法律效力`,
            'date',
          );
        return this.date(i.date, 'date', today, { date: ours.firstInstance.decidedOn, label: '一审判决之日' });
      }
      case 'decided':
        break;
      default:
        return reject('INVALID_ACTION', 'event 必须为 filed、accepted、extended、appealed 或 decided');
    }
    if (!ours) return reject('WRONG_STAGE', `没有尚未审结的${name}`);
    if (!i.outcome || !['upheld', 'revoked', 'varied'].includes(i.outcome))
      return reject('INVALID_ACTION', 'outcome 必须为 upheld、revoked 或 varied');
    if (
      i.outcome === 'varied' &&
      (!Number.isSafeInteger(i.newFineFen) || i.newFineFen! <= 0 || i.newFineFen! > this.money.fineFen)
    ) {
      return reject('INVALID_AMOUNT', 'newFineFen 必须为不超过原罚款的正整数（分）');
    }
    if (i.kind === 'litigation') {
      const instance = i.instance ?? (ours.appealedOn ? 'second' : 'first');
      if (instance === 'first' && ours.firstInstance) return reject('WRONG_STAGE', '一审判决已登记', 'instance');
      if (instance === 'second' && !ours.appealedOn)
        return reject('WRONG_STAGE', '未登记上诉，不能登记二审判决', 'instance');
      if (i.servedOn !== undefined) {
        const served = this.date(i.servedOn, 'servedOn', today, { date: i.date, label: '判决之日' });
        if (served) return served;
      }
    }
    return this.date(i.date, 'date', today, { date: ours.appealedOn ?? ours.filedOn, label: '申请（起诉、上诉）之日' });
  }

  checkAgreement(i: RecordEnforcementAgreementInput, today: string): Rejection {
    const base = this.common(i);
    if (base) return base;
    if (!i.agreementNo?.trim()) return reject('INVALID_ACTION', 'agreementNo 不能为空', 'agreementNo');
    if (!i.remedialMeasures?.trim())
      return reject(
        'INVALID_ACTION',
        'remedialMeasures 不能为空（当事人采取的补救措施，《行政强制法》第四十二条）',
        'remedialMeasures',
      );
    const dated = this.date(i.decidedOn, 'decidedOn', today, { date: this.input.decidedOn, label: '处罚决定作出之日' });
    if (dated) return dated;
    const owed = this.balance(i.decidedOn).surchargeFen;
    if (owed <= 0) return reject('WRONG_STAGE', `截至 ${i.decidedOn} 没有可减免的加处罚款`);
    if (i.waiveAll) return null;
    if (!Number.isSafeInteger(i.reductionFen) || i.reductionFen! <= 0 || i.reductionFen! > owed)
      return reject('INVALID_AMOUNT', `reductionFen 必须为不超过已加处罚款 ${owed} 分的正整数`, 'reductionFen');
    return null;
  }

  checkPublication(i: RecordPublicationInput, today: string): Rejection {
    const base = this.common(i);
    if (base) return base;
    if (i.event === 'published') {
      if (this.publication.publishedOn) return reject('WRONG_STAGE', '已登记公开');
      return this.date(i.date, 'date', today, { date: this.input.decidedOn, label: '处罚决定作出之日' });
    }
    if (i.event !== 'withdrawn') return reject('INVALID_ACTION', 'event 必须为 published 或 withdrawn');
    if (!this.publication.publishedOn || this.publication.withdrawnOn)
      return reject('WRONG_STAGE', '没有需要撤回的公开信息');
    return this.date(i.date, 'date', today, { date: this.publication.publishedOn, label: '公开之日' });
  }

  checkDeferral(i: RequestDeferralInput, today: string): Rejection {
    const base = this.common(i);
    if (base) return base;
    if (!beforeCourt.includes(this.stage))
      return reject('WRONG_STAGE', '已进入催告或申请强制执行阶段，不能再申请暂缓或分期缴纳');
    if (this.deferral?.status === 'pending') return reject('WRONG_STAGE', '已有待审批的暂缓（分期）缴纳申请');
    if (this.input.fineFen <= 0) return reject('WRONG_STAGE', '本案没有罚款');
    if (!i.reason?.trim()) return reject('INVALID_ACTION', 'reason 不能为空（须说明经济困难情况）');
    if (i.kind === 'deferral') {
      if (!parseIsoDate(i.deferredTo) || i.deferredTo! <= today)
        return reject('INVALID_DATE', 'deferredTo 必须是今天之后的有效日期');
      return null;
    }
    if (i.kind !== 'instalments' || !i.instalments?.length)
      return reject('INVALID_ACTION', 'kind 为 instalments 时必须给出分期计划');
    const outstanding = this.balance(today).outstandingFineFen;
    const total = i.instalments.reduce((s: number, x: Instalment) => s + x.amountFen, 0);
    if (i.instalments.some((x) => !parseIsoDate(x.dueDate) || x.dueDate <= today))
      return reject('INVALID_DATE', '每期缴纳日期必须是今天之后的有效日期');
    if (i.instalments.some((x) => !Number.isSafeInteger(x.amountFen) || x.amountFen <= 0))
      return reject('INVALID_AMOUNT', '每期金额必须为正整数（分）');
    if (total !== this.money.fineFen || outstanding !== this.money.fineFen)
      return reject(
        'INVALID_AMOUNT',
        `分期金额合计 ${total} 分，应等于罚款 ${this.money.fineFen} 分（且尚未部分缴纳）`,
      );
    return null;
  }

  checkDemandService(i: RecordDemandServiceInput, today: string): Rejection {
    const base = this.common(i);
    if (base) return base;
    if (this.stage !== 'demand' || !this.demand) return reject('WRONG_STAGE', '当前没有待送达的催告书');
    if (!serviceMethods.includes(i.method))
      return reject('INVALID_ACTION', `method 必须为 ${serviceMethods.join('、')} 之一`);
    return this.date(i.servedOn, 'servedOn', today, { date: this.demand.issuedOn, label: '催告书制作之日' });
  }

  checkStatement(i: RecordStatementInput, today: string): Rejection {
    const base = this.common(i);
    if (base) return base;
    if (this.stage !== 'demand-wait' || !this.demand?.servedOn)
      return reject('WRONG_STAGE', '催告书送达后、催告期间内才能登记陈述申辩');
    if (this.statement) return reject('WRONG_STAGE', '已登记陈述申辩');
    if (!i.summary?.trim()) return reject('INVALID_ACTION', 'summary 不能为空');
    return this.date(i.receivedOn, 'receivedOn', today, { date: this.demand.servedOn, label: '催告书送达之日' });
  }

  checkMaterials(i: SupplementMaterialsInput): Rejection {
    const base = this.common(i);
    if (base) return base;
    if (
      [
        'court-filing',
        'court-acceptance',
        'acceptance-refused',
        'acceptance-review',
        'court-ruling',
        'refusal-ruled',
        'refusal-review',
        'court-execution',
      ].includes(this.stage)
    ) {
      return reject('WRONG_STAGE', '强制执行申请已提交，不能再补正材料');
    }
    if (![i.facts, i.reasons, i.legalBasisText].some((v) => typeof v === 'string' && v.trim()))
      return reject('INVALID_ACTION', '至少提供 facts、reasons、legalBasisText 之一');
    return null;
  }

  checkCourtReview(i: RecordCourtReviewInput, today: string): Rejection {
    const base = this.common(i);
    if (base) return base;
    if (i.event === 'filed') {
      if (this.stage !== 'acceptance-refused' && this.stage !== 'refusal-ruled')
        return reject('WRONG_STAGE', '只有法院不予受理或裁定不予执行后才能登记向上一级法院申请复议');
      const from = this.stage === 'acceptance-refused' ? this.court.refusedOn! : this.court.ruledOn!;
      return this.date(i.date, 'date', today, { date: from, label: '收到裁定之日' });
    }
    if (i.event !== 'decided') return reject('INVALID_ACTION', 'event 必须为 filed 或 decided');
    if (this.stage !== 'acceptance-review' && this.stage !== 'refusal-review')
      return reject('WRONG_STAGE', '当前没有待上一级法院复议的事项');
    const allowed = this.stage === 'acceptance-review' ? ['accepted', 'refused'] : ['enforce', 'refused'];
    if (!i.outcome || !allowed.includes(i.outcome))
      return reject('INVALID_ACTION', `outcome 必须为 ${allowed.join(' 或 ')}`);
    return this.date(i.date, 'date', today, { date: this.court.reviewFiledOn!, label: '申请复议之日' });
  }
}
