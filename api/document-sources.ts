// What a document is drafted from: the enforcement case's view (live query, or the last summary of a closed
// case) and the decision's facts from the case's start input. Read-only.
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { departments, users, type cases } from '../db/schema';
import { enforcementBalance } from '../domain/enforcement-balance';
import {
  enforcementApplicationDocument,
  instalmentApprovalDocument,
  paymentDemandDocument,
  serviceReceiptDocument,
  type CaseFacts,
  type DocumentKind,
  type DraftDocument,
} from '../domain/documents';
import { enforcementViewQuery } from '../workflows/enforcement/messages';
import { serviceMethodLabels, type EnforcementCaseInput, type EnforcementView } from '../workflows/enforcement/types';

/** The kinds a case of each workflow kind can draft through the API today. */
export const draftableKinds: Partial<Record<(typeof cases.$inferSelect)['kind'], DocumentKind[]>> = {
  enforcement: ['payment-demand', 'service-receipt', 'instalment-approval', 'enforcement-application'],
};

const COURT = '重庆市北碚区人民法院';

export interface EnforcementSource {
  view: EnforcementView;
  input: Partial<EnforcementCaseInput>;
  departmentName: string;
  headName: string;
}

async function startInputOf(temporal: Client, workflowId: string): Promise<Partial<EnforcementCaseInput>> {
  try {
    const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    return payload ? (defaultPayloadConverter.fromPayload(payload) as Partial<EnforcementCaseInput>) : {};
  } catch {
    return {};
  }
}

export async function enforcementSource(
  db: Db,
  temporal: Client,
  row: typeof cases.$inferSelect,
): Promise<EnforcementSource> {
  const live =
    row.status === 'open'
      ? await temporal.workflow
          .getHandle(row.workflowId)
          .query(enforcementViewQuery)
          .catch(() => null)
      : null;
  const view = (live ?? row.summary) as unknown as EnforcementView;
  const [input, [dept], [head]] = await Promise.all([
    startInputOf(temporal, row.workflowId),
    db.select({ name: departments.name }).from(departments).where(eq(departments.id, row.departmentId)),
    db
      .select({ name: users.name })
      .from(users)
      .where(
        and(
          eq(users.departmentId, row.departmentId),
          eq(users.active, true),
          sql`'department-head' = any(${users.roles})`,
        ),
      )
      .limit(1),
  ]);
  return {
    view,
    input,
    departmentName: input.departmentName ?? dept?.name ?? row.departmentId,
    headName: head?.name ?? '',
  };
}

export function enforcementFacts(s: EnforcementSource, today: string): CaseFacts {
  const v = s.view;
  return {
    today,
    ...(v.demand ? { demand: { servedOn: v.demand.servedOn, waitEnds: v.demand.waitEnds } } : {}),
    ...(v.deferral ? { deferral: { status: v.deferral.status } } : {}),
    statementPending: Boolean(v.statement && !v.statement.reviewed),
  };
}

/** The decision date: from the start input, else as the demand states it. */
function decidedOnOf(s: EnforcementSource): string {
  if (s.input.decidedOn) return s.input.decidedOn;
  const m = /本机关于(\d{4}-\d{2}-\d{2})作出/.exec(s.view.demand?.sections[0]?.body ?? '');
  return m?.[1] ?? s.view.servedOn;
}

/** The draft of a kind, from the case; `issuedDemandNumber` is the number of the case's issued 催告书, if any. */
export function draftFromEnforcement(
  kind: DocumentKind,
  s: EnforcementSource,
  extras: { issuedDemandNumber?: string | null; servers: string[]; today: string },
): DraftDocument {
  const v = s.view;
  const base = {
    departmentName: s.departmentName,
    decisionNumber: v.decisionNumber,
    decidedOn: decidedOnOf(s),
    party: v.party,
  };
  switch (kind) {
    case 'payment-demand': {
      const d = v.demand!;
      const asOf = d.amounts.asOf;
      return paymentDemandDocument({
        ...base,
        outstandingFineFen: d.amounts.outstandingFineFen,
        surchargeFen: d.amounts.surchargeFen,
        asOf,
        surchargeCapped: enforcementBalance(v.money, asOf).capped,
        rectification: v.rectification,
      });
    }
    case 'service-receipt':
      return serviceReceiptDocument({
        departmentName: s.departmentName,
        documentName: '催告书',
        documentNumber: extras.issuedDemandNumber ?? '',
        addressee: v.party.name,
        ...(v.party.address ? { address: v.party.address } : {}),
        ...(v.demand?.serviceMethod ? { methodLabel: serviceMethodLabels[v.demand.serviceMethod] } : {}),
        ...(v.demand?.servedOn ? { servedOn: v.demand.servedOn } : {}),
        servers: extras.servers,
      });
    case 'instalment-approval': {
      const f = v.deferral!;
      return instalmentApprovalDocument({
        ...base,
        fineFen: v.money.fineFen,
        kind: f.kind,
        ...(f.deferredTo ? { deferredTo: f.deferredTo } : {}),
        ...(f.instalments ? { instalments: f.instalments } : {}),
      });
    }
    case 'enforcement-application': {
      const d = v.demand!;
      return enforcementApplicationDocument({
        ...base,
        court: COURT,
        headName: s.headName,
        decisionServedOn: v.servedOn,
        ...(s.input.facts ? { facts: s.input.facts } : {}),
        ...(s.input.reasons ? { reasons: s.input.reasons } : {}),
        ...(s.input.legalBasisText ? { legalBasisText: s.input.legalBasisText } : {}),
        demand: { number: extras.issuedDemandNumber ?? d.documentNo, servedOn: d.servedOn!, waitEnds: d.waitEnds! },
        ...(v.statement ? { statement: v.statement } : {}),
        targetFen: enforcementBalance(v.money, extras.today).totalDueFen,
        rectification: v.rectification,
      });
    }
    default:
      throw new RangeError(`no source for ${kind} in an enforcement case`);
  }
}
