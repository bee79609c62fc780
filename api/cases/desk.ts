// The case desk: every case router finds a case, acts on it and shows it here. `find` answers 404 for an unknown
// case and an audited 403 for one the policy refuses; `act` sends the Update under the request's id and turns a
// workflow's refusal into problem+json once, audited with the case; `detail` reads projection, deadlines, audit
// trail and the live state.
import type { Client } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { and, asc, eq, or } from 'drizzle-orm';
import type { Context } from 'hono';
import { appendAudit } from '../../db/audit-trail';
import type { Db } from '../../db/client';
import { auditLog, caseDeadlines, cases } from '../../db/schema';
import { approvalStateQuery, type ApprovalView } from '../../workflows/approval/messages';
import { actorOf } from '../actor';
import type { AppEnv, AuthUser } from '../context';
import { HttpProblem } from '../problem';
import { updateRefusalOf, type UpdateRefusal } from '../update-refusal';
import { may, needsParticipation, participates, type CaseKind, type PolicyKind, type Purpose } from './policy';

export type CaseRow = typeof cases.$inferSelect;
/** Where a case is: enough to act on it and to audit the act. */
export type CaseRef = Pick<CaseRow, 'workflowId' | 'caseNumber'> & { kind: PolicyKind; status?: CaseRow['status'] };

const titles = { 403: '无权执行此操作', 409: '状态冲突', 422: '请求无法处理' } as const;

/** A case as `detail` reads it. */
export interface CaseDetail<L = unknown> {
  case: CaseRow;
  deadlines: (typeof caseDeadlines.$inferSelect)[];
  audit: (typeof auditLog.$inferSelect)[];
  live: L | null;
  approval: ApprovalView | null;
}

export interface ActOptions {
  /** The audit action (default `<kind>.<update name>`). */
  action?: string;
  /** The request field a refusal code is about, where the workflow does not name one (e.g. COMMENT_REQUIRED). */
  fields?: Partial<Record<string, string>>;
  /** The approval step the act concerns, for the audit entry. */
  step?: string | null;
  /** False when the Update's input names its actor otherwise (agency attention tasks). */
  withActor?: boolean;
  /** Refuse (409) without asking the workflow when the projection already reads closed, with this message. */
  whenClosed?: string;
}

/** The problem+json of a workflow's refusal: 403/409/422 by category, with the fields it names. */
export function refusalProblem(
  refusal: UpdateRefusal,
  fields: Partial<Record<string, string>> = {},
  closed = '案件已办结，不能再办理',
): HttpProblem {
  if (refusal.kind !== 'rejected') return new HttpProblem(409, titles[409], closed, undefined, { code: 'CASE_CLOSED' });
  const code = refusal.code ?? 'INVALID_ACTION';
  const message = refusal.reason ?? '操作被拒绝';
  const field = fields[code] ?? (refusal.field ? `body.${refusal.field}` : 'body');
  const errors = refusal.errors.length
    ? refusal.errors.map((e) => ({ ...e, field: `body.${e.field}` }))
    : refusal.status === 403
      ? undefined
      : [{ field, rule: code.toLowerCase(), message }];
  return new HttpProblem(refusal.status, titles[refusal.status], message, errors, { code });
}

export function createDesk(db: Db, temporal: Client) {
  /**
   * Refuses `user` on a case: the refusal is audited with the case (denied for 403/404, else rejected), then thrown.
   */
  async function refuse(
    user: AuthUser,
    row: CaseRef,
    action: string,
    problem: HttpProblem,
    extra = {},
  ): Promise<never> {
    await appendAudit(db, {
      actor: user.id,
      action,
      outcome: problem.status === 403 || problem.status === 404 ? 'denied' : 'rejected',
      comment: problem.detail,
      workflowId: row.workflowId,
      caseId: row.caseNumber,
      ...extra,
    });
    throw problem;
  }

  /** Whether the policy lets `user` reach the loaded case for `purpose` (asking the database for participation). */
  async function allows(user: AuthUser, purpose: Purpose, row: CaseRow): Promise<boolean> {
    if (!needsParticipation(user, purpose, row)) return may(user, purpose, row);
    const [hit] = await db
      .select({ workflowId: cases.workflowId })
      .from(cases)
      .where(and(eq(cases.workflowId, row.workflowId), participates(user)))
      .limit(1);
    return Boolean(hit);
  }

  /** Lets the user through to the case, or audits and refuses. `hide`: answer 404, existence being private. */
  async function admit(user: AuthUser, row: CaseRow, purpose: Purpose, hide: boolean, action?: string) {
    if (await allows(user, purpose, row)) return row;
    const problem = hide
      ? HttpProblem.notFound(`案件 ${row.caseNumber} 不存在或您无权查看`)
      : HttpProblem.forbidden(purpose === 'act' ? '您无权办理该案件' : '该案件不属于您所在的单位');
    return refuse(user, row, action ?? `${row.kind}.${purpose}`, problem);
  }

  return {
    allows,
    refuse,

    /**
     * A case of `kind` by its number: 404 if unknown, 403 if the policy refuses `purpose` (audited as `action`,
     * by default `<kind>.<purpose>`).
     */
    async find(user: AuthUser, kind: CaseKind, caseNumber: string, purpose: Purpose, action?: string) {
      const [row] = await db
        .select()
        .from(cases)
        .where(and(eq(cases.kind, kind), eq(cases.caseNumber, caseNumber)))
        .limit(1);
      if (!row) throw HttpProblem.notFound(`案件 ${caseNumber} 不存在`);
      return admit(user, row, purpose, false, action);
    },

    /** A case of any kind by workflow id or case number; 404 both when unknown and when refused (audited). */
    async lookup(user: AuthUser, key: { workflowId?: string; caseNumber?: string }, purpose: Purpose) {
      const [row] = await db
        .select()
        .from(cases)
        .where(or(eq(cases.workflowId, key.workflowId ?? ''), eq(cases.caseNumber, key.caseNumber ?? '')))
        .limit(1);
      if (!row) throw HttpProblem.notFound(`案件 ${key.caseNumber ?? key.workflowId} 不存在或您无权查看`);
      return admit(user, row, purpose, true);
    },

    /**
     * Sends `update` to the case's workflow with the actor resolved afresh and the request id as the Update id
     * (a retried request is answered, not repeated). A refusal becomes problem+json, audited with the case.
     */
    async act<Ret, In extends { requestId: string }>(
      user: AuthUser,
      row: CaseRef,
      update: UpdateDefinition<Ret, [In]>,
      input: Omit<In, 'actor'>,
      options: ActOptions = {},
    ): Promise<Ret> {
      const refused = (refusal: UpdateRefusal) => {
        const problem = refusalProblem(refusal, options.fields, options.whenClosed);
        const detail = { rule: problem.extensions.code, requestId: input.requestId };
        return refuse(user, row, options.action ?? `${row.kind}.${update.name}`, problem, {
          step: options.step,
          detail,
        });
      };
      if (options.whenClosed && row.status === 'closed') return refused({ kind: 'closed' });
      try {
        const args = options.withActor === false ? input : { ...input, actor: await actorOf(db, user) };
        return await temporal.workflow
          .getHandle(row.workflowId)
          .executeUpdate(update, { args: [args as In], updateId: input.requestId });
      } catch (err) {
        const refusal = updateRefusalOf(err);
        if (!refusal) throw err;
        return refused(refusal);
      }
    },

    /** Projection, deadlines (due dates, basis, met or missed), audit trail, and the live state of an open case. */
    async detail<L = unknown>(row: CaseRow, liveQuery?: QueryDefinition<L, []>): Promise<CaseDetail<L>> {
      const [deadlines, audit] = await Promise.all([
        db
          .select()
          .from(caseDeadlines)
          .where(eq(caseDeadlines.workflowId, row.workflowId))
          .orderBy(asc(caseDeadlines.dueDate)),
        db.select().from(auditLog).where(eq(auditLog.workflowId, row.workflowId)).orderBy(asc(auditLog.seq)),
      ]);
      const handle = temporal.workflow.getHandle(row.workflowId);
      const [live, approval] =
        row.status === 'open'
          ? await Promise.all([
              liveQuery ? handle.query(liveQuery).catch(() => null) : null,
              handle.query(approvalStateQuery).catch(() => null),
            ])
          : [null, null];
      return { case: row, deadlines, audit, live: live as L | null, approval };
    },
  };
}

export type Desk = ReturnType<typeof createDesk>;

/** The desk of a request. */
export const deskOf = (c: Context<AppEnv>): Desk => createDesk(c.get('deps').database.db, c.get('deps').temporal);

/** Deadlines and timeline as the case views show them. */
export const deadlineView = (d: typeof caseDeadlines.$inferSelect) => ({
  key: d.key,
  label: d.label,
  basisId: d.basisId,
  citation: d.citation,
  owedBy: d.owedBy,
  dueDate: d.dueDate,
  dueAt: d.dueAt,
  provisional: d.provisional,
  status: d.status,
  metAt: d.metAt,
});
export const timelineView = (a: typeof auditLog.$inferSelect) => ({
  seq: a.seq,
  at: a.at,
  actor: a.actor,
  actingFor: a.actingFor,
  action: a.action,
  outcome: a.outcome,
  comment: a.comment,
  legalBasis: a.legalBasis,
  step: a.step,
  detail: a.detail,
});

/** The common case view: the projection, its deadlines, its timeline, the live state and the approval. */
export const caseView = <L>(d: CaseDetail<L>) => ({
  case: d.case,
  deadlines: d.deadlines.map(deadlineView),
  timeline: d.audit.map(timelineView),
  live: d.live,
  approval: d.approval,
});
