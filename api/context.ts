import type { Client } from '@temporalio/client';
import type { Env } from '../config/env';
import type { Database } from '../db/client';
import type { RoleId } from '../db/schema';
import type { UserRegister } from './user-register';
import type { AuthLimits } from './client-limits';

export interface AuthUser {
  id: string;
  name: string;
  departmentId: string;
  roles: RoleId[];
}

/** What every handler can reach: built once at start-up, never per request. */
export interface AppDeps {
  env: Env;
  database: Database;
  temporal: Client;
  /** Who a token names (roles, department, active); one per process, built from `database` when absent. */
  users?: UserRegister;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    user: AuthUser;
    requestId: string;
    /** Failed-authentication limits of this application (api/client-limits.ts). */
    limits: AuthLimits;
  };
};
