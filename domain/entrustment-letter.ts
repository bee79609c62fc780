// The entrustment letter (委托书): number, scope, powers and term, in the form both sides publish
// (行政处罚法 Art. 20: 书面形式，载明委托的具体事项、权限、期限，并向社会公布). Pure.
import { POWER_NAMES, type PowerType } from './powers';
import { formatChineseDate } from './documents/chinese-format';

export interface LetterPower {
  id: string;
  name: string;
  type: PowerType;
  legalBasis: string;
}

export interface EntrustmentLetterInput {
  draftNumber: string;
  /** 1 for the first letter, 2 for the first renewal, … */
  edition: number;
  agency: { id: string; name: string };
  org: { id: string; name: string; legalStatus: string };
  powers: readonly LetterPower[];
  territory: string;
  termStart: string;
  termEnd: string;
  approvedOn: string;
}

export interface EntrustmentLetter {
  number: string;
  title: string;
  scope: string;
  powers: LetterPower[];
  term: { start: string; end: string };
  approvedOn: string;
  text: string;
}

const chineseDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Draft numbers are WT-<agency>-<year>-<seq>; the letter keeps year and sequence: 北碚应急管理局委〔2026〕7号. */
export function entrustmentLetterNumber(draftNumber: string, agencyName: string, edition: number): string {
  const match = /^WT-[a-z]+-(\d{4})-(\d+)$/.exec(draftNumber);
  const [year, seq] = match ? [match[1], String(Number(match[2]))] : ['', draftNumber];
  const base = `北碚${agencyName.replace(/^区/, '')}委〔${year}〕${seq}号`;
  // A renewal is a new letter under the same number: 之二, 之三 …
  return edition <= 1 ? base : `${base}之${chineseDigits[edition] ?? String(edition)}`;
}

export function draftNumberFor(agencyId: string, year: number, seq: number): string {
  return `WT-${agencyId}-${year}-${String(seq).padStart(3, '0')}`;
}

export function buildEntrustmentLetter(input: EntrustmentLetterInput): EntrustmentLetter {
  const number = entrustmentLetterNumber(input.draftNumber, input.agency.name, input.edition);
  const powerLines = input.powers.map((p, i) => `${i + 1}. ${p.name}（${POWER_NAMES[p.type]}；依据：${p.legalBasis}）`);
  // A territory may already say 范围 (北碚高新区规划范围): the word is written once.
  const area = input.territory.endsWith('范围') ? input.territory : `${input.territory}范围`;
  const scope = `在${area}内，以${input.agency.name}的名义实施下列${input.powers.length}项职权`;
  const title = `${input.agency.name}关于委托${input.org.name}实施行政执法的公告`;
  // The published text is the notice its title names, carrying the letter's contents.
  const text = [
    title,
    `现将${input.agency.name}行政执法委托书（${number}）公告如下：`,
    `受委托组织：${input.org.name}（${input.org.legalStatus}）`,
    `委托范围：${scope}：`,
    ...powerLines,
    `委托期限：${formatChineseDate(input.termStart)}至${formatChineseDate(input.termEnd)}`,
    '受委托组织应当以委托机关名义实施，不得再委托其他任何组织或者个人实施；委托机关对受委托组织的行为负责监督，并对该行为的后果承担法律责任。',
    '依据：《行政处罚法》第二十条、第二十一条；《重庆市安全生产条例》第六十条；北碚府办发〔2016〕65号第十六条。',
    `${input.agency.name}　${formatChineseDate(input.approvedOn)}`,
  ].join('\n');
  return {
    number,
    title,
    scope,
    powers: [...input.powers],
    term: { start: input.termStart, end: input.termEnd },
    approvedOn: input.approvedOn,
    text,
  };
}

export type EntrustmentChangeKind = 'renew' | 'suspend' | 'resume' | 'revoke';

export const CHANGE_LABELS: Readonly<Record<EntrustmentChangeKind, string>> = {
  renew: '续期',
  suspend: '暂停',
  resume: '恢复',
  revoke: '撤销',
};

/** The public notice of a suspension, resumption or revocation (published by both sides like the letter). */
export function entrustmentChangeNotice(input: {
  kind: Exclude<EntrustmentChangeKind, 'renew'>;
  letterNumber: string;
  agencyName: string;
  orgName: string;
  effectiveOn: string;
  reason: string;
}): { title: string; text: string } {
  const label = CHANGE_LABELS[input.kind];
  const effect = input.kind === 'resume' ? '恢复实施委托事项' : `停止以${input.agencyName}名义实施委托事项`;
  return {
    title: `${input.agencyName}关于${label}${input.orgName}行政执法委托的公告`,
    text: [
      `经${input.agencyName}负责人批准，自${formatChineseDate(input.effectiveOn)}起${label}${input.letterNumber}委托书` +
        `，${input.orgName}${effect}。`,
      `理由：${input.reason}`,
      '依据：《行政处罚法》第二十条；北碚府办发〔2016〕65号第十六条。',
    ].join('\n'),
  };
}
