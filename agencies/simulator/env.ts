import { ConfigError } from '../../config/env';
import { devAgencyCredential, devAgencySecret, perAgency } from '../config';
import { agencyIdSchema, type AgencyId } from '../types';
import type { SimulatorOptions } from './create-simulator';

type Env = Record<string, string | undefined>;

export interface SimulatorSettings {
  port: number;
  hostname: string;
  options: SimulatorOptions;
}

/** Reads the simulator's settings; a bad value stops startup with a message naming the variable. */
export function readSimulatorEnv(env: Env = process.env): SimulatorSettings {
  return {
    port: integer(env, 'AGENCIES_PORT', 4100, 0, 65_535),
    hostname: env.AGENCIES_HOST || '127.0.0.1',
    options: {
      callbackBaseUrl: env.CALLBACK_BASE_URL || 'http://127.0.0.1:3000',
      secrets: perAgency(env, 'AGENCY_SECRET', devAgencySecret),
      credentials: perAgency(env, 'AGENCY_CREDENTIAL', devAgencyCredential),
      defaultDelayMs: integer(env, 'AGENCIES_DELAY_MS', 1_000, 0, 86_400_000),
      statutoryMode: env.AGENCIES_STATUTORY_MODE === 'true' || env.AGENCIES_STATUTORY_MODE === '1',
      manual: agencyList(env, 'AGENCIES_MANUAL'),
    },
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`环境变量 ${name}=${raw} 无效：应为 ${min} 到 ${max} 之间的整数`);
  }
  return value;
}

function agencyList(env: Env, name: string): AgencyId[] {
  const items = (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.map((item) => {
    const parsed = agencyIdSchema.safeParse(item);
    if (!parsed.success)
      throw new ConfigError(`环境变量 ${name} 含有未知机构「${item}」，可选值：${agencyIdSchema.options.join('、')}`);
    return parsed.data;
  });
}
