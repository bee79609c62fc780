import type { Env } from '../config/env';
import { readSimulatorEnv, startSimulatorServer } from '../agencies/simulator';

/** In development `npm start` runs the agency simulator beside the API; callbacks come back to the API. */
export async function startAgencySimulatorInProcess(env: Env): Promise<{ url: string; close(): Promise<void> }> {
  const settings = readSimulatorEnv({ ...process.env, AGENCIES_PORT: String(env.AGENCIES_PORT) });
  const callbackBaseUrl = process.env.CALLBACK_BASE_URL ?? `http://${env.API_HOST}:${env.API_PORT}`;
  const running = await startSimulatorServer(
    { ...settings.options, callbackBaseUrl },
    env.AGENCIES_PORT,
    settings.hostname,
  );
  return { url: running.url, close: () => running.close() };
}
