import { serve, type ServerType } from '@hono/node-server';
import { createSimulator, type Simulator, type SimulatorOptions } from './create-simulator';

export interface RunningSimulator {
  simulator: Simulator;
  server: ServerType;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Listens and resolves once bound (port 0 picks a free one); rejects with EADDRINUSE when the port is taken. */
export function startSimulatorServer(
  options: SimulatorOptions,
  port: number,
  hostname = '127.0.0.1',
): Promise<RunningSimulator> {
  const simulator = createSimulator(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: simulator.app.fetch, port, hostname }, (info) => {
      resolve({
        simulator,
        server,
        port: info.port,
        url: `http://${hostname}:${info.port}`,
        async close() {
          // Release hanging requests first, or server.close() would wait for them.
          await simulator.close();
          await new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          });
        },
      });
    });
    server.once('error', reject);
  });
}
