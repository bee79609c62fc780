// The payment demand (催告书) served before applying to the court: the contents 行政强制法 Art. 35
// requires — the obligation and its time limit, the manner of performance, the amount and how to pay,
// and the party's right to state and defend (Art. 36) — with a document number. Pure.
import { formatYuan } from './enforcement-balance';
import type { IsoDate } from './dates';

export interface PaymentDemandInput {
  decisionNumber: string;
  decidedOn: IsoDate;
  departmentName: string;
  party: { name: string; unifiedSocialCreditCode?: string; address?: string };
  /** Fine still unpaid and surcharge accrued as of issuedOn, in fen. */
  outstandingFineFen: number;
  surchargeFen: number;
  rectification?: string[];
  issuedOn: IsoDate;
  /** Which demand of this case (1 for the first), so a re-issued demand gets its own number. */
  sequence: number;
  paymentChannel?: string;
}

export interface PaymentDemandSection {
  heading: string;
  body: string;
}

export interface PaymentDemand {
  documentNo: string;
  title: string;
  issuedOn: IsoDate;
  addressee: string;
  amounts: { outstandingFineFen: number; surchargeFen: number; totalFen: number; asOf: IsoDate };
  /** Art. 35 (一)–(四), in order. */
  sections: PaymentDemandSection[];
  citation: string;
  text: string;
}

const DEFAULT_CHANNEL = '通过非税收入缴款平台缴纳（缴款时注明处罚决定书文号），或至代收银行网点缴纳';

/** The demand's number: the decision number it enforces, with 催 and the sequence. */
export function paymentDemandNumber(decisionNumber: string, sequence: number): string {
  return `${decisionNumber}催字第${sequence}号`;
}

export function buildPaymentDemand(input: PaymentDemandInput): PaymentDemand {
  const totalFen = input.outstandingFineFen + input.surchargeFen;
  const obligations: string[] = [];
  if (input.outstandingFineFen > 0) obligations.push(`缴纳罚款${formatYuan(input.outstandingFineFen)}`);
  if (input.surchargeFen > 0)
    obligations.push(
      `缴纳加处罚款${formatYuan(input.surchargeFen)}（计至${input.issuedOn}，此后按日继续加处，最高不超过罚款数额）`,
    );
  for (const item of input.rectification ?? []) obligations.push(item);
  const addressee = input.party.unifiedSocialCreditCode
    ? `${input.party.name}（统一社会信用代码：${input.party.unifiedSocialCreditCode}）`
    : input.party.name;
  const sections: PaymentDemandSection[] = [
    {
      heading: '一、履行义务的期限',
      body:
        `本机关于${input.decidedOn}作出${input.decisionNumber}行政处罚决定书，你（单位）未在法定期限内履行。` +
        `请自本催告书送达之日起十个工作日内履行下列义务：${obligations.join('；')}。`,
    },
    {
      heading: '二、履行义务的方式',
      body:
        input.outstandingFineFen + input.surchargeFen > 0
          ? '以缴纳款项方式履行；整改义务按处罚决定书载明的要求完成并书面报告本机关。'
          : '按处罚决定书载明的要求完成整改并书面报告本机关。',
    },
    {
      heading: '三、涉及金钱给付的金额和给付方式',
      body:
        totalFen > 0
          ? `应缴金额合计${formatYuan(totalFen)}，其中罚款${formatYuan(input.outstandingFineFen)}，` +
            `加处罚款${formatYuan(input.surchargeFen)}。给付方式：${input.paymentChannel ?? DEFAULT_CHANNEL}。`
          : '不涉及金钱给付。',
    },
    {
      heading: '四、当事人依法享有的陈述权和申辩权',
      body: '你（单位）收到本催告书后有权进行陈述和申辩，可在履行期限内向本机关书面或口头提出；本机关将充分听取并记录、复核你（单位）提出的事实、理由和证据。逾期仍不履行的，本机关将依法申请人民法院强制执行。',
    },
  ];
  const documentNo = paymentDemandNumber(input.decisionNumber, input.sequence);
  const title = `${input.departmentName}催告书`;
  const text = [
    title,
    documentNo,
    `${addressee}：`,
    ...sections.map((s) => `${s.heading}\n${s.body}`),
    `${input.departmentName}\n${input.issuedOn}`,
  ].join('\n');
  return {
    documentNo,
    title,
    issuedOn: input.issuedOn,
    addressee,
    amounts: {
      outstandingFineFen: input.outstandingFineFen,
      surchargeFen: input.surchargeFen,
      totalFen,
      asOf: input.issuedOn,
    },
    sections,
    citation: '《行政强制法》第三十五条、第三十六条、第三十八条、第五十四条',
    text,
  };
}
