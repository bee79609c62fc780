import type { Db } from './client';
import { seedOrganisation } from './seed';

/** Everything a fresh system needs: the Beibei organisation (and, as they land, calendar years). */
export async function seedAll(db: Db): Promise<Record<string, number>> {
  const org = await seedOrganisation(db);
  return { ...org };
}
