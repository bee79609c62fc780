// 双随机一公开 (§十五; 国办发〔2015〕58号): a verifiable draw of inspection targets and inspectors.
// Anyone holding the revealed seed and the published lists re-runs drawRandomInspection and gets the same result;
// the seed's SHA-256 is stored before the draw, so the seed cannot be chosen after seeing the lists.
import { sha256Bytes, sha256Hex } from './sha256';

export const DRAW_ALGORITHM = 'sha256-ctr-v1';

export interface DrawEnterprise {
  id: string;
  name: string;
  creditCode: string;
  sector: string;
}

export interface DrawInspector {
  id: string;
  name: string;
  departmentId: string;
}

export interface InspectorEnterprisePair {
  inspectorId: string;
  enterpriseId: string;
}

export interface DrawInput {
  drawId: string;
  seed: string;
  enterprises: DrawEnterprise[];
  inspectors: DrawInspector[];
  /** Targets sampled from enterprises outside the key-supervision sectors. */
  targetCount: number;
  inspectorsPerTarget: number;
  /** Sectors inspected in full instead of sampled (优化营商环境条例 Art. 54). */
  keySectors: string[];
  /** Recusal (回避): inspectors related to an enterprise. */
  links: InspectorEnterprisePair[];
  /** Recusal: who inspected whom in the previous draw. */
  previous: InspectorEnterprisePair[];
}

export interface DrawAssignment {
  enterpriseId: string;
  enterpriseName: string;
  mode: 'full-coverage' | 'sampled';
  inspectorIds: string[];
}

export interface DrawResult {
  algorithm: typeof DRAW_ALGORITHM;
  seedHash: string;
  assignments: DrawAssignment[];
}

export type DrawProblemCode =
  'TOO_MANY_TARGETS' | 'TOO_MANY_INSPECTORS' | 'NO_ELIGIBLE_INSPECTORS' | 'INVALID_COUNT' | 'SEED_MISMATCH';

export class DrawError extends Error {
  constructor(
    readonly code: DrawProblemCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function seedCommitment(seed: string): string {
  return sha256Hex(seed);
}

/** Deterministic stream of 32-bit words: SHA-256(seed ‖ drawId ‖ counter), eight words per block. */
export class SeededStream {
  private block: Uint8Array = new Uint8Array(0);
  private pos = 32;
  private counter = 0;

  constructor(private readonly key: string) {}

  nextUint32(): number {
    if (this.pos >= 32) {
      this.block = sha256Bytes(`${this.key}#${this.counter++}`);
      this.pos = 0;
    }
    const b = this.block;
    const p = this.pos;
    this.pos += 4;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }

  /** Uniform integer in [0, n) by rejection sampling (no modulo bias). */
  below(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`below(${n})`);
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** The first k of a Fisher–Yates shuffle of items (items are not modified). */
  pick<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < k; i++) {
      const j = i + this.below(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      out.push(pool[i]!);
    }
    return out;
  }
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const pairKey = (p: InspectorEnterprisePair) => `${p.inspectorId}\u0000${p.enterpriseId}`;

/** Checks a draw request against the lists before anything is stored (the API answers 422 with these). */
export function checkDrawRequest(input: Omit<DrawInput, 'seed' | 'drawId' | 'links' | 'previous'>): DrawError[] {
  const problems: DrawError[] = [];
  const keySectors = new Set(input.keySectors);
  const sampleable = input.enterprises.filter((e) => !keySectors.has(e.sector)).length;
  if (!Number.isInteger(input.targetCount) || input.targetCount < 0)
    problems.push(new DrawError('INVALID_COUNT', 'targetCount', '抽取检查对象数量必须为非负整数'));
  else if (input.targetCount > sampleable)
    problems.push(
      new DrawError(
        'TOO_MANY_TARGETS',
        'targetCount',
        `抽取检查对象 ${input.targetCount} 家，但可抽取的企业只有 ${sampleable} 家（重点监管行业全覆盖，不参与抽取）`,
      ),
    );
  if (!Number.isInteger(input.inspectorsPerTarget) || input.inspectorsPerTarget < 2)
    problems.push(
      new DrawError(
        'INVALID_COUNT',
        'inspectorsPerTarget',
        '每个检查对象至少选派两名执法人员（《行政处罚法》第四十二条）',
      ),
    );
  else if (input.inspectorsPerTarget > input.inspectors.length)
    problems.push(
      new DrawError(
        'TOO_MANY_INSPECTORS',
        'inspectorsPerTarget',
        `每个检查对象需选派 ${input.inspectorsPerTarget} 名执法人员，但具有执法资格的人员只有 ${input.inspectors.length} 名`,
      ),
    );
  return problems;
}

/**
 * The draw: key-sector enterprises are all inspected (full coverage); targetCount others are sampled;
 * each target gets inspectorsPerTarget inspectors drawn among those not recused for it.
 * Lists are sorted by id first, so the order they were supplied in does not matter.
 */
export function drawRandomInspection(input: DrawInput): DrawResult {
  const problems = checkDrawRequest(input);
  if (problems.length > 0) throw problems[0]!;
  const stream = new SeededStream(`${input.seed}\u0000${input.drawId}`);
  const keySectors = new Set(input.keySectors);
  const enterprises = [...input.enterprises].sort(byId);
  const inspectors = [...input.inspectors].sort(byId);
  const recused = new Set([...input.links, ...input.previous].map(pairKey));

  const fullCoverage = enterprises.filter((e) => keySectors.has(e.sector));
  const sampled = stream
    .pick(
      enterprises.filter((e) => !keySectors.has(e.sector)),
      input.targetCount,
    )
    .sort(byId);
  const targets = [
    ...fullCoverage.map((e) => ({ e, mode: 'full-coverage' as const })),
    ...sampled.map((e) => ({ e, mode: 'sampled' as const })),
  ];

  const assignments = targets.map(({ e, mode }) => {
    const eligible = inspectors.filter((i) => !recused.has(pairKey({ inspectorId: i.id, enterpriseId: e.id })));
    if (eligible.length < input.inspectorsPerTarget) {
      throw new DrawError(
        'NO_ELIGIBLE_INSPECTORS',
        'inspectorsPerTarget',
        `${e.name} 回避后可选派的执法人员只有 ${eligible.length} 名，少于每个对象所需的 ${input.inspectorsPerTarget} 名`,
      );
    }
    const chosen = stream
      .pick(eligible, input.inspectorsPerTarget)
      .map((i) => i.id)
      .sort();
    return { enterpriseId: e.id, enterpriseName: e.name, mode, inspectorIds: chosen };
  });
  return { algorithm: DRAW_ALGORITHM, seedHash: seedCommitment(input.seed), assignments };
}

/** Re-runs a stored draw; true when the seed matches its commitment and the result is identical. */
export function verifyDraw(
  input: DrawInput,
  seedHash: string,
  published: DrawAssignment[],
): { seedMatches: boolean; resultMatches: boolean } {
  const seedMatches = seedCommitment(input.seed) === seedHash;
  const rerun = drawRandomInspection(input);
  // Compared field by field: a stored copy (e.g. jsonb) need not keep the key order.
  const flat = (list: DrawAssignment[]) =>
    JSON.stringify(list.map((a) => [a.enterpriseId, a.enterpriseName, a.mode, a.inspectorIds]));
  return { seedMatches, resultMatches: flat(rerun.assignments) === flat(published) };
}

/** Sectors that directly affect public safety: full-coverage key supervision, never sampled (优化营商环境条例 Art. 54). */
export const keySupervisionSectors = ['危险化学品', '烟花爆竹', '民用爆炸物品', '非煤矿山'] as const;
