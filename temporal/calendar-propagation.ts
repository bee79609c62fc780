import type { Client } from '@temporalio/client';
import type { CalendarSnapshot } from '../domain/calendar';
import { calendarChangedSignal } from '../workflows/approval/messages';
import { logger } from '../config/logger';

/**
 * After a new year is loaded, every running case gets the new calendar; a workflow holding a
 * provisional deadline recomputes it and moves its timers, the others ignore it. Deadlines already
 * met are never recomputed. Listing uses the visibility store, so it works on a cluster as on the dev server.
 */
// Workflows that open no approval step (the engine handles the signal) and count no statutory period of their own.
const countsNoPeriods = new Set(['deepHealthWorkflow', 'planCycleWorkflow', 'randomInspectionWorkflow']);

export async function propagateCalendar(client: Client, snapshot: CalendarSnapshot): Promise<number> {
  let notified = 0;
  for await (const wf of client.workflow.list({ query: 'ExecutionStatus = "Running"' })) {
    if (countsNoPeriods.has(wf.type)) continue;
    try {
      await client.workflow.getHandle(wf.workflowId, wf.runId).signal(calendarChangedSignal, snapshot);
      notified++;
    } catch (err) {
      logger.warn({ workflowId: wf.workflowId, err: (err as Error).message }, 'calendar signal not delivered');
    }
  }
  return notified;
}
