// Who may read, act on, start and export each kind of case: one table, read three ways — a yes/no for a loaded
// case (the API, the console's navigation), and an SQL condition over `cases` for every list (db/ receives only
// that fragment). Whatever route or page asks, the answer comes from here.
//
// The legal reviewer (法制审核员, 司法局) is not a district-wide role. They read a case they hold or held a task in
// (the review the procedure sent them), and every case of a kind whose procedure has a legal-review step
// (accident reports, entrustments, annual plans: 行政处罚法 Art. 20/58), so they can look up precedent before
// reviewing; nothing else. The audit export follows the same reach: a record is for those who may read the case.
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { cases, tasks, type RoleId } from '../../db/schema';
import type { AuthUser } from '../context';

export type CaseKind = (typeof cases.$inferSelect)['kind'];
/** Every kind the policy decides for: the case kinds of the `cases` table, and random draws (their own table). */
export type PolicyKind = CaseKind | 'random-inspection';
export type Purpose = 'read' | 'act' | 'export';
export const caseKinds: readonly CaseKind[] = cases.kind.enumValues;

/** A grant: each field names one way to reach a case; any one suffices. */
export interface Grant {
  /** The district-wide roles (安委办, 区领导, admin) reach every case of the kind. */
  district: boolean;
  /** Members of the case's own department with one of these roles ('any' = every role). */
  department: readonly RoleId[] | 'any' | 'none';
  /** Whoever holds or held a task in the case (assignee, acting-for) or initiated it. */
  participant: boolean;
  /** A department the case was copied to (accident copies, 抄送). */
  copied: boolean;
  /** Legal reviewers, for kinds whose procedure has a legal-review step. */
  legalReview: boolean;
}

/** The roles that see the whole district. */
export const districtRoles: readonly RoleId[] = ['safety-office', 'district-leader', 'admin'];
const officers = ['officer', 'department-head'] as const;

const seeing: Grant = { district: true, department: 'any', participant: true, copied: false, legalReview: false };
const acting: Grant = { district: false, department: officers, participant: false, copied: false, legalReview: false };
const reviewed: Grant = { ...seeing, legalReview: true };

/** The policy. `start` lists the roles that may open a case of the kind (their own department's). */
export const accessPolicy: Record<PolicyKind, Record<Purpose, Grant> & { start: readonly RoleId[] }> = {
  // 行政强制法 §十二: only the deciding unit's officers and head act on an enforcement case.
  enforcement: { read: seeing, act: acting, export: seeing, start: officers },
  // The copied-to departments read the case (and confirm receipt of the copy); the district may act on it.
  accident: {
    read: { ...reviewed, copied: true },
    act: { ...seeing, participant: false },
    export: { ...reviewed, copied: true },
    start: officers,
  },
  // The workflow's validator decides the finer rules (e.g. who accepts a refusal); the desk only lets the unit
  // and the district through.
  'criminal-transfer': {
    read: seeing,
    act: { ...seeing, participant: false },
    export: seeing,
    start: officers,
  },
  blacklist: { read: seeing, act: { ...seeing, participant: false }, export: seeing, start: officers },
  // The unit's officers and head keep their own plan; the safety office records the filing (a district act).
  'annual-plan': { read: reviewed, act: acting, export: reviewed, start: ['safety-office', 'admin'] },
  'plan-cycle': {
    read: seeing,
    act: { ...seeing, department: 'none' },
    export: seeing,
    start: ['safety-office', 'admin'],
  },
  'random-inspection': { read: seeing, act: acting, export: seeing, start: officers },
  // The entrusting agency asks for changes; its legal review goes to 司法局.
  entrustment: {
    read: reviewed,
    act: { ...seeing, participant: false, district: false },
    export: reviewed,
    start: officers,
  },
  // The initiator withdraws or urges, the supervisors comment; the step's own rules are the workflow's.
  'approval-request': { read: seeing, act: seeing, export: seeing, start: officers },
};

const hasAny = (user: AuthUser, roles: readonly RoleId[]) => user.roles.some((r) => roles.includes(r));

/** Whether the user sees the whole district (the 安委办's overview, every department's lists). */
export const seesDistrict = (user: AuthUser): boolean => hasAny(user, districtRoles);

/** Whether the user sees the open tasks of their whole unit (the department inbox), not only their own. */
export const seesDepartmentInbox = (user: AuthUser): boolean =>
  hasAny(user, ['department-head', 'safety-office', 'district-leader']);

/** Whether the user may open a case of this kind at all (the route's role check). */
export const mayStart = (user: AuthUser, kind: PolicyKind): boolean => hasAny(user, accessPolicy[kind].start);

/** The facts about one loaded case that the policy needs. */
export interface CaseFacts {
  kind: PolicyKind;
  departmentId: string;
  /** The case summary: accident copies live under `copies`. */
  summary?: Record<string, unknown> | null;
  /** Whether the user holds or held a task in it, or initiated it (see `participates`). */
  participant?: boolean;
}

const copiedTo = (summary: CaseFacts['summary']): string[] =>
  Object.keys((summary?.copies as Record<string, unknown> | undefined) ?? {});

function departmentGrants(grant: Grant, user: AuthUser): boolean {
  return grant.department === 'any' || (grant.department !== 'none' && hasAny(user, grant.department));
}

/** The grant's unconditional part for this user: true when the role alone suffices. */
function byRole(grant: Grant, user: AuthUser): boolean {
  return (grant.district && seesDistrict(user)) || (grant.legalReview && user.roles.includes('legal-reviewer'));
}

/** The yes/no answer for one case. */
export function may(user: AuthUser, purpose: Purpose, c: CaseFacts): boolean {
  const grant = accessPolicy[c.kind][purpose];
  return (
    byRole(grant, user) ||
    (departmentGrants(grant, user) && c.departmentId === user.departmentId) ||
    (grant.participant && c.participant === true) ||
    (grant.copied && copiedTo(c.summary).includes(user.departmentId))
  );
}

/** Whether the user needs the participant fact for this case (a database look-up) to be let in. */
export function needsParticipation(user: AuthUser, purpose: Purpose, c: Omit<CaseFacts, 'participant'>): boolean {
  return accessPolicy[c.kind][purpose].participant && !may(user, purpose, c);
}

/** The user holds or held a task in the case (as assignee or the one acted for) or initiated it. */
export function participates(user: AuthUser): SQL {
  return sql`exists (select 1 from ${tasks} where ${tasks.workflowId} = ${cases.workflowId} and (${or(
    eq(tasks.assigneeId, user.id),
    eq(tasks.actingForId, user.id),
    sql`${tasks.detail}->>'initiatorId' = ${user.id}`,
  )}))`;
}

/** The condition a `cases` row must meet for the user to reach it for `purpose`; undefined: every row. */
export function caseAccess(user: AuthUser, purpose: Purpose, kinds: readonly CaseKind[] = caseKinds): SQL | undefined {
  const byKind = new Map<string, { kinds: CaseKind[]; condition: SQL | undefined }>();
  for (const kind of kinds) {
    const grant = accessPolicy[kind][purpose];
    if (byRole(grant, user)) continue; // the role reaches every case of the kind
    const key = JSON.stringify({ ...grant, d: departmentGrants(grant, user) });
    const group = byKind.get(key);
    if (group) group.kinds.push(kind);
    else
      byKind.set(key, {
        kinds: [kind],
        condition: or(
          departmentGrants(grant, user) ? eq(cases.departmentId, user.departmentId) : undefined,
          grant.participant ? participates(user) : undefined,
          grant.copied ? sql`${cases.summary}->'copies' ? ${user.departmentId}` : undefined,
        ),
      });
  }
  if (byKind.size === 0) return undefined;
  const open = kinds.filter((k) => byRole(accessPolicy[k][purpose], user));
  return or(
    open.length ? inArray(cases.kind, open) : undefined,
    ...[...byKind.values()].map((g) => and(inArray(cases.kind, g.kinds), g.condition ?? sql`false`)),
  );
}
