// When a document may be drafted or issued, and who must sign it before the seal. Pure.
import type { DocumentKind } from './types';
import type { IsoDate } from '../dates';

export interface RuleBreak {
  field: string;
  rule: string;
  message: string;
}

/** What the case says about the steps a document depends on. */
export interface CaseFacts {
  today: IsoDate;
  demand?: { servedOn?: IsoDate; waitEnds?: IsoDate };
  deferral?: { status: 'pending' | 'approved' | 'rejected' };
  /** Statement (陈述申辩) received and not yet reviewed. */
  statementPending?: boolean;
}

/** The prerequisite a document of this kind still lacks, or null. */
export function prerequisiteProblem(kind: DocumentKind, f: CaseFacts): RuleBreak | null {
  switch (kind) {
    case 'payment-demand':
      return f.demand
        ? null
        : { field: 'kind', rule: 'demand_not_due', message: '本案尚未进入催告程序，不能制作催告书' };
    case 'enforcement-application':
      if (!f.demand?.servedOn)
        return {
          field: 'kind',
          rule: 'demand_not_served',
          message: '催告书送达前不能制作强制执行申请书（《行政强制法》第五十四条）',
        };
      if (!f.demand.waitEnds || f.today <= f.demand.waitEnds)
        return {
          field: 'kind',
          rule: 'demand_wait_running',
          message: `催告期限${f.demand.waitEnds ? `（至${f.demand.waitEnds}）` : ''}届满前不能申请强制执行（《行政强制法》第五十四条）`,
        };
      if (f.statementPending)
        return { field: 'kind', rule: 'statement_not_reviewed', message: '当事人的陈述申辩尚未复核' };
      return null;
    case 'instalment-approval':
      return f.deferral?.status === 'approved'
        ? null
        : { field: 'kind', rule: 'deferral_not_approved', message: '延期或分期缴纳罚款尚未经负责人批准' };
    default:
      return null;
  }
}

export interface Signature {
  userId: string;
  name: string;
  at: string;
}

/** The officers who have not signed yet; the seal waits for all of them. */
export function missingSigners(officers: readonly string[], signatures: readonly Signature[]): string[] {
  const signed = new Set(signatures.map((s) => s.userId));
  return officers.filter((o) => !signed.has(o));
}
