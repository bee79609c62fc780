// The materials of an application to the people's court for compulsory enforcement (行政强制法 Art. 55),
// and what is still missing from them. Pure.
import type { IsoDate } from './dates';

export interface CourtApplicationFacts {
  decisionNumber?: string;
  decidedOn?: IsoDate;
  /** The facts, reasons and basis of the decision. */
  facts?: string;
  reasons?: string;
  legalBasisText?: string;
  demand?: { documentNo: string; servedOn?: IsoDate; serviceMethod?: string };
  /** The party's statement (陈述申辩), if any, and whether it was reviewed. */
  statement?: { receivedOn: IsoDate; summary: string; reviewed: boolean };
  /** True when the party made no statement within the demand period. */
  noStatement?: boolean;
  /** The enforcement target: amount owed and/or obligations. */
  targetFen: number;
  rectification?: string[];
  /** Set once the agency head approved and signed. */
  signature?: { agencyHead: string; signedOn: IsoDate };
}

export type CourtMaterialKey =
  'application' | 'decision' | 'facts-reasons-basis' | 'party-opinions' | 'demand-record' | 'enforcement-target';

export interface CourtMaterial {
  key: CourtMaterialKey;
  label: string;
  present: boolean;
  /** Why it is missing (Chinese), when not present. */
  missing?: string;
}

/** Each Art. 55 item and whether it is there; the signature is only required once `requireSignature`. */
export function courtApplicationMaterials(
  f: CourtApplicationFacts,
  options: { requireSignature: boolean },
): CourtMaterial[] {
  const item = (key: CourtMaterialKey, label: string, missing: string | null): CourtMaterial =>
    missing ? { key, label, present: false, missing } : { key, label, present: true };
  const statementMissing = f.statement
    ? f.statement.reviewed
      ? null
      : '当事人的陈述申辩尚未复核'
    : f.noStatement
      ? null
      : '未记录当事人的意见（陈述申辩或未提出的情况）';
  const missingGrounds = [f.facts ? null : '事实', f.reasons ? null : '理由', f.legalBasisText ? null : '依据'].filter(
    Boolean,
  );
  return [
    item(
      'application',
      '强制执行申请书（机关负责人签名、加盖印章、注明日期）',
      options.requireSignature && !f.signature ? '申请书尚未经机关负责人签名' : null,
    ),
    item('decision', '行政决定书', !f.decisionNumber || !f.decidedOn ? '缺少行政处罚决定书文号或作出日期' : null),
    item(
      'facts-reasons-basis',
      '作出决定的事实、理由和依据',
      missingGrounds.length ? `缺少作出决定的${missingGrounds.join('、')}` : null,
    ),
    item('party-opinions', '当事人的意见', statementMissing),
    item('demand-record', '催告情况', !f.demand ? '尚未制作催告书' : !f.demand.servedOn ? '催告书尚未送达' : null),
    item(
      'enforcement-target',
      '申请强制执行标的情况',
      f.targetFen <= 0 && !f.rectification?.length ? '没有可申请强制执行的标的' : null,
    ),
  ];
}

/** The missing items only; empty when the application is complete. */
export function missingCourtMaterials(
  f: CourtApplicationFacts,
  options: { requireSignature: boolean },
): CourtMaterial[] {
  return courtApplicationMaterials(f, options).filter((m) => !m.present);
}
