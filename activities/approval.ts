import { and, arrayOverlaps, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit, type AuditEntry } from '../db/audit-trail';
import { taskRowId } from '../db/task-ids';
import { substitutes, tasks, users } from '../db/schema';
import { versionedUpsert } from '../db/versioned-upsert';
import { closeEscalationTasks, queueNotifications } from './notifications/queue';
import { activeSlots } from '../domain/approval-slots';
import type { CaseRef, ParticipantSpec, Slot, StepState } from '../workflows/approval/types';

export type SlotSeed = Pick<
  Slot,
  'assigneeId' | 'assigneeName' | 'assigneeDepartmentId' | 'actingForId' | 'actingForName'
>;

export interface NotificationRequest {
  key: string;
  recipientId: string;
  template: string;
  params: Record<string, string>;
}

export function createApprovalActivities(deps: { db: Db; deliverNotifications?: boolean }) {
  const { db } = deps;
  return {
    /**
     * Participants when a step opens: the listed users, or everyone active holding a role in the department;
     * a user away on that date is replaced by their substitute (代理), recorded as acting for them.
     */
    async resolveParticipants(input: {
      spec: ParticipantSpec;
      caseDepartmentId: string;
      onDate: string;
    }): Promise<SlotSeed[]> {
      const { spec } = input;
      const departmentId = spec.departmentId ?? input.caseDepartmentId;
      const rows = spec.userIds?.length
        ? await db
            .select()
            .from(users)
            .where(and(inArray(users.id, spec.userIds), eq(users.active, true)))
        : await db
            .select()
            .from(users)
            .where(
              and(eq(users.departmentId, departmentId), eq(users.active, true), arrayOverlaps(users.roles, spec.roles)),
            )
            .orderBy(users.id);
      const ordered = spec.userIds?.length
        ? spec.userIds.map((id) => rows.find((r) => r.id === id)).filter((r) => r !== undefined)
        : rows;
      if (ordered.length === 0) throw new Error(`no active user holds ${spec.roles.join('/')} in ${departmentId}`);
      const away = await db
        .select({
          userId: substitutes.userId,
          substituteId: substitutes.substituteId,
          name: users.name,
          departmentId: users.departmentId,
        })
        .from(substitutes)
        .innerJoin(users, eq(users.id, substitutes.substituteId))
        .where(
          and(
            inArray(
              substitutes.userId,
              ordered.map((u) => u.id),
            ),
            lte(substitutes.fromDate, input.onDate),
            gte(substitutes.toDate, input.onDate),
          ),
        );
      return ordered.map((u) => {
        const sub = away.find((a) => a.userId === u.id);
        return sub
          ? {
              assigneeId: sub.substituteId,
              assigneeName: sub.name,
              assigneeDepartmentId: sub.departmentId,
              actingForId: u.id,
              actingForName: u.name,
            }
          : { assigneeId: u.id, assigneeName: u.name, assigneeDepartmentId: u.departmentId };
      });
    },

    /** Upserts one task per slot; a row is only overwritten by a newer version of the step. */
    async syncStepTasks(input: { caseRef: CaseRef; step: StepState }): Promise<void> {
      const { caseRef, step } = input;
      const active = new Set(activeSlots(step).map((s) => s.slotId));
      const rows = step.slots.map((slot) => ({
        id: taskRowId(`${caseRef.workflowId}/${slot.slotId}`),
        workflowId: caseRef.workflowId,
        workflowKind: caseRef.workflowKind,
        caseId: caseRef.caseId,
        caseTitle: caseRef.caseTitle,
        caseDepartmentId: caseRef.departmentId,
        kind: 'approval' as const,
        stepId: step.stepId,
        stepInstance: step.instanceId,
        stepName: step.name,
        mode: step.mode,
        assigneeId: slot.assigneeId,
        assigneeDepartmentId: slot.assigneeDepartmentId,
        actingForId: slot.actingForId ?? null,
        status:
          slot.status === 'pending'
            ? active.has(slot.slotId)
              ? ('open' as const)
              : ('waiting' as const)
            : slot.status === 'cancelled' || slot.status === 'transferred'
              ? ('cancelled' as const)
              : ('done' as const),
        outcome: slot.status === 'pending' ? null : slot.status,
        legalBasis: step.legalBasis ?? null,
        dueDate: step.dueDate,
        dueAt: step.dueAt,
        provisional: step.provisional,
        overdue: step.overdue,
        detail: {
          initiatorId: caseRef.initiatorId,
          addedBy: slot.addedBy ?? null,
          actingForName: slot.actingForName ?? null,
        },
        openedAt: step.openedAt,
        closedAt: slot.decidedAt ?? null,
        version: step.version,
      }));
      if (rows.length === 0) return;
      await db
        .insert(tasks)
        .values(rows)
        .onConflictDoUpdate(
          versionedUpsert(tasks, tasks.id, [
            'status',
            'outcome',
            'dueDate',
            'dueAt',
            'provisional',
            'overdue',
            'closedAt',
            'detail',
          ]),
        );
      // A decided step ends the escalation tasks its lateness opened (the 安委办's 逾期督办).
      if (step.outcome) await closeEscalationTasks(db, caseRef.workflowId, step.instanceId);
    },

    /** The initiator's task to revise and resubmit after a return (退回). */
    async syncRevisionTask(input: {
      caseRef: CaseRef;
      open: boolean;
      since: string;
      comment: string;
      returnedBy: string;
      version: number;
    }): Promise<void> {
      const { caseRef } = input;
      const [initiator] = await db.select().from(users).where(eq(users.id, caseRef.initiatorId)).limit(1);
      const id = taskRowId(`${caseRef.workflowId}/revision/${input.since}`);
      await db
        .insert(tasks)
        .values({
          id,
          workflowId: caseRef.workflowId,
          workflowKind: caseRef.workflowKind,
          caseId: caseRef.caseId,
          caseTitle: caseRef.caseTitle,
          caseDepartmentId: caseRef.departmentId,
          kind: 'revision',
          stepId: 'initiator',
          stepInstance: `initiator@${input.since}`,
          stepName: '修改后重新提交',
          assigneeId: caseRef.initiatorId,
          assigneeDepartmentId: initiator?.departmentId ?? caseRef.departmentId,
          status: input.open ? 'open' : 'done',
          outcome: input.open ? null : 'resubmitted',
          detail: { returnedBy: input.returnedBy, comment: input.comment },
          openedAt: input.since,
          closedAt: input.open ? null : new Date().toISOString(),
          version: input.version,
        })
        .onConflictDoUpdate(versionedUpsert(tasks, tasks.id, ['status', 'outcome', 'closedAt']));
    },

    async recordAuditEvents(entries: Array<AuditEntry & { dedupeKey: string }>): Promise<void> {
      for (const entry of entries) await appendAudit(db, entry);
    },

    /**
     * Queued in the outbox (the key makes a reminder for the same step and moment unique), shown in the
     * recipient's notification centre and handed to its delivery workflow (see activities/notifications/).
     */
    async sendNotifications(items: NotificationRequest[]): Promise<void> {
      await queueNotifications(db, items, { deliver: deps.deliverNotifications ?? false });
    },
  };
}

export type ApprovalActivities = ReturnType<typeof createApprovalActivities>;
