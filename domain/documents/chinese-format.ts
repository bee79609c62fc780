// How official documents write dates and money: 2026年11月29日, 10,001.05元（人民币壹万零壹元零伍分）. Pure.
import { requireIsoDate, type IsoDate } from '../dates';
import { formatYuan } from '../enforcement-balance';

/** 2026-04-07 → 2026年4月7日 (the form of GB/T 9704 成文日期: Arabic numerals, no leading zeros). */
export function formatChineseDate(date: IsoDate): string {
  const { year, month, day } = requireIsoDate(date);
  return `${year}年${month}月${day}日`;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

function integerInWords(yuan: number): string {
  const s = String(yuan);
  let out = '';
  let zero = false;
  let groupHasDigit = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const pos = s.length - 1 - i;
    if (d === 0) zero = true;
    else {
      if (zero && out) out += '零';
      zero = false;
      out += DIGITS[d]! + PLACES[pos % 4]!;
      groupHasDigit = true;
    }
    if (pos % 4 === 0) {
      if (pos > 0 && groupHasDigit) out += GROUPS[pos / 4]!;
      groupHasDigit = false;
    }
  }
  return out;
}

/** Amount in capital numerals (大写) as on receipts and documents: 1000105 → 人民币壹万零壹元零伍分. */
export function amountInWords(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError(`amount must be a non-negative integer of fen: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '人民币零元整';
  let out = yuan > 0 ? `${integerInWords(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `人民币${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  if (cents > 0) out += `${DIGITS[cents]}分`;
  else out += '整';
  return `人民币${out}`;
}

/** 1000105 → 10,001.05元（人民币壹万零壹元零伍分）. */
export function yuanWithWords(fen: number): string {
  return `${formatYuan(fen)}（${amountInWords(fen)}）`;
}

const SMALL = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一, 12 → 十二 (paragraph and list numbering up to 99). */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return SMALL[n] ?? String(n);
  if (n < 20) return `十${SMALL[n - 10]}`;
  if (n < 100) return `${SMALL[Math.floor(n / 10)]}十${n % 10 ? SMALL[n % 10] : ''}`;
  return String(n);
}
