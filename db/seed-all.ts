import type { Db } from './client';
import { seedOrganisation } from './seed';
import { loadBundledCalendar } from './calendar-store';

/** Everything a fresh system needs: the Beibei organisation and the reviewed calendar years 2016–2026. */
export async function seedAll(db: Db): Promise<Record<string, number>> {
  const org = await seedOrganisation(db);
  const calendarYearsLoaded = await loadBundledCalendar(db);
  return { ...org, calendarYearsLoaded };
}
