// The harness of the SIGKILL tests: a system on its own database whose worker is a child process,
// a killer that kills it at random moments, and clients that keep retrying with the same request id.
import { migrateDatabase, openDatabase } from '../../db/client';
import { seedAll } from '../../db/seed-all';
import { createTestDatabase } from './postgres';
import { startSystem, type RunningSystem } from './system';
import { buildBundle, kill, spawnWorker, type WorkerProcess } from './worker-process';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** When the drivers of a test give up; cancelled as soon as one of them fails, so the others stop too. */
export class Deadline {
  private at: number;
  constructor(ms: number) {
    this.at = Date.now() + ms;
  }
  get open(): boolean {
    return Date.now() < this.at;
  }
  cancel(): void {
    this.at = 0;
  }
  /** Runs the drivers together; the first failure stops the rest. */
  async all<T extends readonly unknown[]>(drivers: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
    return Promise.all(
      drivers.map((d) =>
        d.catch((e: unknown) => {
          this.cancel();
          throw e;
        }),
      ),
    ) as unknown as Promise<T>;
  }
}

export interface KillableSystem {
  system: RunningSystem;
  tokens: Record<string, string>;
  /** Starts the worker unless one is running. */
  ensureWorker(): void;
  /**
   * Kills the worker 1.5–5 s after each start, `maxKills` times, then lets it live so the test converges
   * even on a slow machine where one workflow task outlasts a worker's short life.
   */
  startKiller(maxKills: number): { kills: () => number; stop: () => Promise<void> };
  close(): Promise<void>;
}

export async function startKillableSystem(userIds: string[]): Promise<KillableSystem> {
  // Its own database: the cases made here must not meet the other files' expectations (e.g. one entrustment per unit).
  const created = await createTestDatabase('anjian_faults');
  const db = await openDatabase({ url: created.url, maxConnections: 2 });
  await migrateDatabase(db);
  await seedAll(db.db);
  await db.close();
  const system = await startSystem({ DATABASE_URL: created.url }, { worker: false });
  const bundle = await buildBundle();
  const tokens: Record<string, string> = {};
  for (const id of userIds) tokens[id] = await system.login(id);
  let worker: WorkerProcess | undefined;
  const rng = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

  return {
    system,
    tokens,
    ensureWorker() {
      if (!worker || worker.child.exitCode !== null || worker.child.signalCode !== null)
        worker = spawnWorker(system, bundle);
    },
    startKiller(maxKills) {
      let kills = 0;
      let stop = false;
      const loop = (async () => {
        while (!stop && kills < maxKills) {
          await worker!.ready.catch(() => {});
          await sleep(rng(1500, 5000));
          if (stop) break;
          await kill(worker!.child);
          kills++;
          await sleep(rng(50, 400));
          worker = spawnWorker(system, bundle);
        }
      })();
      return {
        kills: () => kills,
        stop: async () => {
          stop = true;
          await loop;
        },
      };
    },
    async close() {
      if (worker) await kill(worker.child);
      await system?.stop();
      await created.drop();
    },
  };
}

/** Polls until `probe` returns a value; `what` names it in the failure. */
export async function until<T>(what: string, deadline: Deadline, probe: () => Promise<T | undefined>): Promise<T> {
  while (deadline.open) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await sleep(250);
  }
  throw new Error(`never: ${what}`);
}

/**
 * Sends one request again and again, same body and request id, until it is decided (2xx or 409);
 * a dying worker makes the API answer 503 or the connection drop meanwhile.
 */
export async function sendUntilDecided(
  system: RunningSystem,
  what: string,
  deadline: Deadline,
  method: string,
  path: string,
  token: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: any }> {
  while (deadline.open) {
    const res = await system.http(method, path, { token, body }).catch(() => ({ status: 599, body: undefined }));
    if ((res.status >= 200 && res.status < 300) || res.status === 409) return res;
    if (res.status < 500) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    await sleep(200);
  }
  throw new Error(`${what}: not decided in time`);
}

/** Approves the user's open approval task on `caseId` from the inbox, retrying with one request id. */
export async function approveWhenAssigned(
  k: KillableSystem,
  caseId: string,
  userId: string,
  requestId: string,
  deadline: Deadline,
): Promise<void> {
  let sentTo: string | undefined;
  while (deadline.open) {
    const inbox = await k.system
      .http('GET', '/api/tasks?view=mine&pageSize=200', { token: k.tokens[userId] })
      .catch(() => undefined);
    const open =
      inbox?.status === 200 ? (inbox.body.items as Array<{ id: string; caseId: string; kind: string }>) : undefined;
    // A decision whose answer was lost to a dying worker may still have landed: the task has left the inbox.
    if (sentTo && open && !open.some((t) => t.id === sentTo)) return;
    const task = open?.find((t) => t.caseId === caseId && t.kind === 'approval');
    if (task) {
      sentTo = task.id;
      const res = await k.system
        .http('POST', `/api/tasks/${task.id}/actions`, {
          token: k.tokens[userId],
          body: { action: 'approve', requestId, comment: '同意' },
        })
        .catch(() => ({ status: 599, body: undefined }));
      if (res.status === 200 || res.status === 409) return;
      if (res.status < 500) throw new Error(`${userId} on ${caseId}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    await sleep(150);
  }
  throw new Error(`${userId} could not approve ${caseId} in time`);
}

/** Waits until the killer has killed at least `n` times (or has stopped short of it). */
export async function afterKills(killer: { kills: () => number }, n: number, deadline: Deadline): Promise<void> {
  while (killer.kills() < n && deadline.open) await sleep(100);
}
