// `npm run calendar:load -- FILE`: loads one year's holiday notice (same validation and audit as the API),
// then gives the new calendar to running workflows so provisional deadlines are recomputed.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { loadEnv } from '../config/env';
import { currentCalendarSnapshot, loadCalendarYear } from '../db/calendar-store';
import { migrateDatabase, openDatabase } from '../db/client';
import { connectClient } from '../temporal/connection';
import { propagateCalendar } from '../temporal/calendar-propagation';

const file = process.argv[2];
if (!file) {
  console.error('用法: npm run calendar:load -- <年度日历文件.json>');
  process.exit(2);
}
const env = loadEnv();
const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  await migrateDatabase(database);
  // Raw text, so an error names its line.
  const result = await loadCalendarYear(database.db, readFileSync(file, 'utf8'), `cli:${userInfo().username}`);
  if (!result.ok) {
    console.error(`日历文件有误，未载入（原版本继续有效）:`);
    for (const e of result.errors)
      console.error(`  ${e.line ? `第${e.line}行 ` : ''}${e.path}: ${e.message} [${e.rule}]`);
    process.exitCode = 1;
  } else {
    console.log(
      result.unchanged
        ? `${result.year} 年日历与现行版本 ${result.version} 相同，未作更改`
        : `已载入 ${result.year} 年日历，版本 ${result.version}`,
    );
    try {
      const { client, connection } = await connectClient(env);
      const notified = await propagateCalendar(client, await currentCalendarSnapshot(database.db));
      await connection.close();
      console.log(`已通知 ${notified} 个运行中的工作流重新计算暂定期限`);
    } catch (err) {
      console.error(
        `无法连接 Temporal (${(err as Error).message}): 请在 Temporal 可用时通过 POST /api/calendar/years 重新载入同一文件以通知运行中的工作流`,
      );
      process.exitCode = 1;
    }
  }
} finally {
  await database.close();
}
