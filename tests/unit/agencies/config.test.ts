import { describe, expect, it } from 'vitest';
import { gatewayConfigFromEnv, perAgency } from '../../../agencies/config';
import { readSimulatorEnv } from '../../../agencies/simulator/env';

describe('agency settings from the environment', () => {
  it('gives every agency the shared secret unless it has its own', () => {
    const secrets = perAgency(
      { AGENCY_SECRET: 'shared-secret-0123456789', AGENCY_SECRET_PUBLIC_SECURITY: 'police-secret-0123456789' },
      'AGENCY_SECRET',
      'dev',
    );
    expect(secrets.court).toBe('shared-secret-0123456789');
    expect(secrets['public-security']).toBe('police-secret-0123456789');
  });

  it('starts the simulator with development defaults', () => {
    const settings = readSimulatorEnv({});
    expect(settings).toMatchObject({
      port: 4100,
      hostname: '127.0.0.1',
      options: { callbackBaseUrl: 'http://127.0.0.1:3000', defaultDelayMs: 1_000, statutoryMode: false, manual: [] },
    });
    expect(settings.options.secrets.court).toBe('anjian-agency-dev-secret');
  });

  it('stops with a message naming a bad variable', () => {
    expect(() => readSimulatorEnv({ AGENCIES_PORT: '99999' })).toThrow('AGENCIES_PORT');
    expect(() => readSimulatorEnv({ AGENCIES_MANUAL: 'court,tax-office' })).toThrow('tax-office');
  });

  it('points the gateway at the simulator, each agency under its own path', () => {
    const config = gatewayConfigFromEnv({
      AGENCIES_BASE_URL: 'http://agencies:4100/',
      AGENCY_BASE_URL_COURT: 'https://court.example/api',
      AGENCY_TIMEOUT_MS: '5000',
    });
    expect(config['public-security']).toEqual({
      baseUrl: 'http://agencies:4100/public-security',
      credential: 'anjian-agency-dev-credential',
      timeoutMs: 5000,
    });
    expect(config.court.baseUrl).toBe('https://court.example/api');
  });
});
