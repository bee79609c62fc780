// The criminal case transfer letter (涉嫌犯罪案件移送书) and its Art. 6 materials. Pure: no I/O, no clock.
import { getLegalBasis } from './legal-basis';
import { yearOf, type IsoDate } from './dates';
import { formatChineseDate } from './documents/chinese-format';

export interface TransferDocument {
  title: string;
  url?: string;
}

/** 国务院令第310号 Art. 6: the investigation report, the exhibit list, and inspection or appraisal reports. */
export interface TransferMaterials {
  investigationReport: TransferDocument;
  exhibitList: TransferDocument;
  appraisalReports: TransferDocument[];
}

export interface TransferSuspect {
  name: string;
  unifiedSocialCreditCode?: string;
  address?: string;
  kind: 'person' | 'organisation';
}

export interface TransferLetterInput {
  caseNumber: string;
  transferringAgency: string;
  /** Short name used in the letter number, e.g. 应急. */
  agencyShortName: string;
  receivingAgency: string;
  copiedTo: string;
  suspect: TransferSuspect;
  allegedOffence: string;
  facts: string;
  approvedBy: string;
  approvedOn: IsoDate;
  materials: TransferMaterials;
}

export interface TransferLetter {
  letterNo: string;
  title: string;
  addressee: string;
  copiedTo: string;
  body: string;
  /** The letter itself first, then the Art. 6 materials in the order the article lists them. */
  attachments: TransferDocument[];
  citation: string;
}

/** A number already in official form: <prefix>〔<year>〕<sequence>号. */
const OFFICIAL_NUMBER = /^\S+〔\d{4}〕\S+号$/u;

/**
 * Letter number, formed once: a case number already in official form (北碚应急移〔2026〕1号) is the letter's
 * number; any other case number is wrapped as 北碚<agency>移〔<year>〕<case number>号.
 */
export function transferLetterNumber(agencyShortName: string, caseNumber: string, approvedOn: IsoDate): string {
  if (OFFICIAL_NUMBER.test(caseNumber)) return caseNumber;
  return `北碚${agencyShortName}移〔${yearOf(approvedOn)}〕${caseNumber}号`;
}

export function transferAttachments(materials: TransferMaterials): TransferDocument[] {
  return [materials.investigationReport, materials.exhibitList, ...materials.appraisalReports];
}

export function buildCriminalTransferLetter(input: TransferLetterInput): TransferLetter {
  const letterNo = transferLetterNumber(input.agencyShortName, input.caseNumber, input.approvedOn);
  const attachments = transferAttachments(input.materials);
  const suspect =
    input.suspect.kind === 'organisation' && input.suspect.unifiedSocialCreditCode
      ? `${input.suspect.name}（统一社会信用代码：${input.suspect.unifiedSocialCreditCode}）`
      : input.suspect.name;
  const body = [
    `${input.receivingAgency}：`,
    `我单位在查处${suspect}一案（案件编号：${input.caseNumber}）中，发现其涉嫌${input.allegedOffence}。`,
    `主要事实：${input.facts}`,
    `经本机关负责人${input.approvedBy}于${formatChineseDate(input.approvedOn)}批准，根据《行政执法机关移送涉嫌犯罪案件的规定》第三条、第六条的规定，` +
      `现将该案移送你单位，请依法审查，并自接受之日起三日内作出是否立案的决定，书面通知我单位。`,
    `附件：${attachments.map((a, i) => `${i + 1}. ${a.title}`).join('；')}`,
    `抄送：${input.copiedTo}`,
    input.transferringAgency,
    formatChineseDate(input.approvedOn),
  ].join('\n');
  return {
    letterNo,
    title: '涉嫌犯罪案件移送书',
    addressee: input.receivingAgency,
    copiedTo: input.copiedTo,
    body,
    attachments,
    citation: getLegalBasis('criminal.transfer-materials').citation,
  };
}

/** Measures already imposed that a transfer leaves in force (Art. 11). */
export const imposedMeasureKinds = [
  'warning',
  'production-halt',
  'licence-suspension',
  'licence-revocation',
  'fine',
  'other',
] as const;
export type ImposedMeasureKind = (typeof imposedMeasureKinds)[number];
export const imposedMeasureLabels: Record<ImposedMeasureKind, string> = {
  warning: '警告',
  'production-halt': '责令停产停业',
  'licence-suspension': '暂扣许可证',
  'licence-revocation': '吊销许可证',
  fine: '罚款',
  other: '其他行政处罚',
};

/** The statement recorded in the timeline: the transfer does not lift these measures. */
export function noReplacementStatement(measures: Array<{ kind: ImposedMeasureKind; decisionNo: string }>): string {
  const listed =
    measures.length === 0
      ? '本案尚未作出行政处罚决定'
      : `已作出的${measures.map((m) => `${imposedMeasureLabels[m.kind]}（${m.decisionNo}）`).join('、')}继续执行`;
  return `移送涉嫌犯罪案件不停止已作出的行政处罚决定的执行：${listed}。`;
}

/** Art. 5: at least two officers sign the written report; the field and rule broken, or null. */
export function transferReportProblem(
  officers: Array<{ id: string }>,
): { field: string; rule: string; message: string } | null {
  const distinct = new Set(officers.map((o) => o.id));
  if (distinct.size < 2)
    return { field: 'report.officers', rule: 'min_two_officers', message: '移送书面报告须由两名以上执法人员提出' };
  return null;
}
