// Plain data of a blacklist case (黑名单, §十三): input, removal request, stages. No Temporal imports.
import type { BlacklistRestriction, RestrictionPeriod } from '../../domain/blacklist';
import type { Actor } from '../approval/types';

export interface BlacklistInput {
  caseNumber: string;
  title: string;
  departmentId: string;
  initiatorId: string;
  enterprise: { name: string; unifiedSocialCreditCode: string; address?: string };
  reason: string;
  /** Number of the listing decision (列入决定书). */
  decisionNo: string;
  restriction: RestrictionPeriod;
  restrictions: BlacklistRestriction[];
}

/** Removal before the end of the restriction period, by decision (approval). */
export interface BlacklistRemovalRequest {
  requestId: string;
  actor: Actor;
  reason: string;
}

export type BlacklistStage = 'listing-approval' | 'awaiting-start' | 'listed' | 'removal-approval' | 'closed';

export const blacklistStageLabels: Record<BlacklistStage, string> = {
  'listing-approval': '列入黑名单审批中',
  'awaiting-start': '已批准，待限制期开始',
  listed: '公示中（限制期内）',
  'removal-approval': '提前移出审批中',
  closed: '已办结',
};

export type BlacklistOutcome =
  'removed-at-end' | 'removed-early' | 'rejected' | 'withdrawn' | 'lapsed-before-listing' | 'publication-abandoned';

export interface BlacklistResult {
  outcome: BlacklistOutcome;
  entryNo?: string;
  listedOn?: string;
  removedOn?: string;
}
