// The one catalogue of every period and legally grounded step the four workflows use.
// Workflows ask for a basis by id; its citation is what a step shows as its legal basis.
import { addDays, parseIsoDate, shanghaiDateOf, type IsoDate, type IsoDateTime } from './dates';
import { isProvisionalDate, rollBackToWorkingDay, type CalendarSnapshot } from './calendar';
import { computeDeadline, type PeriodResult, type PeriodUnit } from './periods';

const PENALTY_LAW = '中华人民共和国行政处罚法';
const COMPULSION_LAW = '中华人民共和国行政强制法';
const RECONSIDERATION_LAW = '中华人民共和国行政复议法';
const LITIGATION_LAW = '中华人民共和国行政诉讼法';
const TRANSFER_RULES = '行政执法机关移送涉嫌犯罪案件的规定'; // 国务院令第310号, revised 2020
const ACCIDENT_RULES = '生产安全事故报告和调查处理条例'; // 国务院令第493号
const WORK_SAFETY_LAW = '中华人民共和国安全生产法';
const CHONGQING_REGULATION = '重庆市安全生产条例';
const DISTRICT_POLICY = '重庆市北碚区人民政府办公室关于加强安全生产监管执法的意见'; // 北碚府办发〔2016〕65号
const DISCLOSURE_GUIDANCE =
  '国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见'; // 国办发〔2018〕118号
const CIVIL_PROCEDURE_LAW = '中华人民共和国民事诉讼法'; // 2023 revision
const LITIGATION_INTERPRETATION = '最高人民法院关于适用《中华人民共和国行政诉讼法》的解释'; // 法释〔2018〕1号
const SYSTEM_DEFAULT = '系统默认（非法定期限）';

interface BasisCommon {
  id: string;
  law: string;
  /** e.g. '第六十七条'; null for system defaults. */
  article: string | null;
  /** User-facing statement of the rule (Simplified Chinese). */
  description: string;
  /** Short citation shown beside a step, e.g. '《行政处罚法》第六十七条'. */
  citation: string;
  /**
   * False where the figure is a configurable default rather than fixed by the cited text, or where the rule is
   * our reading of the law, or its text could not be read from the statute itself (see `reading`).
   */
  confirmed: boolean;
  /** Why an unconfirmed, non-configurable rule is unconfirmed (a reading, or a text not read at source). */
  reading?: string;
  /** The amount may be overridden by configuration (only for unconfirmed defaults). */
  configurable?: boolean;
}

export interface PeriodBasis extends BasisCommon {
  unit: PeriodUnit;
  amount: number;
  /** 'before': a reminder counted back from the date given (e.g. entrustment expiry). */
  direction?: 'after' | 'before';
  /**
   * Absent: the day unit follows unitForStatute(law, amount) (checked by tests).
   * 'stated-in-text': the cited text itself says 工作日. 'system-default': our own choice.
   */
  unitBasis?: 'stated-in-text' | 'system-default';
}

export interface FixedDateBasis extends BasisCommon {
  unit: 'fixed-date';
  amount: null;
  /** 'MM-DD' in the year concerned. */
  monthDay: string;
}

export interface StepBasis extends BasisCommon {
  unit: null;
  amount: null;
}

export type LegalBasisDefinition = PeriodBasis | FixedDateBasis | StepBasis;

const catalogue = [
  // ---- Workflow 3: overdue enforcement and court application (§十二) ----
  {
    id: 'enforcement.payment',
    law: PENALTY_LAW,
    article: '第六十七条',
    description: '当事人应当自收到行政处罚决定书之日起十五日内缴纳罚款',
    amount: 15,
    unit: 'calendar-days',
    citation: '《行政处罚法》第六十七条',
    confirmed: true,
  },
  {
    id: 'enforcement.deferral',
    law: PENALTY_LAW,
    article: '第六十六条',
    description: '当事人确有经济困难，经申请和行政机关批准，可以暂缓或者分期缴纳罚款',
    amount: null,
    unit: null,
    citation: '《行政处罚法》第六十六条',
    confirmed: true,
  },
  {
    id: 'enforcement.surcharge',
    law: PENALTY_LAW,
    article: '第七十二条',
    description: '到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额',
    amount: null,
    unit: null,
    citation: '《行政处罚法》第七十二条；《行政强制法》第四十五条',
    confirmed: true,
  },
  {
    id: 'enforcement.surcharge-pause',
    law: PENALTY_LAW,
    article: '第七十三条第三款',
    description: '当事人申请行政复议或者提起行政诉讼的，加处罚款的数额在行政复议或者行政诉讼期间不予计算',
    amount: null,
    unit: null,
    citation: '《行政处罚法》第七十三条第三款',
    confirmed: true,
  },
  {
    id: 'enforcement.no-stay',
    law: PENALTY_LAW,
    article: '第七十三条第一款',
    description: '当事人申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外',
    amount: null,
    unit: null,
    citation: '《行政处罚法》第七十三条；《行政复议法》第四十二条；《行政诉讼法》第五十六条',
    confirmed: true,
  },
  {
    id: 'enforcement.reconsideration-window',
    law: RECONSIDERATION_LAW,
    article: '第二十条',
    description: '当事人可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请',
    amount: 60,
    unit: 'calendar-days',
    citation: '《行政复议法》第二十条',
    confirmed: true,
  },
  {
    id: 'enforcement.litigation-window',
    law: LITIGATION_LAW,
    article: '第四十六条',
    description: '直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内提出',
    amount: 6,
    unit: 'months',
    citation: '《行政诉讼法》第四十六条',
    confirmed: true,
  },
  {
    id: 'enforcement.litigation-after-reconsideration',
    law: LITIGATION_LAW,
    article: '第四十五条',
    description: '不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼',
    amount: 15,
    unit: 'calendar-days',
    citation: '《行政诉讼法》第四十五条',
    confirmed: true,
  },
  {
    id: 'enforcement.court-application-after-deferral',
    law: PENALTY_LAW,
    article: '第七十二条第二款',
    description:
      '行政机关批准延期、分期缴纳罚款的，申请人民法院强制执行的期限，自暂缓或者分期缴纳罚款期限结束之日起计算（仍不早于复议、诉讼期限届满之日）',
    amount: 3,
    unit: 'months',
    citation: '《行政处罚法》第七十二条第二款；《行政强制法》第五十三条',
    confirmed: true,
  },
  {
    id: 'enforcement.enforcement-agreement',
    law: COMPULSION_LAW,
    article: '第四十二条',
    description:
      '实施行政强制执行，行政机关可以在不损害公共利益和他人合法权益的情况下，与当事人达成执行协议；当事人采取补救措施的，可以减免加处的罚款；当事人不履行执行协议的，应当恢复强制执行',
    amount: null,
    unit: null,
    citation: '《行政强制法》第四十二条',
    confirmed: true,
  },
  {
    id: 'enforcement.reconsideration-first',
    law: RECONSIDERATION_LAW,
    article: '第二十三条第一款第（一）项',
    description:
      '对当场作出的行政处罚决定不服的，应当先申请行政复议，对复议决定不服的，再依法提起行政诉讼；不适用直接起诉的六个月期限',
    amount: null,
    unit: null,
    citation: '《行政复议法》第二十三条第一款第（一）项；《行政处罚法》第五十一条',
    confirmed: true,
  },
  {
    id: 'enforcement.reconsideration-window-unstated',
    law: RECONSIDERATION_LAW,
    article: '第二十条第三款',
    description:
      '行政机关作出行政行为时未告知申请行政复议的权利、复议机关和申请期限的，申请期限自知道或者应当知道之日起计算，但自知道或者应当知道行政行为内容之日起最长不得超过一年',
    amount: 12,
    unit: 'months',
    citation: '《行政复议法》第二十条第三款',
    confirmed: true,
  },
  {
    id: 'enforcement.litigation-window-unstated',
    law: LITIGATION_INTERPRETATION,
    article: '第六十四条',
    description:
      '行政机关作出行政行为时未告知起诉期限的，起诉期限从知道或者应当知道起诉期限之日起计算，但从知道或者应当知道行政行为内容之日起最长不得超过一年',
    amount: 12,
    unit: 'months',
    citation: '最高人民法院关于适用《行政诉讼法》的解释第六十四条',
    confirmed: false,
    reading: '司法解释原文未能从法规库读取核对，条文序号与内容待核实',
  },
  {
    id: 'enforcement.reconsideration-acceptance',
    law: RECONSIDERATION_LAW,
    article: '第三十条',
    description: '行政复议机关收到申请后应当在五日内审查；审查期限届满未作出不予受理决定的，视为受理（五日为工作日）',
    amount: 5,
    unit: 'working-days',
    citation: '《行政复议法》第三十条、第八十八条',
    confirmed: true,
  },
  {
    id: 'enforcement.reconsideration-decision',
    law: RECONSIDERATION_LAW,
    article: '第六十二条第一款',
    description:
      '适用普通程序的，行政复议机关应当自受理申请之日起六十日内作出行政复议决定；经批准延长的，最多不超过三十日',
    amount: 60,
    unit: 'calendar-days',
    citation: '《行政复议法》第六十二条',
    confirmed: true,
  },
  {
    id: 'enforcement.reconsideration-decision-simple',
    law: RECONSIDERATION_LAW,
    article: '第六十二条第二款',
    description: '适用简易程序的，行政复议机关应当自受理申请之日起三十日内作出行政复议决定',
    amount: 30,
    unit: 'calendar-days',
    citation: '《行政复议法》第六十二条第二款',
    confirmed: true,
  },
  {
    id: 'enforcement.reconsideration-extension',
    law: RECONSIDERATION_LAW,
    article: '第六十二条第一款',
    description: '情况复杂的，经行政复议机构负责人批准可以适当延长，延长期限最多不得超过三十日',
    amount: 30,
    unit: 'calendar-days',
    citation: '《行政复议法》第六十二条第一款',
    confirmed: true,
  },
  {
    id: 'enforcement.litigation-after-silence',
    law: LITIGATION_LAW,
    article: '第四十五条',
    description:
      '复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院提起诉讼；复议前置的案件同样自复议期限届满之日起十五日内起诉',
    amount: 15,
    unit: 'calendar-days',
    citation: '《行政诉讼法》第四十五条；《行政复议法》第三十四条',
    confirmed: true,
  },
  {
    id: 'enforcement.appeal-window',
    law: LITIGATION_LAW,
    article: '第八十五条',
    description:
      '当事人不服人民法院第一审判决的，有权在判决书送达之日起十五日内向上一级人民法院提起上诉；逾期不提起上诉的，第一审判决发生法律效力',
    amount: 15,
    unit: 'calendar-days',
    citation: '《行政诉讼法》第八十五条',
    confirmed: true,
  },
  {
    id: 'enforcement.public-notice-service',
    law: CIVIL_PROCEDURE_LAW,
    article: '第九十五条',
    description:
      '受送达人下落不明，或者用其他方式无法送达的，公告送达；自发出公告之日起，经过三十日，即视为送达（行政处罚决定书依照民事诉讼法送达）',
    amount: null,
    unit: null,
    citation: '《民事诉讼法》第九十五条；《行政处罚法》第六十一条；《行政强制法》第三十八条',
    confirmed: true,
  },
  {
    id: 'enforcement.publication',
    law: WORK_SAFETY_LAW,
    article: '第七十八条第二款',
    description: '对生产经营单位作出处罚决定后七个工作日内在监督管理部门公示系统予以公开曝光',
    amount: 7,
    unit: 'working-days',
    unitBasis: 'stated-in-text',
    citation: '《安全生产法》第七十八条第二款；国办发〔2018〕118号',
    confirmed: true,
  },
  {
    id: 'enforcement.publication-withdrawal',
    law: PENALTY_LAW,
    article: '第四十八条第二款',
    description:
      '公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由（三日为工作日）',
    amount: 3,
    unit: 'working-days',
    citation: '《行政处罚法》第四十八条、第八十五条',
    confirmed: true,
  },
  {
    id: 'enforcement.demand',
    law: COMPULSION_LAW,
    article: '第三十五条、第三十六条、第三十八条、第五十四条',
    description: '申请人民法院强制执行前，应当以书面形式催告当事人履行义务，催告书直接送达；当事人有权进行陈述和申辩',
    amount: null,
    unit: null,
    citation: '《行政强制法》第三十五条、第三十六条、第三十八条、第五十四条',
    confirmed: true,
  },
  {
    id: 'enforcement.demand-wait',
    law: COMPULSION_LAW,
    article: '第五十四条、第六十九条',
    description: '催告书送达十日后当事人仍未履行义务的，行政机关可以向人民法院申请强制执行（十日为工作日）',
    amount: 10,
    unit: 'working-days',
    citation: '《行政强制法》第五十四条、第六十九条',
    confirmed: true,
  },
  {
    id: 'enforcement.court-application',
    law: COMPULSION_LAW,
    article: '第五十三条',
    description:
      '当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，行政机关可以自期限届满之日起三个月内申请人民法院强制执行',
    amount: 3,
    unit: 'months',
    citation: '《行政强制法》第五十三条；最高人民法院关于适用《行政诉讼法》的解释第一百五十六条、第一百五十七条',
    confirmed: true,
  },
  {
    id: 'enforcement.application-materials',
    law: COMPULSION_LAW,
    article: '第五十五条',
    description:
      '申请书须由行政机关负责人签名，加盖行政机关印章并注明日期；附行政决定书及作出决定的事实、理由和依据，当事人的意见及催告情况，申请强制执行标的情况等材料',
    amount: null,
    unit: null,
    citation: '《行政强制法》第五十五条',
    confirmed: true,
  },
  {
    id: 'enforcement.court-acceptance',
    law: COMPULSION_LAW,
    article: '第五十六条',
    description: '人民法院接到行政机关强制执行的申请，应当在五日内受理（工作日）',
    amount: 5,
    unit: 'working-days',
    citation: '《行政强制法》第五十六条、第六十九条',
    confirmed: true,
  },
  {
    id: 'enforcement.acceptance-review-application',
    law: COMPULSION_LAW,
    article: '第五十六条',
    description: '行政机关对人民法院不予受理的裁定有异议的，可以在十五日内向上一级人民法院申请复议',
    amount: 15,
    unit: 'calendar-days',
    citation: '《行政强制法》第五十六条',
    confirmed: true,
  },
  {
    id: 'enforcement.acceptance-review-ruling',
    law: COMPULSION_LAW,
    article: '第五十六条',
    description: '上一级人民法院应当自收到复议申请之日起十五日内作出是否受理的裁定',
    amount: 15,
    unit: 'calendar-days',
    citation: '《行政强制法》第五十六条',
    confirmed: true,
  },
  {
    id: 'enforcement.enforcement-ruling',
    law: COMPULSION_LAW,
    article: '第五十七条',
    description: '人民法院对申请进行书面审查，应当自受理之日起七日内作出执行裁定（工作日）',
    amount: 7,
    unit: 'working-days',
    citation: '《行政强制法》第五十七条、第六十九条',
    confirmed: true,
  },
  {
    id: 'enforcement.enforcement-ruling-with-hearing',
    law: COMPULSION_LAW,
    article: '第五十八条',
    description:
      '人民法院发现行政决定明显缺乏事实根据、法律依据或者其他明显违法的，应当自受理之日起三十日内作出是否执行的裁定',
    amount: 30,
    unit: 'calendar-days',
    citation: '《行政强制法》第五十八条',
    confirmed: true,
  },
  {
    id: 'enforcement.refusal-ruling-service',
    law: COMPULSION_LAW,
    article: '第五十八条',
    description: '裁定不予执行的，人民法院应当说明理由，并在五日内将不予执行的裁定送达行政机关（工作日）',
    amount: 5,
    unit: 'working-days',
    citation: '《行政强制法》第五十八条、第六十九条',
    confirmed: true,
  },
  {
    id: 'enforcement.refusal-review-application',
    law: COMPULSION_LAW,
    article: '第五十八条',
    description: '行政机关对不予执行的裁定有异议的，可以自收到裁定之日起十五日内向上一级人民法院申请复议',
    amount: 15,
    unit: 'calendar-days',
    citation: '《行政强制法》第五十八条',
    confirmed: true,
  },
  {
    id: 'enforcement.refusal-review-ruling',
    law: COMPULSION_LAW,
    article: '第五十八条',
    description: '上一级人民法院应当自收到复议申请之日起三十日内作出是否执行的裁定',
    amount: 30,
    unit: 'calendar-days',
    citation: '《行政强制法》第五十八条',
    confirmed: true,
  },
  {
    id: 'enforcement.no-fee',
    law: COMPULSION_LAW,
    article: '第六十条',
    description: '行政机关申请人民法院强制执行，不缴纳申请费；强制执行的费用由被执行人承担',
    amount: null,
    unit: null,
    citation: '《行政强制法》第六十条',
    confirmed: true,
  },

  // ---- Transfer of suspected crimes (§十二; 国务院令第310号) ----
  {
    id: 'criminal.head-decision',
    law: TRANSFER_RULES,
    article: '第五条',
    description:
      '行政执法机关正职负责人或者主持工作的负责人应当自接到移送书面报告之日起三日内作出批准移送或者不批准移送的决定',
    amount: 3,
    unit: 'calendar-days',
    citation: '《行政执法机关移送涉嫌犯罪案件的规定》第五条',
    confirmed: true,
  },
  {
    id: 'criminal.transfer',
    law: TRANSFER_RULES,
    article: '第五条',
    description: '决定批准移送的，应当在二十四小时内向同级公安机关移送，并抄送同级人民检察院',
    amount: 24,
    unit: 'hours',
    citation: '《行政执法机关移送涉嫌犯罪案件的规定》第五条；北碚府办发〔2016〕65号第十二条',
    confirmed: true,
  },
  {
    id: 'criminal.transfer-materials',
    law: TRANSFER_RULES,
    article: '第六条',
    description:
      '移送时应当附涉嫌犯罪案件移送书、涉嫌犯罪案件情况的调查报告、涉案物品清单、有关检验报告或者鉴定结论等材料',
    amount: null,
    unit: null,
    citation: '《行政执法机关移送涉嫌犯罪案件的规定》第六条',
    confirmed: true,
  },
  {
    id: 'criminal.police-filing-decision',
    law: TRANSFER_RULES,
    article: '第八条',
    description: '公安机关应当自接受移送的涉嫌犯罪案件之日起三日内进行审查，决定是否立案并书面通知移送机关',
    amount: 3,
    unit: 'calendar-days',
    citation: '《行政执法机关移送涉嫌犯罪案件的规定》第八条',
    confirmed: true,
  },
  {
    id: 'criminal.request-police-reconsideration',
    law: TRANSFER_RULES,
    article: '第九条',
    description: '行政执法机关认为应当立案的，可以自接到不予立案通知书之日起三日内提请公安机关复议',
    amount: 3,
    unit: 'calendar-days',
    citation: '《行政执法机关移送涉嫌犯罪案件的规定》第九条',
    confirmed: true,
  },
  {
    id: 'criminal.police-reconsideration-decision',
    law: TRANSFER_RULES,
    article: '第九条',
    description: '公安机关应当自收到提请复议的文件之日起三日内作出立案或者不予立案的决定',
    amount: 3,
    unit: 'calendar-days',
    citation: '《行政执法机关移送涉嫌犯罪案件的规定》第九条',
    confirmed: true,
  },
  {
    id: 'criminal.procuratorate-supervision-request',
    law: TRANSFER_RULES,
    article: '第九条',
    description: '对复议决定仍有异议的，应当自收到复议决定通知书之日起三日内建议人民检察院依法进行立案监督',
    amount: 3,
    unit: 'calendar-days',
    citation: '《行政执法机关移送涉嫌犯罪案件的规定》第九条',
    confirmed: true,
  },
  {
    id: 'criminal.exhibit-handover',
    law: TRANSFER_RULES,
    article: '第十二条',
    description: '公安机关决定立案的，行政执法机关应当自接到立案通知书之日起三日内移交涉案物品及有关材料',
    amount: 3,
    unit: 'calendar-days',
    citation: '《行政执法机关移送涉嫌犯罪案件的规定》第十二条',
    confirmed: true,
  },
  {
    id: 'criminal.no-replacement',
    law: TRANSFER_RULES,
    article: '第十一条',
    description: '移送涉嫌犯罪案件，不影响已经作出的警告、责令停产停业、暂扣或者吊销许可证等行政处罚决定的执行',
    amount: null,
    unit: null,
    citation: '《行政执法机关移送涉嫌犯罪案件的规定》第十一条',
    confirmed: true,
  },
  {
    id: 'criminal.returned-case',
    law: DISTRICT_POLICY,
    article: '第十二条',
    description: '公安机关、检察机关认为不需要追究刑事责任而移送回的案件，由安全生产监管执法机构依法作出行政处理',
    amount: null,
    unit: null,
    citation: '北碚府办发〔2016〕65号第十二条',
    confirmed: true,
  },

  // ---- Blacklist (§十三) ----
  {
    id: 'blacklist.listing',
    law: DISTRICT_POLICY,
    article: '第十三条',
    description:
      '对存在严重违法失信行为的生产经营单位，经决定列入安全生产黑名单，通过信用公示系统向社会公布，并在融资、政府采购、招投标、土地出让、评先评优等方面依法予以限制',
    amount: null,
    unit: null,
    citation: '北碚府办发〔2016〕65号第十三条',
    confirmed: true,
  },
  {
    id: 'blacklist.removal',
    law: DISTRICT_POLICY,
    article: '第十三条',
    description: '限制期届满或者经决定提前移出的，从黑名单中移出并向社会公布',
    amount: null,
    unit: null,
    citation: '北碚府办发〔2016〕65号第十三条',
    confirmed: true,
  },

  // ---- Workflow 4: accident investigation report and disclosure (§九) ----
  {
    id: 'accident.unit-report',
    law: ACCIDENT_RULES,
    article: '第九条',
    description:
      '单位负责人接到事故报告后，应当于一小时内向事故发生地县级以上人民政府安全生产监督管理部门（现应急管理部门）和负有安全生产监督管理职责的有关部门报告',
    amount: 1,
    unit: 'hours',
    citation: '《生产安全事故报告和调查处理条例》第九条',
    confirmed: true,
  },
  {
    id: 'accident.upward-report',
    law: ACCIDENT_RULES,
    article: '第十一条',
    description: '逐级上报事故情况，每级上报的时间不得超过二小时',
    amount: 2,
    unit: 'hours',
    citation: '《生产安全事故报告和调查处理条例》第十一条',
    confirmed: true,
  },
  {
    id: 'accident.investigation-report',
    law: ACCIDENT_RULES,
    article: '第二十九条',
    description: '事故调查组应当自事故发生之日起六十日内提交事故调查报告；技术鉴定所需时间不计入事故调查期限',
    amount: 60,
    unit: 'calendar-days',
    citation: '《生产安全事故报告和调查处理条例》第二十七条、第二十九条',
    confirmed: true,
  },
  {
    id: 'accident.investigation-extension',
    law: ACCIDENT_RULES,
    article: '第二十九条',
    description: '特殊情况下，经负责事故调查的人民政府批准，提交期限可以适当延长，但延长的期限最长不超过六十日',
    amount: 60,
    unit: 'calendar-days',
    citation: '《生产安全事故报告和调查处理条例》第二十九条',
    confirmed: true,
  },
  {
    id: 'accident.approval',
    law: ACCIDENT_RULES,
    article: '第三十二条',
    description: '重大事故、较大事故、一般事故，负责事故调查的人民政府应当自收到事故调查报告之日起十五日内作出批复',
    amount: 15,
    unit: 'calendar-days',
    citation: '《生产安全事故报告和调查处理条例》第三十二条',
    confirmed: true,
  },
  {
    id: 'accident.approval-particularly-serious',
    law: ACCIDENT_RULES,
    article: '第三十二条',
    description: '特别重大事故，应当自收到事故调查报告之日起三十日内作出批复',
    amount: 30,
    unit: 'calendar-days',
    citation: '《生产安全事故报告和调查处理条例》第三十二条',
    confirmed: true,
  },
  {
    id: 'accident.approval-extension-particularly-serious',
    law: ACCIDENT_RULES,
    article: '第三十二条',
    description: '特别重大事故特殊情况下批复时间可以适当延长，但延长的时间最长不超过三十日',
    amount: 30,
    unit: 'calendar-days',
    citation: '《生产安全事故报告和调查处理条例》第三十二条',
    confirmed: true,
  },
  {
    id: 'accident.copy-to-departments',
    law: CHONGQING_REGULATION,
    article: '第四十六条',
    description: '事故调查报告及批复应当自批复之日起三十日内抄送负有安全生产监督管理职责的部门',
    amount: 30,
    unit: 'calendar-days',
    citation: '《重庆市安全生产条例》第四十六条；北碚府办发〔2016〕65号第九条',
    confirmed: true,
  },
  {
    id: 'accident.publication',
    law: ACCIDENT_RULES,
    article: '第三十四条',
    description:
      '事故调查报告应当依法及时向社会公布；国家未规定具体天数，默认批复后二十个工作日内公布（参照《政府信息公开条例》第二十六条），可配置',
    amount: 20,
    unit: 'working-days',
    unitBasis: 'system-default',
    citation:
      '《生产安全事故报告和调查处理条例》第三十四条；《安全生产法》第八十六条；参照《政府信息公开条例》第二十六条',
    confirmed: false,
    configurable: true,
  },
  {
    id: 'accident.closure-evaluation',
    law: WORK_SAFETY_LAW,
    article: '第八十六条第三款',
    description: '批复事故调查报告后一年内，组织有关部门对事故整改和防范措施落实情况进行评估，并及时向社会公开评估结果',
    amount: 12,
    unit: 'months',
    citation: '《安全生产法》第八十六条',
    confirmed: true,
  },

  // ---- Workflow 1: annual inspection plan and random inspections (§十四, §十五) ----
  {
    id: 'plan.annual-draft',
    law: DISTRICT_POLICY,
    article: '第十四条',
    description: '负有安全生产监督管理职责的部门应当在当年1月底前制订本部门安全生产年度监督检查计划',
    amount: null,
    unit: 'fixed-date',
    monthDay: '01-31',
    citation: '北碚府办发〔2016〕65号第十四条；《安全生产法》第六十二条',
    confirmed: true,
  },
  {
    id: 'plan.approval-and-filing',
    law: DISTRICT_POLICY,
    article: '第十四条',
    description:
      '年度监督检查计划报经区政府审查批准，并报区政府安委办及上级行业行政主管部门备案；受委托组织的计划报委托机关批准',
    amount: null,
    unit: null,
    citation: '北碚府办发〔2016〕65号第十四条',
    confirmed: true,
  },
  {
    id: 'inspection.on-site-plan',
    law: DISTRICT_POLICY,
    article: '第十四条',
    description: '监督检查前编制现场检查方案，按计划实施监督检查',
    amount: null,
    unit: null,
    citation: '北碚府办发〔2016〕65号第十四条',
    confirmed: true,
  },
  {
    id: 'inspection.random-selection',
    law: DISTRICT_POLICY,
    article: '第十五条',
    description: '制定并公布随机抽查事项清单，随机抽取检查对象、随机选派执法检查人员',
    amount: null,
    unit: null,
    citation: '北碚府办发〔2016〕65号第十五条；国办发〔2015〕58号',
    confirmed: true,
  },
  {
    id: 'inspection.full-coverage',
    law: '优化营商环境条例',
    article: '第五十四条',
    description: '直接涉及公共安全和人民群众生命健康等特殊重点领域，实行全覆盖重点监管，不适用随机抽查',
    amount: null,
    unit: null,
    citation: '《优化营商环境条例》第五十四条',
    confirmed: true,
  },
  {
    id: 'inspection.publish-penalty-decision',
    law: DISCLOSURE_GUIDANCE,
    article: '二、（四）',
    description: '行政许可、行政处罚的执法决定信息应当在执法决定作出之日起七个工作日内公开',
    amount: 7,
    unit: 'working-days',
    unitBasis: 'stated-in-text',
    citation: '国办发〔2018〕118号',
    confirmed: true,
  },
  {
    id: 'inspection.publish-other-decision',
    law: DISCLOSURE_GUIDANCE,
    article: '二、（四）',
    description: '其他执法决定信息应当在执法决定作出之日起二十个工作日内向社会公布',
    amount: 20,
    unit: 'working-days',
    unitBasis: 'stated-in-text',
    citation: '国办发〔2018〕118号',
    confirmed: true,
  },
  {
    id: 'plan.working-day-budget',
    law: DISTRICT_POLICY,
    article: '第十四条',
    description:
      '按照统筹兼顾、突出重点、量力而行的原则，以年度法定工作日和执法人员数量测算执法工作日，计划检查天数不得超出执法工作日预算',
    amount: null,
    unit: null,
    citation: '北碚府办发〔2016〕65号第十四条；安监总政法〔2017〕150号',
    confirmed: true,
  },
  {
    id: 'plan.amendment',
    law: DISTRICT_POLICY,
    article: '第十四条',
    description: '年度监督检查计划确需调整的，按原审批程序报经批准，并重新备案',
    amount: null,
    unit: null,
    citation: '北碚府办发〔2016〕65号第十四条',
    confirmed: true,
  },
  {
    id: 'plan.execution',
    law: DISTRICT_POLICY,
    article: '第十四条',
    description: '按计划实施监督检查；区政府安委办按季度掌握各部门计划完成情况，对进度滞后的部门予以提醒',
    amount: null,
    unit: null,
    citation: '北碚府办发〔2016〕65号第十四条',
    confirmed: true,
  },
  {
    id: 'inspection.recusal',
    law: PENALTY_LAW,
    article: '第四十三条',
    description:
      '执法人员与检查对象有直接利害关系或者其他关系可能影响公正执法的，应当回避；随机选派时不选派与企业有关联或者上一轮检查过该企业的执法人员（本区做法）',
    amount: null,
    unit: null,
    citation: '《行政处罚法》第四十三条',
    confirmed: true,
  },

  // ---- Workflow 2: entrusted enforcement (§十六, §十) ----
  {
    id: 'entrustment.written-letter',
    law: PENALTY_LAW,
    article: '第二十条',
    description:
      '委托应当采用书面形式，载明委托的具体事项、权限、期限等内容，并向社会公布；受委托组织以委托机关名义实施，不得再委托',
    amount: null,
    unit: null,
    citation: '《行政处罚法》第二十条；北碚府办发〔2016〕65号第十六条',
    confirmed: true,
  },
  {
    id: 'entrustment.conditions',
    law: PENALTY_LAW,
    article: '第二十一条',
    description:
      '受委托组织应当依法成立并具有管理公共事务职能，有取得行政执法资格的工作人员，需要技术检查或者技术鉴定的应当有条件组织进行',
    amount: null,
    unit: null,
    citation: '《行政处罚法》第二十一条',
    confirmed: true,
  },
  {
    id: 'entrustment.scope-review',
    law: CHONGQING_REGULATION,
    article: '第六十条',
    description: '委托执法的范围应当经法制机构审核',
    amount: null,
    unit: null,
    citation: '《重庆市安全生产条例》第六十条',
    confirmed: true,
  },
  {
    id: 'entrustment.expiry-reminder-30',
    law: SYSTEM_DEFAULT,
    article: null,
    description: '委托期限届满前三十日提醒委托机关办理续期或者终止',
    amount: 30,
    unit: 'calendar-days',
    direction: 'before',
    unitBasis: 'system-default',
    citation: '系统默认提醒，可配置',
    confirmed: false,
    configurable: true,
  },
  {
    id: 'entrustment.expiry-reminder-7',
    law: SYSTEM_DEFAULT,
    article: null,
    description: '委托期限届满前七日再次提醒',
    amount: 7,
    unit: 'calendar-days',
    direction: 'before',
    unitBasis: 'system-default',
    citation: '系统默认提醒，可配置',
    confirmed: false,
    configurable: true,
  },

  // ---- Statutory calendar ----
  {
    id: 'calendar.statutory-holidays',
    law: '全国年节及纪念日放假办法',
    article: '第二条',
    description:
      '全体公民放假的节日：元旦1天（1月1日），春节4天（农历除夕、正月初一至初三），清明节1天（农历清明当日），劳动节2天（5月1日、2日），端午节1天（农历端午当日），中秋节1天（农历中秋当日），' +
      '国庆节3天（10月1日至3日）；放假通知未载入的年度，暂按上述节日和周末计算期限',
    amount: null,
    unit: null,
    citation: '《全国年节及纪念日放假办法》第二条（国务院令第795号）',
    confirmed: false,
    reading: '条文据国务院公报的逐字转录核对，未能从法规库原文读取',
  },

  // ---- Shared approval step ----
  {
    id: 'approval.step-default',
    law: SYSTEM_DEFAULT,
    article: null,
    description: '内部审批环节的默认办理时限为三个工作日，超时催办',
    amount: 3,
    unit: 'working-days',
    unitBasis: 'system-default',
    citation: '系统默认时限，可配置',
    confirmed: false,
    configurable: true,
  },
] as const satisfies readonly LegalBasisDefinition[];

export type LegalBasisId = (typeof catalogue)[number]['id'];
export type LegalBasis = LegalBasisDefinition & { readonly id: LegalBasisId };

export const legalBases: readonly LegalBasis[] = catalogue;

const byId = new Map<string, LegalBasis>(legalBases.map((basis) => [basis.id, basis]));

export function isLegalBasisId(value: unknown): value is LegalBasisId {
  return typeof value === 'string' && byId.has(value);
}

export function getLegalBasis(id: LegalBasisId): LegalBasis {
  const basis = byId.get(id);
  if (!basis) throw new RangeError(`unknown legal basis ${String(id)}`);
  return basis;
}

export interface DeadlineResult extends Omit<PeriodResult, 'unit'> {
  unit: PeriodUnit | 'fixed-date';
  basisId: LegalBasisId;
  citation: string;
}

export interface DeadlineOptions {
  /** Override the amount of a configurable basis (e.g. the publication default). */
  amount?: number;
}

/**
 * The deadline a basis sets, counted from `from` (the triggering event: receipt, service,
 * acceptance…; for 'before' reminders, the expiry date; for fixed dates, any date in the period).
 */
export function deadlineFor(
  snapshot: CalendarSnapshot,
  from: IsoDate | IsoDateTime,
  basisId: LegalBasisId,
  options: DeadlineOptions = {},
): DeadlineResult {
  const basis = getLegalBasis(basisId);
  const tag = { basisId: basis.id, citation: basis.citation };
  if (basis.unit === null) throw new RangeError(`legal basis ${basis.id} sets no period`);

  if (basis.unit === 'fixed-date') {
    // A date fixed by policy (e.g. plan due 31 January), not a period: no rolling.
    const fromDate = shanghaiDateOf(from);
    const year = parseIsoDate(fromDate)!.year;
    let due = `${year}-${basis.monthDay}`;
    if (due < fromDate) due = `${year + 1}-${basis.monthDay}`;
    return { ...tag, due, unit: 'fixed-date', amount: 0, provisional: false, calendarVersion: snapshot.version };
  }

  let amount: number = basis.amount;
  if (options.amount !== undefined) {
    if (!basis.configurable)
      throw new RangeError(`legal basis ${basis.id} is fixed by law; its amount cannot be changed`);
    amount = options.amount;
  }

  if (basis.direction === 'before') {
    // Reminder counted back from the date given, moved back onto a working day so it is seen in time.
    if (!(Number.isInteger(amount) && amount > 0))
      throw new RangeError(`amount must be a positive integer, got ${amount}`);
    const nominal = addDays(shanghaiDateOf(from), -amount);
    const due = rollBackToWorkingDay(snapshot, nominal);
    const provisional = isProvisionalDate(snapshot, nominal) || isProvisionalDate(snapshot, due);
    return { ...tag, due, unit: basis.unit, amount, provisional, calendarVersion: snapshot.version };
  }

  return { ...tag, ...computeDeadline(snapshot, from, amount, basis.unit) };
}
