import { DEV_AGENCY_CREDENTIAL, DEV_AGENCY_SECRET } from '../config/env';
import type { AgencyEndpoint } from './gateway';
import { agencyIds, type AgencyId } from './types';

// The project's development defaults, so the simulator and our API agree with no configuration.
export const devAgencySecret = DEV_AGENCY_SECRET;
export const devAgencyCredential = DEV_AGENCY_CREDENTIAL;
export const defaultAgenciesUrl = 'http://127.0.0.1:4100';

type Env = Record<string, string | undefined>;

/** `AGENCY_SECRET` + `court` → `AGENCY_SECRET_COURT`; `public-security` → `..._PUBLIC_SECURITY`. */
export function agencyEnvKey(name: string, agency: AgencyId): string {
  return `${name}_${agency.toUpperCase().replaceAll('-', '_')}`;
}

/** One value per agency: `${name}_${AGENCY}` if set, else `${name}`, else the fallback. */
export function perAgency(env: Env, name: string, fallback: string): Record<AgencyId, string> {
  const shared = env[name] || fallback;
  return Object.fromEntries(agencyIds.map((id) => [id, env[agencyEnvKey(name, id)] || shared])) as Record<
    AgencyId,
    string
  >;
}

/** Every agency's callback-signing secret set to the development default: the simulator as tests and scripts run it. */
export const devAgencySecrets = (): Record<AgencyId, string> => perAgency({}, 'AGENCY_SECRET', devAgencySecret);

/** Every agency under one origin at `/${agency}`: the simulator's layout. */
export function gatewayConfigUnder(
  root: string,
  options: { credentials?: Partial<Record<AgencyId, string>>; timeoutMs?: number } = {},
): Record<AgencyId, AgencyEndpoint> {
  const origin = root.replace(/\/+$/, '');
  return Object.fromEntries(
    agencyIds.map((id) => [
      id,
      {
        baseUrl: `${origin}/${id}`,
        credential: options.credentials?.[id] ?? devAgencyCredential,
        timeoutMs: options.timeoutMs,
      },
    ]),
  ) as Record<AgencyId, AgencyEndpoint>;
}

/**
 * Gateway configuration from `AGENCIES_BASE_URL` (default the local simulator), `AGENCY_BASE_URL_<AGENCY>`,
 * `AGENCY_CREDENTIAL[_<AGENCY>]` and `AGENCY_TIMEOUT_MS`.
 */
export function gatewayConfigFromEnv(env: Env = process.env): Record<AgencyId, AgencyEndpoint> {
  const timeoutMs = env.AGENCY_TIMEOUT_MS ? Number(env.AGENCY_TIMEOUT_MS) : undefined;
  const credentials = perAgency(env, 'AGENCY_CREDENTIAL', devAgencyCredential);
  const config = gatewayConfigUnder(env.AGENCIES_BASE_URL || defaultAgenciesUrl, { credentials, timeoutMs });
  for (const id of agencyIds) {
    const override = env[agencyEnvKey('AGENCY_BASE_URL', id)];
    if (override) config[id] = { ...config[id], baseUrl: override };
  }
  return config;
}
