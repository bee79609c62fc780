// Who may keep the registers: the administrator everything; a department head their own unit's people and
// enterprises; anyone else is refused (403) and the refusal is audited.
import type { Db } from '../../db/client';
import { appendAudit } from '../../db/audit-trail';
import type { Actor } from '../../workflows/approval/types';
import { actorOf } from '../actor';
import type { AuthUser } from '../context';
import { HttpProblem } from '../problem';

export const isAdmin = (actor: Actor) => actor.roles.includes('admin');

/** The actor, read afresh from the users table (roles as they are now). */
export async function registerActor(db: Db, user: AuthUser): Promise<Actor> {
  return actorOf(db, user);
}

/** Whether the actor may change records of `unitId` (undefined: only the administrator). */
export function mayKeep(actor: Actor, unitId: string | undefined): boolean {
  if (isAdmin(actor)) return true;
  return unitId !== undefined && actor.roles.includes('department-head') && actor.departmentId === unitId;
}

export async function requireKeeper(db: Db, actor: Actor, unitId: string | undefined, action: string): Promise<void> {
  if (mayKeep(actor, unitId)) return;
  const reason =
    unitId === undefined ? '此操作需要系统管理员角色' : `只有系统管理员或单位 ${unitId} 的负责人可以维护该单位的主数据`;
  await appendAudit(db, {
    actor: actor.id,
    action,
    outcome: 'denied',
    comment: reason,
    detail: { unitId: unitId ?? null },
  });
  throw HttpProblem.forbidden(reason);
}

/** The administrator sees every unit; a head only their own; anyone else nothing (403, audited). */
export async function readableUnits(db: Db, actor: Actor, action: string): Promise<string[] | 'all'> {
  if (isAdmin(actor)) return 'all';
  if (actor.roles.includes('department-head')) return [actor.departmentId];
  await requireKeeper(db, actor, undefined, action);
  return [];
}
