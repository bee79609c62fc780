// Document numbers (文号): one pattern per department, e.g. 北碚应急{code}〔{year}〕{seq}号. Pure.
import { documentKindInfo, type DocumentKind } from './types';

export const NUMBER_PLACEHOLDERS = ['{code}', '{year}', '{seq}'] as const;

/** 区应急管理局 → 北碚应急{code}〔{year}〕{seq}号 (a department with no configured pattern). */
export function defaultNumberPattern(departmentName: string): string {
  const short = departmentName.replace(/^(北碚)?区/, '').replace(/(管理局|局|委员会|办公室|管委会)$/, '');
  return `北碚${short}{code}〔{year}〕{seq}号`;
}

/** The rule a pattern breaks, or null: it must carry {code}, {year} and {seq} exactly once each. */
export function numberPatternProblem(pattern: string): string | null {
  for (const p of NUMBER_PLACEHOLDERS) if (pattern.split(p).length !== 2) return `文号格式必须恰好包含一次 ${p}`;
  if (pattern.length > 60) return '文号格式不得超过60个字符';
  return null;
}

export function formatDocumentNumber(pattern: string, kind: DocumentKind, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence must be a positive integer: ${seq}`);
  return pattern
    .replace('{code}', documentKindInfo[kind].code)
    .replace('{year}', String(year))
    .replace('{seq}', String(seq));
}
