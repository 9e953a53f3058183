/**
 * The Hono app: the ERP-facing sync API (/api/sync) and the admin API (/api/erp-sync).
 * Knows nothing about Node: @hono/node-server serves it in production, MSW in the browser,
 * `app.request()` in tests.
 */
import { Hono } from 'hono';
import { adminJwtAuth, remoteJwks } from './auth/admin-jwt.ts';
import { cors } from './cors.ts';
import { adminErrorHandler, routeNotFound } from './errors.ts';
import { detectLanguage } from './lang.ts';
import { contractsCsvRoutes } from './routes/contracts-csv.ts';
import { contractsRoutes } from './routes/contracts.ts';
import { historyRoutes } from './routes/history.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { runsRoutes } from './routes/runs.ts';
import { summaryRoutes } from './routes/summary.ts';
import { syncRoutes } from './routes/sync.ts';
import type { AppDeps, HttpLogger, OrgEnv, RouteDeps } from './types.ts';
import type { apiError } from '../../contract/index.ts';

const consoleLogger: HttpLogger = { error: (msg, err) => console.error(msg, err) };

export function createApp(deps: AppDeps) {
  const d: RouteDeps = {
    store: deps.store,
    runner: deps.runner,
    config: deps.config,
    logger: deps.logger ?? consoleLogger,
    now: deps.now ?? (() => new Date()),
    bodySink: deps.bodySink,
  };
  const { auth, cors: corsConfig, organizations } = d.config;

  const admin = new Hono<OrgEnv>()
    .use(
      '*',
      adminJwtAuth({
        secret: auth.jwtSecret,
        jwks: auth.jwksUrl ? remoteJwks(auth.jwksUrl) : undefined,
        audience: auth.audience,
        organizations,
        now: d.now,
      }),
    )
    .use('*', detectLanguage())
    .route('/summary', summaryRoutes(d))
    .route('/contracts.csv', contractsCsvRoutes(d))
    .route('/contracts', contractsRoutes(d))
    .route('/history', historyRoutes(d))
    .route('/runs', runsRoutes(d))
    .onError(adminErrorHandler(d.logger));

  const root = new Hono();
  for (const m of deps.middleware ?? []) root.use('*', m);
  const app = root
    .use(
      '/api/erp-sync/*',
      cors({
        origins: corsConfig.origins,
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language'],
        exposeHeaders: ['Content-Disposition'],
        maxAge: 600,
      }),
    )
    // Before the admin routes: the document is public, the admin middleware never runs for it.
    .route('/api/erp-sync/openapi.json', openapiRoutes())
    .route('/api/erp-sync', admin)
    .route('/api/sync', syncRoutes(d));

  // Everything outside the two APIs' own handlers (CORS preflights, unknown paths) answers like the admin API.
  app.onError(adminErrorHandler(d.logger));
  app.notFound((c) => {
    const e = routeNotFound(c.req.method, c.req.path);
    return c.json<apiError>({ error: { code: e.code, message: e.message } }, 404);
  });
  return app;
}

export type ErpSyncApp = ReturnType<typeof createApp>;
