import { serve, type ServerType } from '@hono/node-server';
import type { AppDeps } from './context';
import { createApp } from './app';

/** Listens and resolves once bound; rejects with EADDRINUSE when the port is taken. */
export function startApiServer(
  deps: AppDeps,
  port: number,
  hostname: string,
): Promise<{ server: ServerType; port: number; close(): Promise<void> }> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      resolve({
        server,
        port: info.port,
        close: () => new Promise<void>((res) => server.close(() => res())),
      });
    });
    server.once('error', reject);
  });
}
