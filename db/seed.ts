import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { departments, users } from './schema';
import { seedDepartments, seedUsers } from './seed-data';

/** Idempotent: re-running refreshes names and roles without duplicating anything. */
export async function seedOrganisation(db: Db): Promise<{ departments: number; users: number }> {
  await db.transaction(async (tx) => {
    await tx
      .insert(departments)
      .values(seedDepartments.map((d) => ({ ...d })))
      .onConflictDoUpdate({
        target: departments.id,
        set: {
          name: sql`excluded.name`,
          kind: sql`excluded.kind`,
          supervisoryDomain: sql`excluded.supervisory_domain`,
          hasSupervisoryDuty: sql`excluded.has_supervisory_duty`,
        },
      });
    await tx
      .insert(users)
      .values(seedUsers)
      .onConflictDoUpdate({
        target: users.id,
        set: {
          name: sql`excluded.name`,
          departmentId: sql`excluded.department_id`,
          roles: sql`excluded.roles`,
          title: sql`excluded.title`,
        },
      });
  });
  return { departments: seedDepartments.length, users: seedUsers.length };
}
