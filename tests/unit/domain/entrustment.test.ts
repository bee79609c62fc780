import { describe, expect, it } from 'vitest';
import { authoriseEntrustedAct, termProblems, type EntrustmentRecord } from '../../../domain/entrustment';
import { buildEntrustmentLetter, entrustmentLetterNumber } from '../../../domain/entrustment-letter';
import { entrustmentRefusals, type EntrustedOrganisation } from '../../../domain/powers';

const team: EntrustedOrganisation = {
  kind: 'public-affairs-organisation',
  establishedByLaw: true,
  credentialedStaff: true,
  hasTechnicalCapacity: true,
  isEntrustedBody: false,
};

describe('entrustment refusals, each with its legal basis', () => {
  it('refuses compulsory measures (行政强制法 Art. 17)', () => {
    expect(entrustmentRefusals({ powers: ['penalty', 'compulsory-measure'], entrustedOrg: team })).toEqual([
      expect.objectContaining({
        rule: 'compulsory-measure-not-entrustable',
        power: 'compulsory-measure',
        basis: '《行政强制法》第十七条',
      }),
    ]);
  });
  it(
    'refuses licensing to anything but an administrative organ (行政许可法 Art. 24), and allows it to a town ' +
      'government',
    () => {
      expect(entrustmentRefusals({ powers: ['licensing'], entrustedOrg: team })).toEqual([
        expect.objectContaining({
          rule: 'licensing-only-to-administrative-organ',
          basis: expect.stringContaining('《行政许可法》第二十四条'),
        }),
      ]);
      expect(
        entrustmentRefusals({ powers: ['licensing'], entrustedOrg: { ...team, kind: 'administrative-organ' } }),
      ).toEqual([]);
    },
  );
  it('refuses re-entrustment by an entrusted body (行政处罚法 Art. 20)', () => {
    expect(entrustmentRefusals({ powers: ['penalty'], entrustedOrg: { ...team, isEntrustedBody: true } })).toEqual([
      expect.objectContaining({ rule: 're-entrustment', basis: expect.stringContaining('《行政处罚法》第二十条') }),
    ]);
  });
  it('refuses an organisation failing the conditions of 行政处罚法 Art. 21', () => {
    const rules = entrustmentRefusals({
      powers: ['inspection'],
      entrustedOrg: {
        kind: 'enterprise',
        establishedByLaw: true,
        credentialedStaff: false,
        hasTechnicalCapacity: false,
        isEntrustedBody: false,
      },
    });
    expect(rules.map((r) => r.rule)).toEqual([
      'no-public-affairs-function',
      'no-credentialed-staff',
      'no-technical-capacity',
    ]);
    expect(new Set(rules.map((r) => r.basis))).toEqual(new Set(['《行政处罚法》第二十一条']));
  });
});

const base: EntrustmentRecord = {
  workflowId: 'entrustment-WT-yjj-2026-001',
  draftNumber: 'WT-yjj-2026-001',
  letterNumber: '北碚应急管理局委〔2026〕1号',
  agencyId: 'yjj',
  agencyName: '区应急管理局',
  orgId: 'gxq',
  orgName: '北碚高新区管委会',
  powerIds: ['yjj-cf-001', 'yjj-jc-001'],
  territory: '北碚高新区',
  termStart: '2026-03-01',
  termEnd: '2026-12-31',
  status: 'active',
  revokedOn: null,
  suspensions: [],
};
const ask = (records: EntrustmentRecord[], date: string, powerId = 'yjj-cf-001') =>
  authoriseEntrustedAct(records, { orgId: 'gxq', powerId, date });

describe('authorisation of an entrusted act', () => {
  it('allows an entrusted power within the term, in the entrusting agency’s name', () => {
    const d = ask([base], '2026-12-31');
    expect(d).toMatchObject({
      allowed: true,
      actInNameOf: { agencyId: 'yjj', agencyName: '区应急管理局' },
      entrustment: { letterNumber: '北碚应急管理局委〔2026〕1号' },
    });
  });
  it(
    'refuses the day after expiry, before the term, a power outside the scope, and acts after revocation or ' +
      'during suspension',
    () => {
      expect(ask([base], '2027-01-01')).toMatchObject({ allowed: false, reason: 'expired' });
      expect(ask([base], '2026-02-28')).toMatchObject({ allowed: false, reason: 'not-yet-in-force' });
      expect(ask([base], '2026-06-01', 'yjj-cf-003')).toMatchObject({ allowed: false, reason: 'no-entrustment' });
      const revoked = { ...base, status: 'revoked' as const, revokedOn: '2026-06-10' };
      expect(ask([revoked], '2026-06-09')).toMatchObject({ allowed: true });
      expect(ask([revoked], '2026-06-10')).toMatchObject({ allowed: false, reason: 'revoked' });
      const suspended = { ...base, suspensions: [{ from: '2026-07-01', until: '2026-07-15' }] };
      expect(ask([suspended], '2026-07-14')).toMatchObject({ allowed: false, reason: 'suspended' });
      expect(ask([suspended], '2026-07-15')).toMatchObject({ allowed: true });
    },
  );
  it('ignores drafts that never took effect', () => {
    expect(ask([{ ...base, status: 'pending', letterNumber: null }], '2026-06-01')).toMatchObject({
      allowed: false,
      reason: 'no-entrustment',
    });
  });
});

describe('the entrustment letter', () => {
  it('carries number, scope, powers and term', () => {
    const letter = buildEntrustmentLetter({
      draftNumber: 'WT-yjj-2026-007',
      edition: 1,
      agency: { id: 'yjj', name: '区应急管理局' },
      org: { id: 'gxq', name: '北碚高新区管委会', legalStatus: '区政府派出机构' },
      powers: [{ id: 'yjj-cf-001', name: '安全培训处罚', type: 'penalty', legalBasis: '《安全生产法》第九十七条' }],
      territory: '北碚高新区',
      termStart: '2026-03-01',
      termEnd: '2027-02-28',
      approvedOn: '2026-02-20',
    });
    expect(letter.number).toBe('北碚应急管理局委〔2026〕7号');
    expect(letter.text).toContain('委托期限：2026年3月1日至2027年2月28日');
    expect(letter.text).toContain('1. 安全培训处罚（行政处罚；依据：《安全生产法》第九十七条）');
    expect(letter.scope).toContain('以区应急管理局的名义');
    expect(entrustmentLetterNumber('WT-yjj-2026-007', '区应急管理局', 2)).toBe('北碚应急管理局委〔2026〕7号之二');
  });
  it('refuses a term ending before it starts', () => {
    expect(termProblems('2026-05-01', '2026-04-30')).toEqual([
      expect.objectContaining({ field: 'termEnd', rule: 'term-reversed' }),
    ]);
    expect(termProblems('2026-05-01', '2026-05-01')).toEqual([]);
  });
});
