import { describe, expect, it } from 'vitest';
import {
  buildCriminalTransferLetter,
  noReplacementStatement,
  transferReportProblem,
} from '../../../domain/criminal-transfer-letter';

const letter = buildCriminalTransferLetter({
  caseNumber: 'XS-2026-007',
  transferringAgency: '北碚区应急管理局',
  agencyShortName: '应急',
  receivingAgency: '北碚区公安分局',
  copiedTo: '北碚区人民检察院',
  suspect: { name: '重庆某化工有限公司', unifiedSocialCreditCode: '91500109MA5U123456', kind: 'organisation' },
  allegedOffence: '重大责任事故罪',
  facts: '违规动火作业引发爆燃。',
  approvedBy: '王德明',
  approvedOn: '2026-03-02',
  materials: {
    investigationReport: { title: '调查报告' },
    exhibitList: { title: '涉案物品清单' },
    appraisalReports: [{ title: '鉴定报告一' }, { title: '鉴定报告二' }],
  },
});

describe('criminal case transfer letter (涉嫌犯罪案件移送书)', () => {
  it('is numbered by agency, year and case, addressed to the police and copied to the procuratorate', () => {
    expect(letter.letterNo).toBe('北碚应急移〔2026〕XS-2026-007号');
    expect(letter.addressee).toBe('北碚区公安分局');
    expect(letter.body).toContain('抄送：北碚区人民检察院');
    expect(letter.body).toContain('重庆某化工有限公司（统一社会信用代码：91500109MA5U123456）');
    expect(letter.citation).toBe('《行政执法机关移送涉嫌犯罪案件的规定》第六条');
  });

  it('attaches the Art. 6 materials in the order the article lists them', () => {
    expect(letter.attachments.map((a) => a.title)).toEqual(['调查报告', '涉案物品清单', '鉴定报告一', '鉴定报告二']);
    expect(letter.body).toContain('附件：1. 调查报告；2. 涉案物品清单；3. 鉴定报告一；4. 鉴定报告二');
  });

  it('requires two distinct officers on the written report', () => {
    expect(transferReportProblem([{ id: 'a' }])).toMatchObject({ rule: 'min_two_officers' });
    expect(transferReportProblem([{ id: 'a' }, { id: 'a' }])).toMatchObject({ rule: 'min_two_officers' });
    expect(transferReportProblem([{ id: 'a' }, { id: 'b' }])).toBeNull();
  });

  it('states that penalties already imposed stay in force (Art. 11)', () => {
    expect(
      noReplacementStatement([
        { kind: 'licence-revocation', decisionNo: 'F-1' },
        { kind: 'warning', decisionNo: 'F-2' },
      ]),
    ).toBe('移送涉嫌犯罪案件不停止已作出的行政处罚决定的执行：已作出的吊销许可证（F-1）、警告（F-2）继续执行。');
  });
});
