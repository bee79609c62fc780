import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkDrawRequest,
  DrawError,
  drawRandomInspection,
  keySupervisionSectors,
  seedCommitment,
  verifyDraw,
  type DrawEnterprise,
  type DrawInput,
  type DrawInspector,
} from '../../../domain/random-draw';
import { sha256Hex } from '../../../domain/sha256';

const sectors = ['机械', '轻工', '建材', '冶金', '危险化学品', '烟花爆竹'];
const enterprises: DrawEnterprise[] = Array.from({ length: 14 }, (_, i) => ({
  id: `ent-${String(i + 1).padStart(3, '0')}`,
  name: `企业${i + 1}`,
  creditCode: `91500109MA${String(i).padStart(8, '0')}`,
  sector: sectors[i % sectors.length]!,
}));
const inspectors: DrawInspector[] = [
  'yjj-head',
  'yjj-legal',
  'yjj-officer1',
  'yjj-officer2',
  'yjj-officer3',
  'yjj-officer4',
].map((id) => ({ id, name: id, departmentId: 'yjj' }));
const base: DrawInput = {
  drawId: 'RD-20270310-yjj-a1b2c3',
  seed: '2027年3月10日 北碚区应急管理局 抽查种子 7f3a',
  enterprises,
  inspectors,
  targetCount: 4,
  inspectorsPerTarget: 2,
  keySectors: [...keySupervisionSectors],
  links: [
    { inspectorId: 'yjj-officer1', enterpriseId: 'ent-001' },
    { inspectorId: 'yjj-officer2', enterpriseId: 'ent-002' },
  ],
  previous: [
    { inspectorId: 'yjj-officer3', enterpriseId: 'ent-003' },
    { inspectorId: 'yjj-head', enterpriseId: 'ent-003' },
  ],
};
const keyIds = enterprises
  .filter((e) => (keySupervisionSectors as readonly string[]).includes(e.sector))
  .map((e) => e.id);

describe('SHA-256 used for the seed commitment and the draw stream', () => {
  it('matches the FIPS 180-4 test vectors and Node for any text', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300, unit: 'grapheme' }),
        (s) => sha256Hex(s) === createHash('sha256').update(s, 'utf8').digest('hex'),
      ),
      { numRuns: 300 },
    );
  });
});

describe('random inspection draw (双随机)', () => {
  it('gives the same result for the same seed and lists, in whatever order the lists come', () => {
    const first = drawRandomInspection(base);
    const again = drawRandomInspection({
      ...base,
      enterprises: [...enterprises].reverse(),
      inspectors: [...inspectors].reverse(),
      links: [...base.links].reverse(),
    });
    expect(again).toEqual(first);
    expect(first.seedHash).toBe(seedCommitment(base.seed));
    expect(verifyDraw(base, first.seedHash, first.assignments)).toEqual({ seedMatches: true, resultMatches: true });
    // A different seed, or a list changed after the commitment, does not verify.
    expect(verifyDraw({ ...base, seed: `${base.seed}x` }, first.seedHash, first.assignments).seedMatches).toBe(false);
    expect(
      verifyDraw({ ...base, enterprises: enterprises.slice(1) }, first.seedHash, first.assignments).resultMatches,
    ).toBe(false);
  });

  it('inspects key-supervision sectors in full and samples exactly the requested number of the others', () => {
    const result = drawRandomInspection(base);
    expect(result.assignments.filter((a) => a.mode === 'full-coverage').map((a) => a.enterpriseId)).toEqual(keyIds);
    const sampled = result.assignments.filter((a) => a.mode === 'sampled');
    expect(sampled).toHaveLength(4);
    expect(sampled.every((a) => !keyIds.includes(a.enterpriseId))).toBe(true);
  });

  it('never draws a recused inspector and never samples a key sector, over many seeds and lists (property)', () => {
    const arb = fc.record({
      seed: fc.string({ minLength: 1, maxLength: 40 }),
      links: fc.array(
        fc.record({
          inspectorId: fc.constantFrom(...inspectors.map((i) => i.id)),
          enterpriseId: fc.constantFrom(...enterprises.map((e) => e.id)),
        }),
        { maxLength: 12 },
      ),
      previous: fc.array(
        fc.record({
          inspectorId: fc.constantFrom(...inspectors.map((i) => i.id)),
          enterpriseId: fc.constantFrom(...enterprises.map((e) => e.id)),
        }),
        { maxLength: 12 },
      ),
      targetCount: fc.integer({ min: 0, max: enterprises.length - keyIds.length }),
      inspectorsPerTarget: fc.integer({ min: 2, max: 3 }),
    });
    fc.assert(
      fc.property(arb, (p) => {
        const input = { ...base, ...p };
        let result;
        try {
          result = drawRandomInspection(input);
        } catch (err) {
          // Refused only when recusal leaves a target with too few inspectors.
          expect(err).toBeInstanceOf(DrawError);
          expect((err as DrawError).code).toBe('NO_ELIGIBLE_INSPECTORS');
          return;
        }
        const recused = new Set([...p.links, ...p.previous].map((l) => `${l.inspectorId}|${l.enterpriseId}`));
        for (const a of result.assignments) {
          expect(new Set(a.inspectorIds).size).toBe(p.inspectorsPerTarget);
          for (const i of a.inspectorIds) expect(recused.has(`${i}|${a.enterpriseId}`)).toBe(false);
          expect(a.mode === 'full-coverage').toBe(keyIds.includes(a.enterpriseId));
        }
        expect(result.assignments.filter((a) => a.mode === 'sampled')).toHaveLength(p.targetCount);
        expect(new Set(result.assignments.map((a) => a.enterpriseId)).size).toBe(result.assignments.length);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses more inspectors per target than are eligible, and more targets than can be sampled', () => {
    expect(checkDrawRequest({ ...base, inspectorsPerTarget: 7 }).map((p) => [p.code, p.field])).toEqual([
      ['TOO_MANY_INSPECTORS', 'inspectorsPerTarget'],
    ]);
    expect(checkDrawRequest({ ...base, targetCount: 11 }).map((p) => [p.code, p.field])).toEqual([
      ['TOO_MANY_TARGETS', 'targetCount'],
    ]);
    const allRecused = inspectors.slice(0, 5).map((i) => ({ inspectorId: i.id, enterpriseId: 'ent-005' }));
    expect(() => drawRandomInspection({ ...base, links: allRecused })).toThrow(/企业5 回避后可选派的执法人员只有 1 名/);
  });
});
