import { ConfigError } from '../../config/env';
import { runUntilSignal } from '../../config/lifecycle';
import { logger } from '../../config/logger';
import { readSimulatorEnv } from './env';
import { startSimulatorServer } from './server';

// `npm run agencies`: the stand-in for every outside agency, for development and tests.
await runUntilSignal('agencies', async () => {
  const { port, hostname, options } = readSimulatorEnv();
  const log = logger.child({ component: 'agencies' });
  const running = await startSimulatorServer({ ...options, log: (line) => log.warn(line) }, port, hostname).catch(
    (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new ConfigError(`端口 ${port} 已被占用：请先停止占用它的进程，或用 AGENCIES_PORT 指定其他端口`);
    },
  );
  log.info(
    { url: running.url, callbacks: `${options.callbackBaseUrl}/api/callbacks/:agency` },
    `机构模拟服务已就绪：${running.url}`,
  );
  return () => running.close();
});
