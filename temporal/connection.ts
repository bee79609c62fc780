import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import type { TLSConfig } from '@temporalio/client';
import type { Env } from '../config/env';

type TemporalSettings = Pick<
  Env,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_TLS_CERT'
  | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_CA'
  | 'TEMPORAL_TLS_SERVER_NAME'
>;

/** mTLS for a real cluster: certificate and key paths from the environment; none for the dev server. */
export function tlsFromEnv(env: TemporalSettings): TLSConfig | undefined {
  if (!env.TEMPORAL_TLS_CERT || !env.TEMPORAL_TLS_KEY) return undefined;
  return {
    serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME,
    serverRootCACertificate: env.TEMPORAL_TLS_CA ? readFileSync(env.TEMPORAL_TLS_CA) : undefined,
    clientCertPair: { crt: readFileSync(env.TEMPORAL_TLS_CERT), key: readFileSync(env.TEMPORAL_TLS_KEY) },
  };
}

export async function connectClient(env: TemporalSettings): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({
    address: env.TEMPORAL_ADDRESS,
    tls: tlsFromEnv(env),
    connectTimeout: '10s',
  });
  return { client: new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }), connection };
}
