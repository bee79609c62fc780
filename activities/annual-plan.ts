// I/O of the annual plan cycle: planning units, the plan projection, plan tasks, reminders and escalation.
// Every activity is idempotent (upserts with a version guard, notifications and audit keyed).
import { and, arrayOverlaps, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit } from '../db/audit-trail';
import { taskRowId } from '../db/task-ids';
import { versionedUpsert } from '../db/versioned-upsert';
import {
  annualPlanAmendments,
  annualPlans,
  departments,
  entrustedOrganisations,
  entrustments,
  planCycles,
  plannedInspections,
  tasks,
  users,
} from '../db/schema';
import type { PlanContent, PlanDiff, QuarterProgress } from '../domain/annual-plan';
import type { ItemExecutionState, PlanningUnit, PlanReceipts, PlanStage } from '../workflows/annual-plan/types';
import type { RoleId } from '../workflows/approval/types';
import { createRandomInspectionActivities } from './random-inspection';
import { queueNotifications } from './notifications/queue';

const notSubmitted: PlanStage[] = ['awaiting-draft', 'drafting'];

export interface PlanRecord {
  planId: string;
  year: number;
  departmentId: string;
  workflowId: string;
  stage: PlanStage;
  approver: string;
  content: PlanContent | null;
  planVersion: number;
  drafterId: string | null;
  dueDate: string;
  receipts: PlanReceipts;
  times: { draftedAt?: string; submittedAt?: string; approvedAt?: string; filedAt?: string };
  version: number;
}

export function createAnnualPlanActivities(deps: { db: Db; deliverNotifications?: boolean }) {
  const { db } = deps;

  async function activeUsers(departmentId: string, roles: RoleId[]) {
    return db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.departmentId, departmentId), eq(users.active, true), arrayOverlaps(users.roles, roles)))
      .orderBy(asc(users.id));
  }

  async function notify(
    items: Array<{ key: string; recipientId: string; template: string; params: Record<string, string> }>,
  ) {
    await queueNotifications(db, items, { deliver: deps.deliverNotifications ?? false });
  }

  return {
    ...createRandomInspectionActivities(deps),
    /** Departments with supervisory duties, and entrusted organisations that are not departments themselves (§十四). */
    async listPlanningUnits(): Promise<PlanningUnit[]> {
      const depts = await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(eq(departments.hasSupervisoryDuty, true))
        .orderBy(asc(departments.id));
      const units: PlanningUnit[] = depts.map((d) => ({
        ...d,
        headDepartmentId: d.id,
        approver: { kind: 'district' },
      }));
      const entrusted = await db
        .select({
          id: entrustedOrganisations.id,
          name: entrustedOrganisations.name,
          contactDepartmentId: entrustedOrganisations.contactDepartmentId,
          agencyId: entrustments.agencyId,
          agencyName: entrustments.agencyName,
        })
        .from(entrustments)
        .innerJoin(entrustedOrganisations, eq(entrustedOrganisations.id, entrustments.orgId))
        .where(inArray(entrustments.status, ['active', 'expiring']))
        .orderBy(asc(entrustedOrganisations.id));
      for (const org of entrusted) {
        if (units.some((u) => u.id === org.id)) continue;
        units.push({
          id: org.id,
          name: org.name,
          headDepartmentId: org.contactDepartmentId,
          approver: { kind: 'entrusting-agency', departmentId: org.agencyId, name: org.agencyName },
        });
      }
      return units;
    },

    /** The department's own legal reviewer when it has one, otherwise 区司法局. */
    async planLegalReviewDepartment(input: { departmentId: string }): Promise<string> {
      return (await activeUsers(input.departmentId, ['legal-reviewer'])).length > 0 ? input.departmentId : 'sfj';
    },

    /** Opens the year once; returns the workflow that owns it (another run for the same year stands down). */
    async openPlanCycle(input: {
      year: number;
      dueDate: string;
      workflowId: string;
      at: string;
    }): Promise<{ owned: boolean; owner: string }> {
      await db
        .insert(planCycles)
        .values({
          year: input.year,
          dueDate: input.dueDate,
          status: 'open',
          workflowId: input.workflowId,
          openedAt: input.at,
        })
        .onConflictDoNothing();
      const [row] = await db
        .select({ workflowId: planCycles.workflowId })
        .from(planCycles)
        .where(eq(planCycles.year, input.year));
      return { owned: row!.workflowId === input.workflowId, owner: row!.workflowId };
    },

    async closePlanCycle(input: { year: number; at: string }): Promise<void> {
      await db.update(planCycles).set({ status: 'closed', closedAt: input.at }).where(eq(planCycles.year, input.year));
    },

    /** Writes the plan projection; an older version never overwrites a newer one; first timestamps are kept. */
    async recordPlan(r: PlanRecord): Promise<void> {
      const row = {
        id: r.planId,
        year: r.year,
        departmentId: r.departmentId,
        workflowId: r.workflowId,
        status: r.stage,
        approver: r.approver,
        content: r.content,
        planVersion: r.planVersion,
        drafterId: r.drafterId,
        dueDate: r.dueDate,
        draftedAt: r.times.draftedAt ?? null,
        submittedAt: r.times.submittedAt ?? null,
        approvedAt: r.times.approvedAt ?? null,
        filedAt: r.times.filedAt ?? null,
        receipts: r.receipts as Record<string, string>,
        version: r.version,
      };
      await db
        .insert(annualPlans)
        .values(row)
        .onConflictDoUpdate(
          versionedUpsert(annualPlans, annualPlans.id, ['status', 'content', 'planVersion', 'drafterId', 'receipts'], {
            draftedAt: sql`coalesce(${annualPlans.draftedAt}, excluded.drafted_at)`,
            submittedAt: sql`coalesce(excluded.submitted_at, ${annualPlans.submittedAt})`,
            approvedAt: sql`coalesce(excluded.approved_at, ${annualPlans.approvedAt})`,
            filedAt: sql`coalesce(excluded.filed_at, ${annualPlans.filedAt})`,
          }),
        );
    },

    /** An action task (待办) of the plan: drafting for the unit's heads, filing registration for the 安委办. */
    async syncPlanTask(input: {
      workflowId: string;
      caseId: string;
      caseTitle: string;
      departmentId: string;
      key: string;
      name: string;
      assignee: { departmentId: string; roles: RoleId[] };
      open: boolean;
      dueDate?: string;
      legalBasis: string;
      at: string;
      version: number;
    }): Promise<void> {
      const assignees = await activeUsers(input.assignee.departmentId, input.assignee.roles);
      for (const a of assignees) {
        const instance = `${input.key}`;
        await db
          .insert(tasks)
          .values({
            id: taskRowId(`${input.workflowId}/${instance}/${a.id}`),
            workflowId: input.workflowId,
            workflowKind: 'annual-plan',
            caseId: input.caseId,
            caseTitle: input.caseTitle,
            caseDepartmentId: input.departmentId,
            kind: 'action',
            stepId: input.key.split('#')[0]!,
            stepInstance: instance,
            stepName: input.name,
            assigneeId: a.id,
            assigneeDepartmentId: input.assignee.departmentId,
            status: input.open ? 'open' : 'done',
            legalBasis: input.legalBasis,
            dueDate: input.dueDate ?? null,
            openedAt: input.at,
            closedAt: input.open ? null : input.at,
            version: input.version,
          })
          .onConflictDoUpdate(versionedUpsert(tasks, tasks.id, ['status', 'closedAt']));
      }
    },

    /** Reminds the heads of units whose plan is not submitted yet; returns the units reminded. */
    async remindPlanDrafters(input: {
      year: number;
      moment: string;
      dueDate: string;
      cycleWorkflowId: string;
    }): Promise<string[]> {
      const late = await db
        .select({ departmentId: annualPlans.departmentId })
        .from(annualPlans)
        .where(and(eq(annualPlans.year, input.year), inArray(annualPlans.status, notSubmitted)))
        .orderBy(asc(annualPlans.departmentId));
      for (const { departmentId } of late) {
        const heads = await activeUsers(departmentId, ['department-head']);
        await notify(
          heads.map((h) => ({
            key: `${input.cycleWorkflowId}:${input.moment}:${h.id}`,
            recipientId: h.id,
            template: 'plan.draft-reminder',
            params: { year: String(input.year), dueDate: input.dueDate },
          })),
        );
      }
      return late.map((l) => l.departmentId);
    },

    /** After the due day: late units are reported to the 安委办 (notification and audit per unit). */
    async escalateLatePlans(input: {
      year: number;
      dueDate: string;
      cycleWorkflowId: string;
      at: string;
      legalBasis: string;
    }): Promise<string[]> {
      const late = await db
        .select({
          id: annualPlans.id,
          departmentId: annualPlans.departmentId,
          workflowId: annualPlans.workflowId,
          name: departments.name,
        })
        .from(annualPlans)
        .leftJoin(departments, eq(departments.id, annualPlans.departmentId))
        .where(and(eq(annualPlans.year, input.year), inArray(annualPlans.status, notSubmitted)))
        .orderBy(asc(annualPlans.departmentId));
      if (late.length === 0) return [];
      await db
        .update(annualPlans)
        .set({ escalatedAt: input.at })
        .where(
          inArray(
            annualPlans.id,
            late.map((l) => l.id),
          ),
        );
      const office = await activeUsers('aqb', ['safety-office']);
      const names = late.map((l) => l.name ?? l.departmentId).join('、');
      await notify(
        office.map((o) => ({
          key: `${input.cycleWorkflowId}:overdue:${o.id}`,
          recipientId: o.id,
          template: 'plan.overdue-escalated',
          params: { year: String(input.year), dueDate: input.dueDate, departments: names },
        })),
      );
      for (const l of late) {
        await appendAudit(db, {
          dedupeKey: `${input.cycleWorkflowId}:overdue:${l.departmentId}`,
          actor: 'system',
          action: 'plan.overdue-escalated',
          workflowId: l.workflowId,
          caseId: l.id,
          legalBasis: input.legalBasis,
          at: input.at,
          detail: {
            year: input.year,
            dueDate: input.dueDate,
            departmentId: l.departmentId,
            escalatedTo: office.map((o) => o.id),
          },
        });
      }
      return late.map((l) => l.departmentId);
    },

    /** One execution row per plan item; items removed by an amendment and not yet inspected are dropped. */
    async syncPlannedInspections(input: {
      planId: string;
      year: number;
      departmentId: string;
      items: PlanContent['items'];
      executions: ItemExecutionState[];
    }): Promise<void> {
      await db.transaction(async (tx) => {
        const ids = input.items.map((i) => i.itemId);
        await tx
          .delete(plannedInspections)
          .where(
            and(
              eq(plannedInspections.planId, input.planId),
              ids.length ? notInArray(plannedInspections.itemId, ids) : sql`true`,
              sql`${plannedInspections.completedOn} is null`,
            ),
          );
        for (const item of input.items) {
          const e = input.executions.find((x) => x.itemId === item.itemId);
          const values = {
            planId: input.planId,
            itemId: item.itemId,
            departmentId: input.departmentId,
            year: input.year,
            quarter: item.quarter,
            onSitePlan: e?.onSitePlan ? { ...e.onSitePlan } : null,
            onSitePlanOn: e?.onSitePlan?.preparedOn ?? null,
            completedOn: e?.completedOn ?? null,
            findings: e?.findings ?? null,
          };
          await tx
            .insert(plannedInspections)
            .values(values)
            .onConflictDoUpdate({
              target: [plannedInspections.planId, plannedInspections.itemId],
              set: {
                quarter: values.quarter,
                onSitePlan: values.onSitePlan,
                onSitePlanOn: values.onSitePlanOn,
                completedOn: values.completedOn,
                findings: values.findings,
              },
            });
        }
      });
    },

    async recordAmendment(input: {
      planId: string;
      seq: number;
      reason: string;
      requestedBy: string;
      diff: PlanDiff;
      status: 'in-approval' | 'approved' | 'rejected' | 'withdrawn';
      requestedAt: string;
      decidedAt?: string;
    }): Promise<void> {
      await db
        .insert(annualPlanAmendments)
        .values({ ...input, decidedAt: input.decidedAt ?? null })
        .onConflictDoUpdate({
          target: [annualPlanAmendments.planId, annualPlanAmendments.seq],
          set: { status: input.status, decidedAt: input.decidedAt ?? null },
        });
    },

    /** A department behind its plan at a quarter's end: its heads and the 安委办 are told. */
    async notifyBehindSchedule(input: {
      planId: string;
      workflowId: string;
      departmentId: string;
      year: number;
      progress: QuarterProgress;
      at: string;
      legalBasis: string;
    }): Promise<void> {
      const { progress: p } = input;
      const recipients = [
        ...(await activeUsers(input.departmentId, ['department-head'])),
        ...(await activeUsers('aqb', ['safety-office'])),
      ];
      const params = {
        year: String(input.year),
        quarter: String(p.quarter),
        dueSoFar: String(p.dueSoFar),
        doneSoFar: String(p.doneSoFar),
        departmentId: input.departmentId,
      };
      await notify(
        recipients.map((r) => ({
          key: `${input.workflowId}:behind:q${p.quarter}:${r.id}`,
          recipientId: r.id,
          template: 'plan.behind-schedule',
          params,
        })),
      );
      await appendAudit(db, {
        dedupeKey: `${input.workflowId}:behind:q${p.quarter}`,
        actor: 'system',
        action: 'plan.behind-schedule',
        workflowId: input.workflowId,
        caseId: input.planId,
        legalBasis: input.legalBasis,
        at: input.at,
        detail: { ...p },
      });
    },
  };
}

export type AnnualPlanActivities = ReturnType<typeof createAnnualPlanActivities>;
