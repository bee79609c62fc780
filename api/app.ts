import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { timeout } from 'hono/timeout';
import { HTTPException } from 'hono/http-exception';
import { jwtSecretOf } from '../config/env';
import { createTokenVerifier } from './auth-tokens';
import { UserRegister } from './user-register';
import { createAuthLimits } from './client-limits';
import type { AppDeps, AppEnv } from './context';
import { requireAuth } from './middleware/auth';
import { onError, onNotFound } from './middleware/errors';
import { requestContext } from './middleware/request-context';
import { inputGuard } from './middleware/input-guard';
import { securityHeaders } from './middleware/security-headers';
import { sessionCookie } from '../web/session';
import { problemJson } from './problem';
import { ApiMetrics } from './metrics';
import { withJsonSchemaPatterns } from './responses/patterns';
import { publicAuthRouter, meRouter } from './routes/auth';
import { docsRouter } from './routes/docs';
import { createConsoleRouter } from '../web/console';
import { healthRouter } from './routes/health';
import { orgRouter } from './routes/org';
import { calendarRouter } from './routes/calendar';
import { callbacksRouter } from './routes/callbacks';
import { tasksRouter } from './routes/tasks';
import { taskActionsRouter } from './routes/task-actions';
import { auditRouter } from './routes/audit';
import { auditCheckpointsRouter } from './routes/audit-checkpoints';
import { bearerMatches } from './middleware/bearer';
import { substitutesRouter } from './routes/substitutes';
import { approvalRequestsRouter } from './routes/approval-requests';
import { casesRouter } from './routes/cases';
import { criminalTransfersRouter } from './routes/criminal-transfers';
import { blacklistRouter } from './routes/blacklist';
import { publicViolationsRouter } from './routes/public-violations';
import { entrustmentsRouter } from './routes/entrustments';
import { annualPlansRouter } from './routes/annual-plans';
import { publicRandomInspectionsRouter, randomInspectionsRouter } from './routes/random-inspections';
import { accidentsRouter, publicAccidentReportsRouter } from './routes/accidents';
import { enforcementRouter } from './routes/enforcement';
import { notificationsRouter } from './routes/notifications';
import { documentsRouter } from './routes/documents';
import { registersRouter } from './routes/registers';

/** The one place routers are composed; public routes first, then everything behind authentication. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const { env } = deps;
  const verify = createTokenVerifier(
    {
      secret: env.JWKS_URL ? undefined : jwtSecretOf(env),
      jwksUrl: env.JWKS_URL,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
    },
    deps.users ?? new UserRegister(deps.database),
  );
  const app = new OpenAPIHono<AppEnv>();
  const metrics = new ApiMetrics();

  app.use('*', securityHeaders({ sessionCookie, hsts: env.NODE_ENV === 'production' }));
  app.use('*', requestContext(deps, metrics));
  const limits = createAuthLimits(env.AUTH_FAILURES_PER_MINUTE, env.TRUST_PROXY ?? false);
  app.use('*', async (c, next) => {
    c.set('limits', limits);
    await next();
  });
  const bodyLimit1MiB = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => problemJson(c, { status: 413, title: '请求体过大', detail: '请求体不得超过 1 MiB' }),
  });
  // API and console bodies alike: a console form is no larger than an API request. Register imports read their
  // own body up to IMPORT_MAX_BYTES and answer 422 (file-size) past it.
  app.use('*', (c, next) => (/^\/api\/registers\/[a-z-]+\/import$/.test(c.req.path) ? next() : bodyLimit1MiB(c, next)));
  app.use('*', inputGuard());
  // A request never hangs on an outage: past 20 s it is answered 503.
  app.use(
    '/api/*',
    timeout(20_000, () => new HTTPException(503, { message: '服务暂不可用：请求超时' })),
  );
  app.onError(onError);
  app.notFound(onNotFound);

  app.route('/', healthRouter);
  // Production keeps /metrics, /docs and /openapi.json off the internet unless configured (config/env.ts).
  const production = env.NODE_ENV === 'production';
  const closed = (c: Parameters<typeof onNotFound>[0]) => onNotFound(c);
  // Prometheus: the API's own series, then the worker's SDK metrics when a worker exporter is configured.
  app.get('/metrics', async (c) => {
    if (production && !(env.METRICS_TOKEN && bearerMatches(c.req.header('authorization'), env.METRICS_TOKEN)))
      return closed(c);
    let worker = '';
    if (env.WORKER_METRICS_URL)
      worker = await fetch(env.WORKER_METRICS_URL, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.text(),
        () => '# worker metrics unavailable\n',
      );
    return c.body(metrics.render() + worker, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  if (production && !env.DOCS_PUBLIC) {
    app.get('/docs', closed);
    app.get('/docs/*', closed);
    app.get('/openapi.json', closed);
  }
  app.route('/docs', docsRouter);
  app.route('/', createConsoleRouter({ verify, api: (req) => app.fetch(req) }));
  app.route('/api', publicAuthRouter);
  app.route('/api', callbacksRouter);
  app.route('/api', publicViolationsRouter);
  app.route('/api', publicRandomInspectionsRouter);
  app.route('/api', publicAccidentReportsRouter);

  app.use('/api/*', requireAuth(verify));
  app.route('/api', meRouter);
  app.route('/api', orgRouter);
  app.route('/api', calendarRouter);
  app.route('/api', taskActionsRouter);
  app.route('/api', tasksRouter);
  app.route('/api', auditRouter);
  app.route('/api', auditCheckpointsRouter);
  app.route('/api', substitutesRouter);
  app.route('/api', approvalRequestsRouter);
  app.route('/api', casesRouter);
  app.route('/api', criminalTransfersRouter);
  app.route('/api', blacklistRouter);
  app.route('/api', entrustmentsRouter);
  app.route('/api', annualPlansRouter);
  app.route('/api', randomInspectionsRouter);
  app.route('/api', accidentsRouter);
  app.route('/api', enforcementRouter);
  app.route('/api', notificationsRouter);
  app.route('/api', documentsRouter);
  app.route('/api', registersRouter);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  // Served with JSON Schema patterns (no leaked regex flags; see api/responses/patterns.ts).
  app.get('/openapi.json', (c) =>
    c.json(
      withJsonSchemaPatterns(
        app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: '安监流程 anjian-flow API',
            version: '0.1.0',
            description: '区级安全生产监管执法工作流与审批引擎',
          },
        }),
      ),
    ),
  );
  return app;
}
