import { describe, expect, it } from 'vitest';
import { agencyIds } from '../../../agencies/types';
import { ConfigError, loadEnv } from '../../../config/env';

describe('configuration from the environment', () => {
  it('uses documented defaults for development', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'anjian-flow',
      API_PORT: 3000,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ API_PORT: 'abc' }, 'API_PORT'],
    [{ API_PORT: '70000' }, 'API_PORT'],
    [{ TEMPORAL_ADDRESS: 'no-port' }, 'TEMPORAL_ADDRESS'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) }, 'AGENCY_SECRET'],
    [{ TEMPORAL_TLS_CERT: '/etc/cert.pem' }, 'TEMPORAL_TLS_KEY'],
  ])('stops with a message naming the variable for %o', (vars, name) => {
    expect(() => loadEnv(vars)).toThrow(ConfigError);
    expect(() => loadEnv(vars)).toThrow(name);
  });

  it('starts in production with the secrets set, shared or one per agency', () => {
    expect(
      loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), AGENCY_SECRET: 's'.repeat(20) }).NODE_ENV,
    ).toBe('production');
    const each = Object.fromEntries(
      agencyIds.map((id) => [`AGENCY_SECRET_${id.toUpperCase().replaceAll('-', '_')}`, `${id}-secret-0123456789`]),
    );
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), ...each }).NODE_ENV).toBe('production');
  });
});
