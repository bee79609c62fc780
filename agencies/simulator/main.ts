import { serve } from '@hono/node-server';
import { createSimulator } from './create-simulator';
import { readSimulatorEnv } from './env';

// `npm run agencies`: the stand-in for every outside agency, for development and tests.
let settings;
try {
  settings = readSimulatorEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const { port, hostname, options } = settings;
const simulator = createSimulator({ ...options, log: (line) => console.log(`[agencies] ${line}`) });

const server = serve({ fetch: simulator.app.fetch, port, hostname }, (info) => {
  console.log(
    `[agencies] 机构模拟服务已就绪：http://${hostname}:${info.port}，回调发往 ${options.callbackBaseUrl}/api/callbacks/:agency`,
  );
});

server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`[agencies] 端口 ${port} 已被占用：请先停止占用它的进程，或用 AGENCIES_PORT 指定其他端口`);
  } else {
    console.error(`[agencies] 启动失败：${error.message}`);
  }
  process.exit(1);
});

async function shutdown() {
  await simulator.close();
  server.close(() => process.exit(0));
  if ('closeAllConnections' in server) server.closeAllConnections();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
