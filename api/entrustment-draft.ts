// Turns a submitted entrustment draft into the workflow's input, or refuses it: bad input (4xx naming the field)
// and what the law forbids to entrust (422 with each rule and its basis). Reads only; writes nothing.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { entrustmentRecordsOf } from '../db/entrustment-store';
import { departments, entrustedOrganisations, powerCatalogue } from '../db/schema';
import { authoriseEntrustedAct, termProblems } from '../domain/entrustment';
import { entrustmentRefusals, type EntrustmentRefusal } from '../domain/powers';
import type { EntrustmentInput } from '../workflows/entrustment/types';
import { HttpProblem, type FieldError } from './problem';

export interface EntrustmentDraft {
  agencyId: string;
  orgId: string;
  powerIds: string[];
  territory: string;
  termStart: string;
  termEnd: string;
}

// Refusals about the organisation name the organisation; the others name the powers.
const orgRules = new Set([
  're-entrustment',
  'not-established-by-law',
  'no-public-affairs-function',
  'no-credentialed-staff',
  'no-technical-capacity',
]);

export function refusalProblem(refusals: EntrustmentRefusal[]): HttpProblem {
  const errors: FieldError[] = refusals.map((r) => ({
    field: orgRules.has(r.rule) ? 'body.orgId' : 'body.powerIds',
    rule: r.rule,
    message: `${r.message}（${r.basis}）`,
  }));
  return new HttpProblem(422, '依法不得委托', refusals.map((r) => `${r.message}（${r.basis}）`).join('；'), errors, {
    refusals,
  });
}

export async function resolveEntrustmentDraft(
  db: Db,
  draft: EntrustmentDraft,
): Promise<Omit<EntrustmentInput, 'draftNumber' | 'initiatorId'>> {
  const term = termProblems(draft.termStart, draft.termEnd);
  if (term.length > 0)
    throw new HttpProblem(
      400,
      '请求参数无效',
      term[0]!.message,
      term.map((p) => ({ field: `body.${p.field}`, rule: p.rule, message: p.message })),
    );

  const [agency] = await db.select().from(departments).where(eq(departments.id, draft.agencyId)).limit(1);
  if (!agency || !agency.hasSupervisoryDuty)
    throw HttpProblem.forbidden(`${draft.agencyId} 不是负有安全生产监督管理职责的部门，不能委托执法`);
  const [org] = await db
    .select()
    .from(entrustedOrganisations)
    .where(eq(entrustedOrganisations.id, draft.orgId))
    .limit(1);
  if (!org) throw HttpProblem.unprocessable('body.orgId', 'exists', `未登记的受委托组织 ${draft.orgId}`);
  if (org.id === agency.id) throw HttpProblem.unprocessable('body.orgId', 'self', '不能委托本机关');

  const rows = await db.select().from(powerCatalogue).where(inArray(powerCatalogue.id, draft.powerIds));
  const unknown = draft.powerIds.map((id, i) => ({ id, i })).filter(({ id }) => !rows.some((r) => r.id === id));
  if (unknown.length > 0) {
    throw new HttpProblem(
      422,
      '请求无法处理',
      `权力清单中没有 ${unknown.map((u) => u.id).join('、')}`,
      unknown.map(({ id, i }) => ({ field: `body.powerIds.${i}`, rule: 'exists', message: `权力清单中没有 ${id}` })),
    );
  }
  const powers = draft.powerIds.map((id) => rows.find((r) => r.id === id)!);

  // A power the agency does not hold by law: held by entrustment it would be re-entrusted (行政处罚法 Art. 20), otherwise
  // not its to give.
  let reEntrustment = false;
  const foreign = powers.map((p, i) => ({ p, i })).filter(({ p }) => p.departmentId !== agency.id);
  if (foreign.length > 0) {
    const held = await entrustmentRecordsOf(db, agency.id);
    const notHeld = foreign.filter(
      ({ p }) => !authoriseEntrustedAct(held, { orgId: agency.id, powerId: p.id, date: draft.termStart }).allowed,
    );
    if (notHeld.length > 0) {
      throw new HttpProblem(
        422,
        '请求无法处理',
        `${agency.name}不具有该项职权，不能委托`,
        notHeld.map(({ p, i }) => ({
          field: `body.powerIds.${i}`,
          rule: 'not_held',
          message: `${agency.name}不具有「${p.name}」职权，不能委托`,
        })),
      );
    }
    reEntrustment = true;
  }

  const refusals = entrustmentRefusals({
    powers: powers.map((p) => p.type),
    entrustedOrg: {
      kind: org.kind,
      establishedByLaw: org.establishedByLaw,
      credentialedStaff: org.credentialedStaffCount > 0,
      hasTechnicalCapacity: org.hasTechnicalCapacity,
      isEntrustedBody: reEntrustment,
    },
  });
  if (refusals.length > 0) throw refusalProblem(refusals);

  return {
    agency: { id: agency.id, name: agency.name },
    org,
    powers: powers.map((p) => ({ id: p.id, name: p.name, type: p.type, legalBasis: p.legalBasis })),
    territory: draft.territory,
    termStart: draft.termStart,
    termEnd: draft.termEnd,
    reEntrustment,
  };
}
