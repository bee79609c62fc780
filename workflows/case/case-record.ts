// The workflow's report of its case: stage, statutory deadlines (met or missed), summary; synced to the
// cases projection by an idempotent activity and exposed as a query. Workflow code: no I/O.
import {
  defineQuery,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../../activities/cases';
import { CaseStage, NextDeadline } from '../../temporal/search-attributes';
import type { CaseDeadline, CaseSnapshot } from './types';

const remote = proxyActivities<CaseActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});
const local = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});

/**
 * Patch 'case-record-local-sync' (2026-11): the projection is written by a local activity; older runs replay as
 * recorded.
 */
const syncCase = (snapshot: CaseSnapshot) => (patched('case-record-local-sync') ? local : remote).syncCase(snapshot);

export const caseStateQuery = defineQuery<CaseSnapshot>('case.state');

export class CaseRecord {
  private snapshot: CaseSnapshot;

  constructor(
    init: Pick<CaseSnapshot, 'kind' | 'caseNumber' | 'title' | 'departmentId' | 'stage' | 'stageLabel'> & {
      summary?: Record<string, unknown>;
    },
  ) {
    this.snapshot = {
      ...init,
      workflowId: workflowInfo().workflowId,
      status: 'open',
      summary: init.summary ?? {},
      openedAt: new Date(Date.now()).toISOString(),
      deadlines: [],
      version: 0,
    };
    setHandler(caseStateQuery, () => this.snapshot);
  }

  get view(): CaseSnapshot {
    return this.snapshot;
  }

  stage(stage: string, stageLabel: string): this {
    Object.assign(this.snapshot, { stage, stageLabel });
    return this;
  }

  summarise(fields: Record<string, unknown>): this {
    this.snapshot.summary = { ...this.snapshot.summary, ...fields };
    return this;
  }

  /** Adds or replaces a deadline by key (a recomputed provisional deadline keeps its key). */
  deadline(d: Omit<CaseDeadline, 'status'> & { status?: CaseDeadline['status'] }): this {
    const entry: CaseDeadline = { status: 'pending', ...d };
    const i = this.snapshot.deadlines.findIndex((x) => x.key === d.key);
    if (i >= 0) this.snapshot.deadlines[i] = entry;
    else this.snapshot.deadlines.push(entry);
    return this;
  }

  /** Met when the act happened by the end of the due day (Asia/Shanghai); otherwise missed. */
  settleDeadline(key: string, at: number = Date.now()): this {
    const d = this.snapshot.deadlines.find((x) => x.key === key);
    if (d && d.status === 'pending') {
      const endOfDue = Date.parse(`${d.dueDate}T23:59:59.999+08:00`);
      Object.assign(d, { status: at <= endOfDue ? 'met' : 'missed', metAt: new Date(at).toISOString() });
    }
    return this;
  }

  markMissed(key: string): this {
    const d = this.snapshot.deadlines.find((x) => x.key === key);
    if (d && d.status === 'pending') d.status = 'missed';
    return this;
  }

  cancelDeadline(key: string): this {
    const d = this.snapshot.deadlines.find((x) => x.key === key);
    if (d && d.status === 'pending') d.status = 'cancelled';
    return this;
  }

  close(outcome: string, stageLabel = '已办结'): this {
    for (const d of this.snapshot.deadlines) if (d.status === 'pending') d.status = 'cancelled';
    Object.assign(this.snapshot, {
      status: 'closed',
      outcome,
      stage: 'closed',
      stageLabel,
      closedAt: new Date(Date.now()).toISOString(),
    });
    return this;
  }

  /** Writes the projection and the search attributes; call after each change worth showing. */
  async sync(): Promise<void> {
    this.snapshot.version++;
    const next = this.snapshot.deadlines
      .filter((d) => d.status === 'pending')
      .map((d) => d.dueDate)
      .sort()[0];
    upsertSearchAttributes([
      { key: CaseStage, value: this.snapshot.stage },
      ...(next
        ? [{ key: NextDeadline, value: new Date(`${next}T23:59:59+08:00`) }]
        : [{ key: NextDeadline, value: null }]),
    ]);
    await syncCase(this.snapshot);
  }
}
