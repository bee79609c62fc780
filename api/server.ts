import { serve, type ServerType } from '@hono/node-server';
import type { AppDeps } from './context';
import { createApp } from './app';
import { configureSealKeys } from '../db/audit-seal';
import { startCheckpointTimer } from '../db/audit-checkpoints';
import { logger } from '../config/logger';

/** Listens and resolves once bound; rejects with EADDRINUSE when the port is taken. */
export function startApiServer(
  deps: AppDeps,
  port: number,
  hostname: string,
): Promise<{ server: ServerType; port: number; close(): Promise<void> }> {
  const app = createApp(deps);
  configureSealKeys(deps.env.AUDIT_HMAC_KEY, deps.env.AUDIT_SM2_PRIVATE_KEY);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      // The audit chain's head is signed (SM2) at intervals, for anchoring outside the database.
      const stopCheckpoints = startCheckpointTimer(deps.database.db, deps.env.AUDIT_CHECKPOINT_MINUTES, (err) =>
        logger.warn({ err }, 'audit checkpoint failed'),
      );
      resolve({
        server,
        port: info.port,
        close: () =>
          new Promise<void>((res) => {
            stopCheckpoints();
            server.close(() => res());
          }),
      });
    });
    server.once('error', reject);
  });
}
