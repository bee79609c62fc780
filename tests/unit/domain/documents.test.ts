import { describe, expect, it } from 'vitest';
import {
  amountInWords,
  blacklistDecisionDocument,
  criminalTransferDocument,
  defaultNumberPattern,
  enforcementApplicationDocument,
  entrustmentLetterDocument,
  entrustmentNoticeDocument,
  formatChineseDate,
  formatDocumentNumber,
  instalmentApprovalDocument,
  missingSigners,
  numberPatternProblem,
  paymentDemandDocument,
  prerequisiteProblem,
  renderDocumentHtml,
  annualPlanDocument,
  serviceReceiptDocument,
} from '../../../domain/documents';
import { buildEntrustmentLetter } from '../../../domain/entrustment-letter';
import { buildCriminalTransferLetter, transferLetterNumber } from '../../../domain/criminal-transfer-letter';

describe('Chinese dates and amounts on documents', () => {
  it('writes dates as 年月日 without leading zeros', () => {
    expect(formatChineseDate('2026-11-29')).toBe('2026年11月29日');
    expect(formatChineseDate('2026-04-07')).toBe('2026年4月7日');
    expect(() => formatChineseDate('2026-02-30')).toThrow();
  });

  it('writes amounts in capital numerals (大写)', () => {
    expect(amountInWords(0)).toBe('人民币零元整');
    expect(amountInWords(1_000)).toBe('人民币壹拾元整');
    expect(amountInWords(1_000_105)).toBe('人民币壹万零壹元零伍分');
    expect(amountInWords(100_000_000)).toBe('人民币壹佰万元整');
    expect(amountInWords(1_000_000)).toBe('人民币壹万元整');
    expect(amountInWords(10_010_000)).toBe('人民币壹拾万零壹佰元整');
    expect(amountInWords(10_000_000_100)).toBe('人民币壹亿零壹元整');
    expect(amountInWords(150)).toBe('人民币壹元伍角整');
    expect(amountInWords(5)).toBe('人民币伍分');
    expect(amountInWords(3_456_789_012)).toBe('人民币叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分');
    expect(() => amountInWords(-1)).toThrow();
    expect(() => amountInWords(1.5)).toThrow();
  });
});

const party = { name: '重庆某某机械制造有限公司', unifiedSocialCreditCode: '91500109MA5U654321' };

describe('催告书', () => {
  const base = {
    departmentName: '区应急管理局',
    decisionNumber: '北碚应急罚〔2026〕33号',
    decidedOn: '2026-04-07',
    party,
    outstandingFineFen: 1_000_000,
    surchargeFen: 1_000_000,
    asOf: '2026-11-29',
    surchargeCapped: true,
  };

  it('states the capped surcharge and never that it continues', () => {
    const doc = paymentDemandDocument(base);
    const text = doc.paragraphs.join('\n');
    expect(doc.title).toBe('北碚区应急管理局催告书');
    expect(doc.addressee).toBe('重庆某某机械制造有限公司（统一社会信用代码：91500109MA5U654321）');
    expect(doc.paragraphs[0]).toContain('本机关于2026年4月7日作出北碚应急罚〔2026〕33号行政处罚决定书');
    expect(text).toContain('加处罚款10,000.00元（人民币壹万元整）（计至2026年11月29日，已达到罚款数额，依法不再加处）');
    expect(text).toContain('合计20,000.00元（人民币贰万元整）');
    expect(text).not.toMatch(/继续|按日.*加处/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(doc.legalBasis[0]).toContain('第三十五条');
  });

  it('says how the surcharge grows while it is below the cap', () => {
    const text = paymentDemandDocument({ ...base, surchargeFen: 300_000, surchargeCapped: false }).paragraphs.join('');
    expect(text).toContain('每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款数额');
  });
});

describe('强制执行申请书 and 分期批准书', () => {
  it('lists the Art. 55 materials and the demand history', () => {
    const doc = enforcementApplicationDocument({
      departmentName: '区应急管理局',
      court: '重庆市北碚区人民法院',
      headName: '王德明',
      decisionNumber: '北碚应急罚〔2026〕33号',
      decidedOn: '2026-04-07',
      decisionServedOn: '2026-04-08',
      party,
      demand: { number: '北碚应急催〔2026〕12号', servedOn: '2026-10-12', waitEnds: '2026-10-26' },
      targetFen: 2_000_000,
    });
    expect(doc.rows!.map((r) => r.value)).toEqual([
      '强制执行申请书',
      '行政决定书及作出决定的事实、理由和依据',
      '当事人的意见及行政机关催告情况',
      '申请强制执行标的情况',
      '法律、行政法规规定的其他材料',
    ]);
    expect(doc.paragraphs.join('')).toContain(
      '本机关于2026年10月12日送达北碚应急催〔2026〕12号催告书，催告期限于2026年10月26日届满，被申请人在催告期间未提出陈述申辩',
    );
    expect(doc.paragraphs[2]).toContain('罚款及加处罚款共计20,000.00元（人民币贰万元整）');
  });

  it('sets out each instalment with its date and amount', () => {
    const doc = instalmentApprovalDocument({
      departmentName: '区应急管理局',
      decisionNumber: '北碚应急罚〔2026〕33号',
      decidedOn: '2026-04-07',
      party,
      fineFen: 1_000_000,
      kind: 'instalments',
      instalments: [
        { dueDate: '2026-05-31', amountFen: 500_000 },
        { dueDate: '2026-06-30', amountFen: 500_000 },
      ],
    });
    expect(doc.title).toBe('北碚区应急管理局分期缴纳罚款批准书');
    expect(doc.paragraphs).toContain('第一期：2026年5月31日前缴纳5,000.00元（人民币伍仟元整）；');
    expect(doc.legalBasis.join('')).toContain('第六十六条');
  });
});

describe('移送书, 委托书 and the public notice', () => {
  const transfer = {
    caseNumber: '北碚应急移〔2026〕1号',
    transferringAgency: '北碚区应急管理局',
    agencyShortName: '应急',
    receivingAgency: '北碚区公安分局',
    copiedTo: '北碚区人民检察院',
    suspect: { name: '刘某某', kind: 'person' as const },
    allegedOffence: '重大责任事故罪',
    facts: '违规动火作业引发爆燃。',
    approvedBy: '王德明',
    approvedOn: '2026-03-02',
    materials: {
      investigationReport: { title: '调查报告' },
      exhibitList: { title: '涉案物品清单' },
      appraisalReports: [{ title: '鉴定意见' }],
    },
  };

  it('numbers the 移送书 once and dates it in Chinese', () => {
    const doc = criminalTransferDocument(transfer);
    expect(doc.title).toBe('涉嫌犯罪案件移送书');
    expect(doc.paragraphs.join('')).toContain('于2026年3月2日批准');
    expect(doc.rows!.map((r) => r.value)).toEqual(['调查报告', '涉案物品清单', '鉴定意见']);
    expect(JSON.stringify(doc)).not.toContain('〕北碚');
    expect(buildCriminalTransferLetter(transfer).letterNo).toBe('北碚应急移〔2026〕1号');
    expect(transferLetterNumber('应急', 'XS-2026-007', '2026-03-02')).toBe('北碚应急移〔2026〕XS-2026-007号');
  });

  const entrustment = {
    draftNumber: 'WT-yjj-2026-007',
    edition: 1,
    agency: { id: 'yjj', name: '区应急管理局' },
    org: { id: 'gxq', name: '北碚高新区管委会', legalStatus: '区政府派出机构' },
    powers: [{ id: 'p1', name: '安全培训处罚', type: 'penalty' as const, legalBasis: '《安全生产法》第九十七条' }],
    territory: '北碚高新区规划范围',
    termStart: '2026-12-01',
    termEnd: '2028-11-30',
    approvedOn: '2026-11-20',
  };

  it('writes 范围 once, dates in Chinese, and a notice titled and worded as a notice', () => {
    const letter = buildEntrustmentLetter(entrustment);
    expect(letter.text).toContain('在北碚高新区规划范围内，以区应急管理局的名义');
    expect(letter.text).not.toContain('范围范围');
    expect(letter.text).toContain('委托期限：2026年12月1日至2028年11月30日');
    expect(letter.text.split('\n')[0]).toBe(letter.title);
    const doc = entrustmentLetterDocument(entrustment);
    expect(doc.title).toBe('北碚区应急管理局行政执法委托书');
    expect(doc.paragraphs).toContain('委托期限：2026年12月1日至2028年11月30日。');
    const notice = entrustmentNoticeDocument(entrustment);
    expect(notice.title).toBe('北碚区应急管理局关于委托北碚高新区管委会实施行政执法的公告');
    expect(notice.paragraphs[0]).toContain('行政执法委托书（北碚应急管理局委〔2026〕7号）');
    expect(JSON.stringify([doc, notice])).not.toContain('范围范围');
  });
});

describe('other templates', () => {
  it('the annual plan carries its working-day budget', () => {
    const doc = annualPlanDocument({
      departmentName: '区应急管理局',
      year: 2027,
      budget: { availableWorkingDays: 1200, plannedWorkingDays: 960, officers: 8 },
      items: [{ enterprise: '重庆某化工有限公司', category: '危险化学品', quarter: 2, workingDays: 3 }],
    });
    expect(doc.paragraphs[1]).toContain('全年可用于监督检查的执法工作日1200个，本计划安排960个');
    expect(doc.rows![0]).toEqual({ label: '1. 重庆某化工有限公司', value: '危险化学品；第二季度；3个工作日' });
  });

  it('the blacklist decision states its term and the remedies', () => {
    const doc = blacklistDecisionDocument({
      departmentName: '区应急管理局',
      party,
      reason: '发生较大生产安全事故',
      grounds: '北碚应急罚〔2026〕40号',
      listedFrom: '2026-12-01',
      listedUntil: '2027-11-30',
      measures: ['加大执法检查频次'],
    });
    expect(doc.paragraphs[0]).toContain('期限自2026年12月1日至2027年11月30日');
    expect(doc.paragraphs.at(-1)).toContain('六十日内依法申请行政复议');
  });

  it('the 送达回证 names the document and leaves the date blank until served', () => {
    const doc = serviceReceiptDocument({
      departmentName: '区应急管理局',
      documentName: '催告书',
      documentNumber: '北碚应急催〔2026〕12号',
      addressee: party.name,
      servers: ['张伟', '李娜'],
    });
    expect(doc.rows![0]!.value).toBe('催告书（北碚应急催〔2026〕12号）');
    expect(doc.rows!.find((r) => r.label === '送达日期')!.value).toBe('　　年　　月　　日');
  });
});

describe('numbers, order and signatures', () => {
  it('forms numbers from a department pattern', () => {
    const pattern = defaultNumberPattern('区应急管理局');
    expect(pattern).toBe('北碚应急{code}〔{year}〕{seq}号');
    expect(formatDocumentNumber(pattern, 'payment-demand', 2026, 12)).toBe('北碚应急催〔2026〕12号');
    expect(formatDocumentNumber(pattern, 'criminal-transfer', 2026, 1)).toBe('北碚应急移〔2026〕1号');
    expect(numberPatternProblem('北碚应急〔{year}〕{seq}号')).toContain('{code}');
    expect(numberPatternProblem(pattern)).toBeNull();
  });

  it('refuses the court application before the demand was served and its wait ended', () => {
    expect(prerequisiteProblem('enforcement-application', { today: '2026-11-29', demand: {} })).toMatchObject({
      rule: 'demand_not_served',
    });
    expect(
      prerequisiteProblem('enforcement-application', {
        today: '2026-11-29',
        demand: { servedOn: '2026-11-20', waitEnds: '2026-12-04' },
      }),
    ).toMatchObject({ rule: 'demand_wait_running' });
    expect(
      prerequisiteProblem('enforcement-application', {
        today: '2026-12-05',
        demand: { servedOn: '2026-11-20', waitEnds: '2026-12-04' },
      }),
    ).toBeNull();
  });

  it('names the officers still to sign', () => {
    expect(missingSigners(['a', 'b'], [{ userId: 'a', name: '张伟', at: '2026-11-29T10:00:00+08:00' }])).toEqual(['b']);
  });

  it('prints a draft without seal and an issued document with its seal, escaping text', () => {
    const doc = {
      ...paymentDemandDocument({
        ...{
          departmentName: '区应急管理局',
          decisionNumber: '罚<1>',
          decidedOn: '2026-04-07',
          party,
          outstandingFineFen: 100,
          surchargeFen: 0,
          asOf: '2026-11-29',
          surchargeCapped: false,
        },
      }),
    };
    const draft = renderDocumentHtml(
      { ...doc, number: null, date: null },
      { status: 'draft', version: 1, signatures: [] },
    );
    expect(draft).toContain('草稿（未签发，不得送达）');
    expect(draft).not.toContain('class="seal"');
    expect(draft).toContain('罚&lt;1&gt;');
    const issued = renderDocumentHtml(
      { ...doc, number: '北碚应急催〔2026〕1号', date: '2026-11-29' },
      { status: 'issued', version: 1, signatures: [], sealedBy: 'yjj-head' },
    );
    expect(issued).toContain('class="seal"');
    expect(issued).toContain('2026年11月29日');
    expect(issued).toMatch(/@media print \{\s*\.toolbar, nav/);
  });
});
