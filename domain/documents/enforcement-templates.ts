// Documents of an enforcement case: 催告书 (行政强制法 Art. 35), 强制执行申请书 (Art. 55 materials),
// 分期（延期）缴纳罚款批准书 (行政处罚法 Art. 66) and 送达回证. Pure: case data in, structured document out.
import { getLegalBasis } from '../legal-basis';
import type { IsoDate } from '../dates';
import { formatChineseDate as d, chineseOrdinal, yuanWithWords } from './chinese-format';
import { documentKindInfo, type DraftDocument } from './types';

export interface Party {
  name: string;
  unifiedSocialCreditCode?: string;
  address?: string;
}

/** 区应急管理局 → 北碚区应急管理局 (the issuer's full name on paper). */
export function fullDepartmentName(name: string): string {
  return name.startsWith('区') ? `北碚${name}` : name;
}

export function partyLine(p: Party): string {
  return p.unifiedSocialCreditCode ? `${p.name}（统一社会信用代码：${p.unifiedSocialCreditCode}）` : p.name;
}

export interface PaymentDemandData {
  departmentName: string;
  decisionNumber: string;
  decidedOn: IsoDate;
  party: Party;
  outstandingFineFen: number;
  surchargeFen: number;
  /** The day the amounts are computed to (the demand's date). */
  asOf: IsoDate;
  /** The surcharge reached the fine (行政处罚法 Art. 72: never more than the fine). */
  surchargeCapped: boolean;
  rectification?: string[];
  paymentChannel?: string;
}

const DEFAULT_CHANNEL = '通过非税收入缴款平台缴纳（缴款时注明处罚决定书文号），或者至代收银行网点缴纳';

export function paymentDemandDocument(c: PaymentDemandData): DraftDocument {
  const issuer = fullDepartmentName(c.departmentName);
  const total = c.outstandingFineFen + c.surchargeFen;
  const money: string[] = [];
  if (c.outstandingFineFen > 0) money.push(`罚款${yuanWithWords(c.outstandingFineFen)}`);
  if (c.surchargeFen > 0)
    money.push(
      c.surchargeCapped
        ? `加处罚款${yuanWithWords(c.surchargeFen)}（计至${d(c.asOf)}，已达到罚款数额，依法不再加处）`
        : `加处罚款${yuanWithWords(c.surchargeFen)}（计至${d(c.asOf)}；未缴清的，自次日起每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款数额）`,
    );
  const wait = getLegalBasis('enforcement.demand-wait');
  const duties = [...(c.outstandingFineFen > 0 ? ['缴纳罚款'] : []), ...(c.surchargeFen > 0 ? ['缴纳加处罚款'] : [])];
  duties.push(...(c.rectification ?? []));
  return {
    kind: 'payment-demand',
    title: `${issuer}${documentKindInfo['payment-demand'].name}`,
    addressee: partyLine(c.party),
    paragraphs: [
      `本机关于${d(c.decidedOn)}作出${c.decisionNumber}行政处罚决定书，你（单位）未在法定期限内履行。根据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告你（单位）` +
        `履行下列义务：${duties.join('；')}。`,
      `一、履行义务的期限：自本催告书送达之日起十个工作日内（${wait.citation}）。`,
      `二、履行义务的方式：${total > 0 ? '以缴纳款项方式履行' : '按处罚决定书载明的要求履行'}` +
        `${c.rectification?.length ? '；整改义务按处罚决定书载明的要求完成并书面报告本机关' : ''}。`,
      total > 0
        ? `三、涉及金钱给付的金额和给付方式：${money.join('；')}；合计${yuanWithWords(total)}。给付方式：${c.paymentChannel ?? DEFAULT_CHANNEL}。`
        : '三、涉及金钱给付的金额和给付方式：不涉及金钱给付。',
      '四、当事人依法享有的陈述权和申辩权：你（单位）收到本催告书后有权进行陈述和申辩，可以在履行期限内向本机关书面或者口头提出；本机关将充分听取你（单位）的意见，对提出的事实、理由和证据进行记录、复核。',
      '逾期仍不履行的，本机关将依法申请人民法院强制执行。',
    ],
    attachments: [],
    issuer,
    legalBasis: ['《中华人民共和国行政强制法》第三十五条、第三十六条、第三十七条、第五十四条', wait.citation],
  };
}

export interface EnforcementApplicationData {
  departmentName: string;
  /** The court applied to, e.g. 重庆市北碚区人民法院. */
  court: string;
  headName: string;
  decisionNumber: string;
  decidedOn: IsoDate;
  decisionServedOn: IsoDate;
  party: Party;
  facts?: string;
  reasons?: string;
  legalBasisText?: string;
  demand: { number: string; servedOn: IsoDate; waitEnds: IsoDate };
  statement?: { receivedOn: IsoDate; summary: string; upheld?: boolean };
  targetFen: number;
  rectification?: string[];
}

/** 行政强制法 Art. 55: the materials submitted with the application, in the article's order. */
export const ARTICLE_55_MATERIALS = [
  '强制执行申请书',
  '行政决定书及作出决定的事实、理由和依据',
  '当事人的意见及行政机关催告情况',
  '申请强制执行标的情况',
  '法律、行政法规规定的其他材料',
] as const;

export function enforcementApplicationDocument(c: EnforcementApplicationData): DraftDocument {
  const issuer = fullDepartmentName(c.departmentName);
  const opinion = c.statement
    ? `被申请人于${d(c.statement.receivedOn)}提出陈述申辩（${c.statement.summary}），经本机关复核，理由不成立`
    : '被申请人在催告期间未提出陈述申辩';
  const target = [
    ...(c.targetFen > 0 ? [`罚款及加处罚款共计${yuanWithWords(c.targetFen)}`] : []),
    ...(c.rectification ?? []),
  ].join('；');
  return {
    kind: 'enforcement-application',
    title: `${issuer}${documentKindInfo['enforcement-application'].name}`,
    addressee: c.court,
    paragraphs: [
      `申请人：${issuer}，负责人：${c.headName}。`,
      `被申请人：${partyLine(c.party)}${c.party.address ? `，住所：${c.party.address}` : ''}。`,
      `申请事项：请求依法强制执行${c.decisionNumber}行政处罚决定书，执行标的：${target}。`,
      `事实和理由：本机关于${d(c.decidedOn)}作出${c.decisionNumber}行政处罚决定书，于${d(c.decisionServedOn)}送达被申请人。` +
        `${c.facts ? `违法事实：${c.facts}。` : ''}${c.reasons ? `理由：${c.reasons}。` : ''}` +
        `${c.legalBasisText ? `依据：${c.legalBasisText}。` : ''}被申请人在法定期限内未申请行政复议或者提起行政诉讼，又不履行。` +
        `本机关于${d(c.demand.servedOn)}送达${c.demand.number}催告书，催告期限于${d(c.demand.waitEnds)}届满，${opinion}，被申请人仍未履行。`,
      '根据《中华人民共和国行政强制法》第五十三条、第五十四条、第五十五条的规定，特申请人民法院强制执行。',
    ],
    rows: ARTICLE_55_MATERIALS.map((m, i) => ({ label: `材料${chineseOrdinal(i + 1)}`, value: m })),
    attachments: [
      `${c.decisionNumber}行政处罚决定书及送达回证`,
      '作出决定的事实、理由和依据',
      `${c.demand.number}催告书及送达回证`,
      '当事人的意见（陈述申辩记录及复核意见，或者未提出的说明）',
      '申请强制执行标的情况',
    ],
    issuer,
    legalBasis: [
      getLegalBasis('enforcement.application-materials').citation,
      '《中华人民共和国行政强制法》第五十三条、第五十四条',
    ],
  };
}

export interface InstalmentApprovalData {
  departmentName: string;
  decisionNumber: string;
  decidedOn: IsoDate;
  party: Party;
  fineFen: number;
  kind: 'deferral' | 'instalments';
  deferredTo?: IsoDate;
  instalments?: Array<{ dueDate: IsoDate; amountFen: number }>;
}

export function instalmentApprovalDocument(c: InstalmentApprovalData): DraftDocument {
  const issuer = fullDepartmentName(c.departmentName);
  const schedule =
    c.kind === 'deferral'
      ? [`同意你（单位）延期缴纳罚款${yuanWithWords(c.fineFen)}，最迟于${d(c.deferredTo!)}前缴清。`]
      : [
          `同意你（单位）分${chineseOrdinal(c.instalments!.length)}期缴纳罚款${yuanWithWords(c.fineFen)}：`,
          ...c.instalments!.map(
            (p, i) => `第${chineseOrdinal(i + 1)}期：${d(p.dueDate)}前缴纳${yuanWithWords(p.amountFen)}；`,
          ),
        ];
  return {
    kind: 'instalment-approval',
    title: `${issuer}${c.kind === 'deferral' ? '延期' : '分期'}缴纳罚款批准书`,
    addressee: partyLine(c.party),
    paragraphs: [
      `你（单位）因确有经济困难，申请${c.kind === 'deferral' ? '延期' : '分期'}缴纳本机关${d(c.decidedOn)}作出的${c.decisionNumber}行政处罚决定书` +
        `所处罚款。经本机关负责人批准，根据《中华人民共和国行政处罚法》第六十六条第二款的规定：`,
      ...schedule,
      '逾期未按上述期限缴纳的，本机关将依法每日按罚款数额的百分之三加处罚款，并依法申请人民法院强制执行。',
    ],
    attachments: [],
    issuer,
    legalBasis: [getLegalBasis('enforcement.deferral').citation],
  };
}

export interface ServiceReceiptData {
  departmentName: string;
  documentName: string;
  documentNumber: string;
  addressee: string;
  address?: string;
  methodLabel?: string;
  servedOn?: IsoDate;
  recipient?: string;
  servers: string[];
}

export function serviceReceiptDocument(c: ServiceReceiptData): DraftDocument {
  const issuer = fullDepartmentName(c.departmentName);
  return {
    kind: 'service-receipt',
    title: `${issuer}${documentKindInfo['service-receipt'].name}`,
    addressee: null,
    paragraphs: [],
    rows: [
      { label: '送达文书名称及文号', value: `${c.documentName}（${c.documentNumber}）` },
      { label: '受送达人', value: c.addressee },
      { label: '送达地点', value: c.address ?? '' },
      { label: '送达方式', value: c.methodLabel ?? '' },
      { label: '送达日期', value: c.servedOn ? d(c.servedOn) : '　　年　　月　　日' },
      { label: '受送达人签名或者盖章', value: c.recipient ?? '' },
      { label: '送达人', value: c.servers.join('、') },
      { label: '备注', value: '' },
    ],
    attachments: [],
    issuer,
    legalBasis: ['《中华人民共和国行政强制法》第三十八条', '《中华人民共和国民事诉讼法》第八十七条至第九十五条'],
  };
}
