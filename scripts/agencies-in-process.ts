import type { Env } from '../config/env';

/** Placeholder until the agency simulator lands: reports where it would run. */
export async function startAgencySimulatorInProcess(env: Env): Promise<{ url: string; close(): Promise<void> }> {
  return { url: `${env.AGENCIES_BASE_URL} (not yet started)`, close: async () => {} };
}
