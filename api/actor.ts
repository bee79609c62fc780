import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { Actor } from '../workflows/approval/types';
import type { AuthUser } from './context';
import { HttpProblem } from './problem';

/** The signed-in user as the workflows record an actor, read afresh: a deactivated user acts no more (403). */
export async function actorOf(db: Db, user: AuthUser): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.id, user.id)).limit(1);
  if (!u || !u.active) throw HttpProblem.forbidden(`用户 ${user.id} 不存在或已停用`);
  return { id: u.id, name: u.name, departmentId: u.departmentId, roles: u.roles };
}
