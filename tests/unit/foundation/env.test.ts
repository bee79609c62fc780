import { describe, expect, it } from 'vitest';
import { agencyIds } from '../../../agencies/types';
import { ConfigError, DEV_AGENCY_CREDENTIAL, DEV_AGENCY_SECRET, DEV_JWT_SECRET, loadEnv } from '../../../config/env';
import { DEV_AUDIT_HMAC_KEY, DEV_AUDIT_SM2_PRIVATE_KEY } from '../../../db/audit-seal';

const prod = {
  NODE_ENV: 'production',
  JWT_SECRET: 'p'.repeat(40),
  AUDIT_HMAC_KEY: 'k'.repeat(40),
  AUDIT_SM2_PRIVATE_KEY: '1f'.repeat(32),
};

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
    expect(loadEnv({ ...prod, AGENCY_SECRET: 's'.repeat(20) }).NODE_ENV).toBe('production');
    const each = Object.fromEntries(
      agencyIds.map((id) => [`AGENCY_SECRET_${id.toUpperCase().replaceAll('-', '_')}`, `${id}-secret-0123456789`]),
    );
    expect(loadEnv({ ...prod, ...each }).NODE_ENV).toBe('production');
  });

  it.each([
    [{ DEV_LOGIN: 'true' }, 'DEV_LOGIN'],
    [{ JWT_SECRET: DEV_JWT_SECRET }, 'JWT_SECRET'],
    [{ AGENCY_SECRET: DEV_AGENCY_SECRET }, 'AGENCY_SECRET'],
    [{ AGENCY_CREDENTIAL: DEV_AGENCY_CREDENTIAL }, 'AGENCY_CREDENTIAL'],
    [{ AUDIT_HMAC_KEY: DEV_AUDIT_HMAC_KEY }, 'AUDIT_HMAC_KEY'],
    [{ AUDIT_HMAC_KEY: undefined }, 'AUDIT_HMAC_KEY'],
    [{ AUDIT_SM2_PRIVATE_KEY: DEV_AUDIT_SM2_PRIVATE_KEY.toUpperCase() }, 'AUDIT_SM2_PRIVATE_KEY'],
  ])('production refuses to start unsafe: %o', (vars, name) => {
    const env = { ...prod, AGENCY_SECRET: 's'.repeat(20), ...vars };
    expect(() => loadEnv(env)).toThrow(ConfigError);
    expect(() => loadEnv(env)).toThrow(name);
  });

  it('an unset NODE_ENV is development only on embedded PGlite and loopback; a deployment must say production', () => {
    expect(loadEnv({}).NODE_ENV).toBe('development');
    expect(() => loadEnv({ DATABASE_URL: 'postgres://db.internal/anjian' })).toThrow('NODE_ENV');
    expect(() => loadEnv({ API_HOST: '0.0.0.0' })).toThrow('NODE_ENV');
    expect(loadEnv({ NODE_ENV: 'test', DATABASE_URL: 'postgres://127.0.0.1/x' }).NODE_ENV).toBe('test');
  });
});
