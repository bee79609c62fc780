// GB 32100-2015 check character, mainland mobile numbers and the validity of an enforcement credential (执法证).
import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  creditCodeProblem,
  credentialStatus,
  credentialUsable,
  isMainlandMobile,
} from '../../../domain/master-data';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts real-format codes whose check character matches', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull(); // the standard's own worked example
    expect(creditCodeProblem('915001097340010028')).toBeNull();
    expect(creditCodeProblem('9150010973400174XP')).toBeNull();
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('refuses a wrong check character, a wrong length and letters the standard excludes', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('checksum');
    expect(creditCodeProblem('915001097340010029')).toBe('checksum');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100Y433')).toBe('length');
    expect(creditCodeProblem('91350100O000100Y43')).toBe('charset'); // letter O is not used
    expect(creditCodeProblem('91350100m000100Y43')).toBe('charset'); // lower case
  });

  it('maps a computed 31 to the check character 0', () => {
    // Every 17-character prefix has exactly one check character inside the charset.
    for (const prefix of ['00000000000000000', 'YYYYYYYYYYYYYYYYY', '91500109MA5U5QP1X']) {
      const check = creditCodeCheckChar(prefix)!;
      expect(creditCodeProblem(prefix + check)).toBeNull();
    }
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });
});

describe('mainland mobile numbers', () => {
  it('accepts 11 digits starting 13–19 and nothing else', () => {
    expect(isMainlandMobile('13812345678')).toBe(true);
    expect(isMainlandMobile('19912345678')).toBe(true);
    expect(isMainlandMobile('12812345678')).toBe(false);
    expect(isMainlandMobile('1381234567')).toBe(false);
    expect(isMainlandMobile('+8613812345678')).toBe(false);
  });
});

describe('enforcement credential validity', () => {
  const cred = { number: '渝50010900123', validUntil: '2026-12-31' };
  it('is valid through its last day, expiring within 30 days, expired the day after', () => {
    expect(credentialStatus(cred, '2026-11-30')).toBe('valid');
    expect(credentialStatus(cred, '2026-12-01')).toBe('expiring');
    expect(credentialStatus(cred, '2026-12-31')).toBe('expiring');
    expect(credentialUsable(cred, '2026-12-31')).toBe(true);
    expect(credentialStatus(cred, '2027-01-01')).toBe('expired');
    expect(credentialUsable(cred, '2027-01-01')).toBe(false);
  });
  it('is none without a number or a date', () => {
    expect(credentialStatus({ number: null, validUntil: '2030-01-01' }, '2026-01-01')).toBe('none');
    expect(credentialUsable({ number: 'x', validUntil: null }, '2026-01-01')).toBe(false);
  });
});
