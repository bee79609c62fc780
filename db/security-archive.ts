// Retention (网络安全法 第二十一条: network logs kept no less than six months): exports the audit trail, its signed
// checkpoints and the security events to JSON Lines with a manifest of SM3 digests, for the off-site backup; and
// prunes security events only when they are older than the retention period and have been exported.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, asc, gte, lt } from 'drizzle-orm';
import type { Db } from './client';
import { exportCheckpoints } from './audit-checkpoints';
import { auditLog, securityEvents } from './schema';

/** Six months, counted generously: nothing younger is ever pruned. */
export const RETENTION_DAYS = 183;

export interface ArchiveManifest {
  from: string;
  to: string;
  createdAt: string;
  files: Array<{ name: string; rows: number; sm3: string }>;
}

const sm3 = (text: string) => createHash('sm3').update(text).digest('hex');
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');

/** Writes audit-log.jsonl, security-events.jsonl, audit-checkpoints.json and manifest.json for [from, to). */
export async function archiveSecurityRecords(
  db: Db,
  options: { dir: string; from: Date; to: Date; now?: Date },
): Promise<ArchiveManifest> {
  const from = options.from.toISOString();
  const to = options.to.toISOString();
  await mkdir(options.dir, { recursive: true });
  const audit = await db
    .select()
    .from(auditLog)
    .where(and(gte(auditLog.at, from), lt(auditLog.at, to)))
    .orderBy(asc(auditLog.seq));
  const events = await db
    .select()
    .from(securityEvents)
    .where(and(gte(securityEvents.bucket, from), lt(securityEvents.bucket, to)))
    .orderBy(asc(securityEvents.id));
  const checkpoints = JSON.stringify(await exportCheckpoints(db), null, 2);
  const outputs: Array<[string, string, number]> = [
    ['audit-log.jsonl', jsonl(audit), audit.length],
    ['security-events.jsonl', jsonl(events), events.length],
    ['audit-checkpoints.json', checkpoints, JSON.parse(checkpoints).checkpoints.length],
  ];
  const manifest: ArchiveManifest = {
    from,
    to,
    createdAt: (options.now ?? new Date()).toISOString(),
    files: outputs.map(([name, text, rows]) => ({ name, rows, sm3: sm3(text) })),
  };
  for (const [name, text] of outputs) await writeFile(join(options.dir, name), text);
  await writeFile(join(options.dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/**
 * Deletes security events older than `before`, which must be at least RETENTION_DAYS ago (the audit trail itself
 * is append-only and never pruned). Returns how many aggregated rows went.
 */
export async function pruneSecurityEvents(db: Db, before: Date, now = new Date()): Promise<number> {
  const limit = now.getTime() - RETENTION_DAYS * 86_400_000;
  if (before.getTime() > limit)
    throw new Error(
      `安全事件至少保存 ${RETENTION_DAYS} 天（网络安全法第二十一条），不能删除 ${before.toISOString()} 之后的记录`,
    );
  const deleted = await db
    .delete(securityEvents)
    .where(lt(securityEvents.bucket, before.toISOString()))
    .returning({ id: securityEvents.id });
  return deleted.length;
}
