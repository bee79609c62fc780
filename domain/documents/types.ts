// The structured official document (执法文书) every template produces and every renderer (print view, PDF) reads.
import type { IsoDate } from '../dates';

export const documentKinds = [
  'payment-demand',
  'enforcement-application',
  'instalment-approval',
  'criminal-transfer',
  'entrustment-letter',
  'entrustment-notice',
  'accident-approval-record',
  'accident-copy-letter',
  'annual-plan',
  'site-inspection-plan',
  'random-inspection-result',
  'blacklist-notice',
  'blacklist-decision',
  'service-receipt',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export interface DocumentKindInfo {
  /** The document's name (文种). */
  name: string;
  /** The character(s) of the kind in its number, e.g. 催 in 北碚应急催〔2026〕12号. */
  code: string;
}

export const documentKindInfo: Readonly<Record<DocumentKind, DocumentKindInfo>> = {
  'payment-demand': { name: '催告书', code: '催' },
  'enforcement-application': { name: '强制执行申请书', code: '强执' },
  'instalment-approval': { name: '分期（延期）缴纳罚款批准书', code: '缓' },
  'criminal-transfer': { name: '涉嫌犯罪案件移送书', code: '移' },
  'entrustment-letter': { name: '行政执法委托书', code: '委' },
  'entrustment-notice': { name: '行政执法委托公告', code: '委告' },
  'accident-approval-record': { name: '事故调查报告批复记录', code: '批' },
  'accident-copy-letter': { name: '事故调查报告抄送函', code: '抄' },
  'annual-plan': { name: '年度监督检查计划', code: '计' },
  'site-inspection-plan': { name: '现场检查方案', code: '检' },
  'random-inspection-result': { name: '随机抽查结果公示', code: '抽' },
  'blacklist-notice': { name: '列入严重失信主体名单告知书', code: '失告' },
  'blacklist-decision': { name: '列入严重失信主体名单决定书', code: '失决' },
  'service-receipt': { name: '送达回证', code: '送' },
};

/** A line of a table-like block (送达回证, materials lists, plan items). */
export interface DocumentRow {
  label: string;
  value: string;
}

export interface OfficialDocument {
  kind: DocumentKind;
  /** 标题, e.g. 北碚区应急管理局催告书. */
  title: string;
  /** 文号: null while a draft (assigned at issue). */
  number: string | null;
  /** 主送机关或当事人 (without the trailing colon). */
  addressee: string | null;
  paragraphs: string[];
  /** Label/value rows shown as a table after the body (送达回证, 材料清单). */
  rows?: DocumentRow[];
  attachments: string[];
  /** 发文机关署名. */
  issuer: string;
  /** 成文日期 (ISO; printed as 2026年11月29日); null while a draft. */
  date: IsoDate | null;
  legalBasis: string[];
  /** 抄送. */
  copiedTo?: string[];
}

/** The document as drafted: number and date come when it is issued. */
export type DraftDocument = Omit<OfficialDocument, 'number' | 'date'>;
