// Plain data of the entrustment workflow, shared with its activities and the API. No Temporal imports.
import type { EntrustmentStatus, Suspension } from '../../domain/entrustment';
import type { EntrustmentChangeKind, EntrustmentLetter, LetterPower } from '../../domain/entrustment-letter';
import type { EntrustmentRefusal, OrganisationKind } from '../../domain/powers';
import type { Actor } from '../approval/types';
import type { RefusalTable } from '../refusal';

export interface EntrustedOrgProfile {
  id: string;
  name: string;
  kind: OrganisationKind;
  legalStatus: string;
  establishedByLaw: boolean;
  credentialedStaffCount: number;
  hasTechnicalCapacity: boolean;
  technicalCapacity: string;
  contactDepartmentId: string;
}

export interface EntrustmentInput {
  draftNumber: string;
  agency: { id: string; name: string };
  org: EntrustedOrgProfile;
  powers: LetterPower[];
  territory: string;
  termStart: string;
  termEnd: string;
  initiatorId: string;
  /** The entrusting agency holds one of the powers only by entrustment itself (行政处罚法 Art. 20). */
  reEntrustment: boolean;
}

export interface Publication {
  side: 'agency' | 'org';
  subject: string;
  receiptNo: string;
  documentUrl: string;
  publishedAt: string;
}

/** A request to renew, suspend, resume or revoke; decided by approval, then published. */
export interface ChangeRequest {
  requestId: string;
  kind: EntrustmentChangeKind;
  actor: Actor;
  reason: string;
  /** Renewal only: the new last day of the term. */
  newTermEnd?: string;
}

export interface ChangeRecord {
  changeId: string;
  kind: EntrustmentChangeKind;
  requestedBy: string;
  reason: string;
  newTermEnd?: string;
  outcome?: 'approved' | 'rejected' | 'withdrawn' | 'moot';
  effectiveOn?: string;
}

export interface EntrustmentView {
  draftNumber: string;
  status: EntrustmentStatus;
  stage: string;
  letter?: EntrustmentLetter;
  termStart: string;
  termEnd: string;
  revokedOn: string | null;
  suspensions: Suspension[];
  publications: Publication[];
  reminders: string[];
  changes: ChangeRecord[];
  pendingChange?: ChangeRecord;
}

export type EntrustmentResult =
  | { outcome: 'refused'; refusals: EntrustmentRefusal[] }
  | { outcome: 'rejected' | 'withdrawn' | 'publication-abandoned'; status: EntrustmentStatus }
  | { outcome: 'lapsed' | 'revoked'; status: EntrustmentStatus; letterNumber: string; termEnd: string };

/** Refusal codes and their categories (the API alone turns a category into an HTTP status). */
export const changeRefusals = {
  NOT_IN_FORCE: 'conflict',
  CHANGE_PENDING: 'conflict',
  NOT_SUSPENDED: 'conflict',
  ALREADY_SUSPENDED: 'conflict',
  INVALID_TERM: 'invalid',
  REASON_REQUIRED: 'invalid',
  NOT_AGENCY: 'forbidden',
  INVALID_ACTION: 'invalid',
} as const satisfies RefusalTable<string>;
export type ChangeRejectionCode = keyof typeof changeRefusals;
