// Plain data of the random inspection publication workflow (一公开). No Temporal imports.
import type { DrawAssignment } from '../../domain/random-draw';
import type { Actor } from '../approval/types';

export interface RandomInspectionInput {
  drawId: string;
  departmentId: string;
  departmentName: string;
  itemName: string;
  assignments: DrawAssignment[];
}

export interface InspectionResult {
  enterpriseId: string;
  /** Date of the enforcement decision (or of the inspection record when no decision was needed). */
  decisionDate: string;
  /** A penalty decision is published within 7 working days, any other within 20 (国办发〔2018〕118号). */
  penalty: boolean;
  summary: string;
}

export interface PublishedResult extends InspectionResult {
  dueDate: string;
  receiptNo?: string;
  publishedOn?: string;
  onTime?: boolean;
}

export interface DrawPublication {
  listReceipt?: string;
  listUrl?: string;
  results: PublishedResult[];
}

export interface RecordResultsRequest {
  requestId: string;
  actor: Actor;
  results: InspectionResult[];
}
