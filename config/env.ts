import { z } from 'zod';
import { agencyIds } from '../agencies/types';
import { DEV_AUDIT_HMAC_KEY, DEV_AUDIT_SM2_PRIVATE_KEY } from '../db/audit-seal';

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
  /** 等保 audit integrity: the HMAC-SM3 key of the audit chain, held outside the database. */
  AUDIT_HMAC_KEY: z.string().min(32, 'AUDIT_HMAC_KEY 至少 32 个字符').optional(),
  /** The SM2 private key (64 hex digits) signing checkpoints of the audit chain's head. */
  AUDIT_SM2_PRIVATE_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'AUDIT_SM2_PRIVATE_KEY 应为 64 位十六进制 SM2 私钥')
    .optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** Production: /docs and /openapi.json are closed unless set; /metrics needs METRICS_TOKEN as a bearer token. */
  DOCS_PUBLIC: flag.optional(),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN 至少 16 个字符').optional(),
  /** Failed authentications per client and minute before 429. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Behind a reverse proxy: the client is the last X-Forwarded-For hop (rate limits, security events). */
  TRUST_PROXY: flag.optional(),
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
  if (!cleaned.NODE_ENV && !looksLikeDevelopment(env)) {
    // A deployment that forgot NODE_ENV would otherwise run with development logins and secrets.
    throw new ConfigError(
      '环境变量无效: NODE_ENV 未设置，而 DATABASE_URL 或非本机 API_HOST 表明这不是开发环境；请设置 NODE_ENV=production (NODE_ENV is ' +
        'required outside development)',
    );
  }
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
  if (env.NODE_ENV === 'production') refuseUnsafeProduction(env);
  if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
    throw new ConfigError('环境变量无效: TEMPORAL_TLS_CERT 与 TEMPORAL_TLS_KEY 必须同时设置');
  }
  return env;
}

/** Development runs on embedded PGlite and the loopback interface; anything else is a deployment. */
function looksLikeDevelopment(env: z.infer<typeof envSchema>): boolean {
  return !env.DATABASE_URL && ['127.0.0.1', 'localhost', '::1'].includes(env.API_HOST);
}

/** Production never starts with the development login or with a secret that is written in the source. */
function refuseUnsafeProduction(env: z.infer<typeof envSchema>): void {
  const problems: string[] = [];
  if (env.DEV_LOGIN) problems.push('DEV_LOGIN=true 不得在生产环境开启');
  const devDefaults: Array<[string, string | undefined, string]> = [
    ['JWT_SECRET', env.JWT_SECRET, DEV_JWT_SECRET],
    ['AGENCY_SECRET', env.AGENCY_SECRET, DEV_AGENCY_SECRET],
    ['AGENCY_CREDENTIAL', env.AGENCY_CREDENTIAL, DEV_AGENCY_CREDENTIAL],
    ['AUDIT_HMAC_KEY', env.AUDIT_HMAC_KEY, DEV_AUDIT_HMAC_KEY],
    ['AUDIT_SM2_PRIVATE_KEY', env.AUDIT_SM2_PRIVATE_KEY?.toLowerCase(), DEV_AUDIT_SM2_PRIVATE_KEY],
  ];
  for (const [name, value, dev] of devDefaults)
    if (value === dev) problems.push(`${name} 不得使用开发环境默认值（源代码中公开）`);
  if (!env.AUDIT_HMAC_KEY) problems.push('生产环境必须设置 AUDIT_HMAC_KEY（审计链 HMAC-SM3 密钥）');
  if (!env.AUDIT_SM2_PRIVATE_KEY) problems.push('生产环境必须设置 AUDIT_SM2_PRIVATE_KEY（审计检查点 SM2 签名私钥）');
  if (problems.length > 0)
    throw new ConfigError(
      `环境变量无效 (unsafe production configuration):\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
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
