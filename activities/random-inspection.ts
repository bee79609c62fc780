import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { randomDraws } from '../db/schema';
import type { DrawPublication } from '../workflows/random-inspection/types';

export function createRandomInspectionActivities(deps: { db: Db }) {
  return {
    /** The draw's publication receipts (list and results); the latest state replaces the earlier one. */
    async recordDrawPublication(input: { drawId: string; publication: DrawPublication }): Promise<void> {
      await deps.db.update(randomDraws).set({ publication: input.publication }).where(eq(randomDraws.id, input.drawId));
    },
  };
}

export type RandomInspectionActivities = ReturnType<typeof createRandomInspectionActivities>;
