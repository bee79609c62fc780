// Production keeps /metrics, /docs and /openapi.json closed by default (issue 20, item 7).
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../api/app';
import { loadEnv } from '../../../config/env';

const production = {
  NODE_ENV: 'production',
  JWT_SECRET: 'p'.repeat(40),
  AGENCY_SECRET: 's'.repeat(20),
  AUDIT_HMAC_KEY: 'k'.repeat(40),
  AUDIT_SM2_PRIVATE_KEY: '1f'.repeat(32),
  LOG_LEVEL: 'silent',
};
const appWith = (vars: Record<string, string>) =>
  createApp({ env: loadEnv(vars), database: { db: {} } as never, temporal: {} as never });

describe('what production exposes', () => {
  it('closes /metrics, /docs and /openapi.json by default, as 404 problem+json with the security headers', async () => {
    const app = appWith(production);
    for (const path of ['/metrics', '/docs', '/docs/assets/swagger-ui.css', '/openapi.json']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('opens /metrics to its bearer token and /docs when DOCS_PUBLIC is set', async () => {
    const app = appWith({ ...production, METRICS_TOKEN: 'm'.repeat(20), DOCS_PUBLIC: 'true' });
    expect((await app.request('/metrics')).status).toBe(404);
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${'x'.repeat(20)}` } })).status).toBe(
      404,
    );
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${'m'.repeat(20)}` } })).status).toBe(
      200,
    );
    expect((await app.request('/openapi.json')).status).toBe(200);
  });

  it('development keeps them open', async () => {
    const app = appWith({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
    expect((await app.request('/metrics')).status).toBe(200);
    expect((await app.request('/openapi.json')).status).toBe(200);
  });
});
