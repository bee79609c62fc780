// Monthly retention job: exports the previous month's audit trail, checkpoints and security events for the
// off-site backup (README "Security"), then prunes security events older than the retention period when asked.
//   npm run archive:security -- --month 2026-11 --dir /backup/anjian/2026-11 [--prune]
import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env';
import { archiveSecurityRecords, pruneSecurityEvents, RETENTION_DAYS } from '../db/security-archive';
import { openDatabase } from '../db/client';
import { configureSealKeys } from '../db/audit-seal';

const { values } = parseArgs({
  options: { month: { type: 'string' }, dir: { type: 'string' }, prune: { type: 'boolean', default: false } },
});
const now = new Date();
const month =
  values.month ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
if (!/^\d{4}-\d{2}$/.test(month)) throw new Error('--month 应为 YYYY-MM');
const [y, m] = month.split('-').map(Number) as [number, number];
// Months in Asia/Shanghai (UTC+8, no daylight saving).
const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3600_000);
const to = new Date(Date.UTC(y, m, 1) - 8 * 3600_000);
const dir = values.dir ?? `archive/${month}`;

const env = loadEnv();
configureSealKeys(env.AUDIT_HMAC_KEY, env.AUDIT_SM2_PRIVATE_KEY);
const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  const manifest = await archiveSecurityRecords(database.db, { dir, from, to });
  console.log(JSON.stringify(manifest, null, 2));
  if (values.prune) {
    const before = new Date(now.getTime() - RETENTION_DAYS * 86_400_000);
    console.log(
      `pruned ${await pruneSecurityEvents(database.db, before, now)} security event rows ` +
        `before ${before.toISOString()}`,
    );
  }
} finally {
  await database.close();
}
