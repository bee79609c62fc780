import { z } from 'zod';
import { agencyIds } from '../agencies/types';

// Every setting comes from the environment; a bad value stops start-up naming the variable.
const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default('.data/pglite'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d+$/, '应为 host:port 形式')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('anjian-flow'),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_TLS_CA: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_UI_PORT: port.default(8233),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(3000),
  PUBLIC_BASE_URL: z.string().url().optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET 至少 32 个字符').optional(),
  JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().default('anjian-flow'),
  JWT_AUDIENCE: z.string().default('anjian-flow'),
  DEV_LOGIN: flag.optional(),
  AGENCIES_BASE_URL: z.string().url().default('http://127.0.0.1:4100'),
  AGENCIES_PORT: port.default(4100),
  AGENCY_SECRET: z.string().min(16, 'AGENCY_SECRET 至少 16 个字符').optional(),
  AGENCY_CREDENTIAL: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_METRICS_BIND: z
    .string()
    .regex(/^[^:\s]+:\d+$/, '应为 host:port 形式')
    .optional(),
  WORKER_METRICS_URL: z.string().url().optional(),
  WORKFLOW_BUNDLE: z.string().optional(),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).optional(),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).optional(),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and cross-checks the environment; throws ConfigError naming each bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`环境变量无效 (invalid environment):\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET && !env.JWKS_URL) {
    throw new ConfigError(
      '环境变量无效: 生产环境必须设置 JWT_SECRET 或 JWKS_URL (JWT_SECRET or JWKS_URL is required in production)',
    );
  }
  if (env.NODE_ENV === 'production' && !env.AGENCY_SECRET && !agencySecretEach(cleaned)) {
    // Otherwise callbacks would be accepted when signed with the development secret, which is in the source.
    throw new ConfigError(
      '环境变量无效: 生产环境必须设置 AGENCY_SECRET（或为每个外部机构设置 AGENCY_SECRET_<机构>） (AGENCY_SECRET is required in production)',
    );
  }
  if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
    throw new ConfigError('环境变量无效: TEMPORAL_TLS_CERT 与 TEMPORAL_TLS_KEY 必须同时设置');
  }
  return env;
}

// Every agency's own secret set (AGENCY_SECRET_COURT, …, as agencies/config.ts reads them): no shared one needed.
const agencySecretEach = (source: Record<string, string | undefined>) =>
  agencyIds.every((id) => (source[`AGENCY_SECRET_${id.toUpperCase().replaceAll('-', '_')}`] ?? '').length >= 16);

/** Development defaults for secrets; production must set them (checked in loadEnv). */
export const DEV_JWT_SECRET = 'anjian-flow-development-secret-do-not-use-in-production';
export const DEV_AGENCY_SECRET = 'anjian-agency-dev-secret';
export const DEV_AGENCY_CREDENTIAL = 'anjian-agency-dev-credential';

export function jwtSecretOf(env: Env): string {
  return env.JWT_SECRET ?? DEV_JWT_SECRET;
}

export function devLoginEnabled(env: Env): boolean {
  return env.DEV_LOGIN ?? env.NODE_ENV !== 'production';
}
