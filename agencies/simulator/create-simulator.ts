import { Hono } from 'hono';
import { devAgencyCredential } from '../config';
import { agencyIds, type AgencyId } from '../types';
import { adminRoutes } from './admin';
import { CallbackDispatcher, defaultCallbackRetry, type CallbackRetryPolicy } from './callback-dispatcher';
import type { SimulatorContext } from './context';
import { problem, sendProblem } from './problem';
import type { ReplyStep } from './reply-periods';
import { courtRoutes } from './routes/court';
import { creditPublicityRoutes } from './routes/credit-publicity';
import { disclosurePortalRoutes } from './routes/disclosure-portal';
import { notificationRoutes } from './routes/notification';
import { procuratorateRoutes } from './routes/procuratorate';
import { publicSecurityRoutes } from './routes/public-security';
import { upperAuthorityRoutes } from './routes/upper-authority';
import { SimulatorState } from './state';

export interface SimulatorOptions {
  /** Our API's origin; callbacks go to `${callbackBaseUrl}/api/callbacks/${agency}`. */
  callbackBaseUrl: string;
  /** Per-agency HMAC secrets for signing callbacks. */
  secrets: Record<AgencyId, string>;
  /** Bearer credentials each agency accepts; missing ones default to the development credential. */
  credentials?: Partial<Record<AgencyId, string>>;
  /** Delay before each asynchronous answer (default 1000 ms). */
  defaultDelayMs?: number;
  delays?: Partial<Record<ReplyStep, number>>;
  /** Answer on the last day of each statutory reply period instead of after the default delay. */
  statutoryMode?: boolean;
  /** Length of a simulated day in statutory mode (default a real day). */
  dayMs?: number;
  /** Agencies that never answer on their own; drive them with POST /__admin/callbacks. */
  manual?: readonly AgencyId[];
  callbackRetry?: Partial<CallbackRetryPolicy>;
  log?: (line: string) => void;
  now?: () => Date;
}

export interface Simulator {
  app: Hono;
  state: SimulatorState;
  /** Stops scheduled answers, callback retries and hanging requests. */
  close(): Promise<void>;
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const state = new SimulatorState();
  const closing = new AbortController();
  const callbacks = new CallbackDispatcher({
    callbackBaseUrl: options.callbackBaseUrl,
    secrets: options.secrets,
    retry: { ...defaultCallbackRetry, ...options.callbackRetry },
    state,
    log,
    now,
  });
  const ctx: SimulatorContext = {
    state,
    credentials: Object.fromEntries(
      agencyIds.map((id) => [id, options.credentials?.[id] ?? devAgencyCredential]),
    ) as Record<AgencyId, string>,
    callbacks,
    timing: {
      defaultDelayMs: options.defaultDelayMs ?? 1_000,
      delays: options.delays,
      statutoryMode: options.statutoryMode,
      dayMs: options.dayMs,
    },
    manual: new Set(options.manual),
    closing: closing.signal,
    now,
  };

  const app = new Hono();
  app.route('/court', courtRoutes(ctx));
  app.route('/public-security', publicSecurityRoutes(ctx));
  app.route('/procuratorate', procuratorateRoutes(ctx));
  app.route('/upper-authority', upperAuthorityRoutes(ctx));
  app.route('/disclosure-portal', disclosurePortalRoutes(ctx));
  app.route('/credit-publicity', creditPublicityRoutes(ctx));
  app.route('/notification', notificationRoutes(ctx));
  app.route('/__admin', adminRoutes(ctx));
  app.notFound((c) =>
    sendProblem(c, problem('not-found', 404, '接口不存在', { detail: `${c.req.method} ${c.req.path}` })),
  );
  app.onError((error, c) => {
    log(`模拟服务内部错误：${error.stack ?? error.message}`);
    return sendProblem(c, problem('internal', 500, '模拟服务内部错误'));
  });

  return {
    app,
    state,
    async close() {
      closing.abort();
      await callbacks.cancelAll();
    },
  };
}
