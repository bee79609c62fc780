import { describe, expect, it } from 'vitest';
import { entrustmentRefusals, type EntrustedOrganisation } from '../../../domain/powers';

// A 镇街 safety enforcement team: a public-affairs organisation set up by law, credentialed, equipped.
const qualified: EntrustedOrganisation = {
  kind: 'public-affairs-organisation',
  establishedByLaw: true,
  credentialedStaff: true,
  hasTechnicalCapacity: true,
  isEntrustedBody: false,
};

const rules = (powers: Parameters<typeof entrustmentRefusals>[0]['powers'], org: EntrustedOrganisation = qualified) =>
  entrustmentRefusals({ powers, entrustedOrg: org }).map((r) => r.rule);

describe('entrustable powers', () => {
  it('allows penalty and inspection powers to a qualified public-affairs organisation', () => {
    expect(entrustmentRefusals({ powers: ['penalty', 'inspection'], entrustedOrg: qualified })).toEqual([]);
  });

  it('never allows administrative compulsory measures (行政强制法 Art. 17)', () => {
    const [refusal] = entrustmentRefusals({ powers: ['compulsory-measure'], entrustedOrg: qualified });
    expect(refusal).toMatchObject({
      rule: 'compulsory-measure-not-entrustable',
      power: 'compulsory-measure',
      basis: '《行政强制法》第十七条',
    });
    expect(refusal!.message).toContain('不得委托');
  });

  it('never allows compulsory execution (policy §十六)', () => {
    expect(rules(['compulsory-execution'])).toEqual(['compulsory-execution-not-entrustable']);
  });

  it('allows licensing only to another administrative organ (行政许可法 Art. 24)', () => {
    expect(rules(['licensing'])).toEqual(['licensing-only-to-administrative-organ']);
    expect(rules(['licensing'], { ...qualified, kind: 'administrative-organ' })).toEqual([]);
  });

  it('forbids re-entrustment (行政处罚法 Art. 20)', () => {
    expect(rules(['penalty'], { ...qualified, isEntrustedBody: true })).toEqual(['re-entrustment']);
  });

  it('checks each Art. 21 condition for penalty and inspection work', () => {
    expect(rules(['penalty'], { ...qualified, establishedByLaw: false })).toEqual(['not-established-by-law']);
    expect(rules(['inspection'], { ...qualified, kind: 'enterprise' })).toEqual(['no-public-affairs-function']);
    expect(rules(['penalty'], { ...qualified, credentialedStaff: false })).toEqual(['no-credentialed-staff']);
    expect(rules(['penalty'], { ...qualified, hasTechnicalCapacity: false })).toEqual(['no-technical-capacity']);
    expect(
      entrustmentRefusals({
        powers: ['penalty'],
        entrustedOrg: { ...qualified, hasTechnicalCapacity: false },
        requiresTechnicalInspection: false,
      }),
    ).toEqual([]);
  });

  it('lists every reason at once for an enterprise asked to take everything', () => {
    const enterprise: EntrustedOrganisation = {
      kind: 'enterprise',
      establishedByLaw: false,
      credentialedStaff: false,
      hasTechnicalCapacity: false,
      isEntrustedBody: false,
    };
    expect(rules(['penalty', 'compulsory-measure', 'compulsory-execution', 'licensing'], enterprise)).toEqual([
      'compulsory-measure-not-entrustable',
      'compulsory-execution-not-entrustable',
      'licensing-only-to-administrative-organ',
      'not-established-by-law',
      'no-public-affairs-function',
      'no-credentialed-staff',
      'no-technical-capacity',
    ]);
  });

  it('refuses an entrustment letter with no powers', () => {
    expect(rules([])).toEqual(['empty-scope']);
  });
});
