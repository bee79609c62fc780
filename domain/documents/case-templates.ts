// Documents of criminal transfers, entrustments and accident investigations: 涉嫌犯罪案件移送书 and its
// materials list, 行政执法委托书 and its public notice, the 批复 record and the copy letters. Pure.
import { buildCriminalTransferLetter, type TransferLetterInput } from '../criminal-transfer-letter';
import { buildEntrustmentLetter, type EntrustmentLetterInput } from '../entrustment-letter';
import { getLegalBasis } from '../legal-basis';
import { POWER_NAMES } from '../powers';
import type { IsoDate } from '../dates';
import { formatChineseDate as d, chineseOrdinal, yuanWithWords } from './chinese-format';
import { fullDepartmentName } from './enforcement-templates';
import type { DraftDocument } from './types';

export function criminalTransferDocument(input: TransferLetterInput): DraftDocument {
  const letter = buildCriminalTransferLetter(input);
  const lines = letter.body.split('\n');
  // The body's paragraphs without addressee, attachments, copy line, issuer and date (laid out separately).
  const paragraphs = lines.slice(1, 4);
  return {
    kind: 'criminal-transfer',
    title: letter.title,
    addressee: letter.addressee,
    paragraphs,
    rows: letter.attachments.map((a, i) => ({ label: `材料${chineseOrdinal(i + 1)}`, value: a.title })),
    attachments: letter.attachments.map((a) => a.title),
    issuer: input.transferringAgency,
    legalBasis: [letter.citation, getLegalBasis('criminal.transfer').citation],
    copiedTo: [letter.copiedTo],
  };
}

export function entrustmentLetterDocument(input: EntrustmentLetterInput): DraftDocument {
  const letter = buildEntrustmentLetter(input);
  const issuer = fullDepartmentName(input.agency.name);
  return {
    kind: 'entrustment-letter',
    title: `${issuer}行政执法委托书`,
    addressee: input.org.name,
    paragraphs: [
      `根据《中华人民共和国行政处罚法》第二十条、第二十一条的规定，经本机关负责人于${d(input.approvedOn)}批准，委托你单位（${input.org.legalStatus}）${letter.scope}：`,
      ...letter.powers.map((p, i) => `${i + 1}. ${p.name}（${POWER_NAMES[p.type]}；依据：${p.legalBasis}）`),
      `委托期限：${d(input.termStart)}至${d(input.termEnd)}。`,
      '受委托组织应当在委托范围内，以委托机关名义实施，不得再委托其他任何组织或者个人实施。委托机关对受委托组织实施行为负责监督，并对该行为的后果承担法律责任。',
    ],
    attachments: [],
    issuer,
    legalBasis: [getLegalBasis('entrustment.written-letter').citation, '北碚府办发〔2016〕65号第十六条'],
  };
}

/** The public notice: its title and body both say 公告, and it carries the letter's number. */
export function entrustmentNoticeDocument(input: EntrustmentLetterInput): DraftDocument {
  const letter = buildEntrustmentLetter(input);
  const issuer = fullDepartmentName(input.agency.name);
  return {
    kind: 'entrustment-notice',
    title: `${issuer}关于委托${input.org.name}实施行政执法的公告`,
    addressee: null,
    paragraphs: [
      `根据《中华人民共和国行政处罚法》第二十条的规定，现将本机关行政执法委托书（${letter.number}）的主要内容公告如下：`,
      `一、受委托组织：${input.org.name}（${input.org.legalStatus}）。`,
      `二、委托范围：${letter.scope}：${letter.powers.map((p) => p.name).join('、')}。`,
      `三、委托期限：${d(input.termStart)}至${d(input.termEnd)}。`,
      '四、受委托组织以本机关名义实施上述职权，本机关对其行为的后果承担法律责任。',
      '特此公告。',
    ],
    attachments: [],
    issuer,
    legalBasis: [getLegalBasis('entrustment.written-letter').citation],
  };
}

export interface AccidentApprovalData {
  caseNumber: string;
  accidentTitle: string;
  occurredOn: IsoDate;
  place: string;
  enterprise: string;
  levelName: string;
  report: { documentNo: string; title: string; submittedOn: IsoDate };
  approvedOn: IsoDate;
  approvedBy: string;
  handling: { penalties: Array<{ party: string; measure: string; fineFen?: number }>; responsibleUnits: string[] };
}

export function accidentApprovalRecordDocument(c: AccidentApprovalData): DraftDocument {
  const approval = getLegalBasis('accident.approval');
  return {
    kind: 'accident-approval-record',
    title: `${c.accidentTitle}调查报告批复记录`,
    addressee: null,
    paragraphs: [
      `${d(c.occurredOn)}，${c.enterprise}在${c.place}发生${c.levelName}（案件编号：${c.caseNumber}）。` +
        `事故调查组于${d(c.report.submittedOn)}提交《${c.report.title}》（${c.report.documentNo}）。`,
      `北碚区人民政府于${d(c.approvedOn)}对调查报告作出批复（批复人：${c.approvedBy}），同意调查报告对事故原因、性质和责任的认定及处理建议。`,
      ...c.handling.penalties.map(
        (p, i) =>
          `${chineseOrdinal(i + 1)}、对${p.party}：${p.measure}${p.fineFen ? `，罚款${yuanWithWords(p.fineFen)}` : ''}。`,
      ),
      c.handling.responsibleUnits.length
        ? `负有责任的单位：${c.handling.responsibleUnits.join('、')}。`
        : '调查报告未认定负有责任的单位。',
      `有关机关应当按照人民政府的批复，依照法律、行政法规规定的权限和程序，对事故发生单位和有关人员进行行政处罚（${approval.citation}）。`,
    ],
    attachments: [`${c.report.title}（${c.report.documentNo}）`],
    issuer: '北碚区人民政府',
    legalBasis: [approval.citation],
  };
}

export interface AccidentCopyLetterData {
  accidentTitle: string;
  report: { documentNo: string; title: string };
  approvedOn: IsoDate;
  recipient: string;
  issuerName: string;
}

export function accidentCopyLetterDocument(c: AccidentCopyLetterData): DraftDocument {
  const basis = getLegalBasis('accident.copy-to-departments');
  return {
    kind: 'accident-copy-letter',
    title: `关于抄送${c.accidentTitle}调查报告的函`,
    addressee: c.recipient,
    paragraphs: [
      `北碚区人民政府已于${d(c.approvedOn)}批复《${c.report.title}》（${c.report.documentNo}）。现将调查报告及批复抄送你单位，请按照批复要求，` +
        `依法落实对有关单位和人员的处理及防范和整改措施，并将落实情况书面反馈。`,
      `依据：${basis.citation}。`,
    ],
    attachments: [`${c.report.title}（${c.report.documentNo}）`, '北碚区人民政府批复'],
    issuer: fullDepartmentName(c.issuerName),
    legalBasis: [basis.citation],
  };
}
