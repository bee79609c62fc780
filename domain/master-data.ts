// Pure rules of the master-data registers (主数据): the unified social credit code (GB 32100-2015), mainland
// mobile numbers and the validity of an enforcement credential (执法证). No I/O, no clock.

/** The 31 characters a credit code may use (GB 32100-2015 Table 1: no I, O, S, V, Z). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17 (3^(i-1) mod 31). */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'charset' | 'checksum';

/** The check character (position 18) for the first 17 characters, or null if one is outside the charset. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[check]!;
}

/** Why a unified social credit code is invalid, or null when it is a well-formed 18-character code. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return 'charset';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum';
}

export const creditCodeMessages: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为 18 位',
  charset: '统一社会信用代码含有非法字符（只允许数字和除 I、O、S、V、Z 以外的大写字母）',
  checksum: '统一社会信用代码校验位错误（GB 32100-2015）',
};

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function isMainlandMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

export type CredentialStatus = 'none' | 'valid' | 'expiring' | 'expired';
/** Holders are reminded this many days before the credential expires. */
export const CREDENTIAL_REMINDER_DAYS = 30;

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/**
 * A credential is valid through its valid-until day; within 30 days of it, `expiring` (its holder is reminded);
 * after it, `expired`: the holder may not be drawn for an inspection nor sign an enforcement document.
 */
export function credentialStatus(
  credential: { number: string | null; validUntil: string | null },
  today: string,
): CredentialStatus {
  if (!credential.number || !credential.validUntil) return 'none';
  const left = dayNumber(credential.validUntil) - dayNumber(today);
  if (left < 0) return 'expired';
  return left <= CREDENTIAL_REMINDER_DAYS ? 'expiring' : 'valid';
}

/** Whether the holder may act as an enforcement officer today (drawn, sign). */
export function credentialUsable(credential: { number: string | null; validUntil: string | null }, today: string) {
  const status = credentialStatus(credential, today);
  return status === 'valid' || status === 'expiring';
}

export const riskClasses = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof riskClasses)[number];
export const enterpriseStatuses = ['operating', 'suspended', 'closed'] as const;
export type EnterpriseStatus = (typeof enterpriseStatuses)[number];
export const enterpriseStatusLabels: Record<EnterpriseStatus, string> = {
  operating: '在营',
  suspended: '停产停业',
  closed: '关闭',
};

/** The 17 towns and streets (镇街) of Beibei District: an enterprise's town must be one of them. */
export const beibeiTowns = [
  '天生街道',
  '朝阳街道',
  '北温泉街道',
  '东阳街道',
  '龙凤桥街道',
  '蔡家岗街道',
  '童家溪镇',
  '歇马街道',
  '澄江镇',
  '水土街道',
  '复兴街道',
  '静观镇',
  '柳荫镇',
  '金刀峡镇',
  '三圣镇',
  '天府镇',
  '施家梁镇',
] as const;
