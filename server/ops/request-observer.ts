/**
 * The first middleware of every request: a request id (the caller's X-Request-Id when it is a
 * sane token, a new one otherwise; returned in X-Request-Id), the log context that puts it on
 * every line the request makes, one access line, and the request's duration metric.
 *
 * The access line has the method, the matched route pattern, the path (never the query string:
 * searches are learners' names), the status, the duration and the organisation — no header,
 * no body.
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from './log.ts';
import { withLogContext } from './log.ts';
import type { Metrics } from './metrics.ts';

const SANE_ID = /^[\w.:@/+=-]{1,128}$/;

/** Paths polled by probes and scrapers: logged at debug, not at info. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The route pattern that answered ('/api/erp-sync/contracts/:code'): the last matched handler
 * that is not a middleware; 'unmatched' when none (404, a CORS preflight).
 */
export function routeOf(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) if (routes[i].method !== 'ALL') return routes[i].path;
  return 'unmatched';
}

function orgOf(c: Context): string | undefined {
  const org: unknown = c.get('org');
  return typeof org === 'object' && org !== null && 'id' in org && typeof org.id === 'string' ? org.id : undefined;
}

export function requestObserver(deps: { log: Logger; metrics?: Metrics }): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header('X-Request-Id');
    const reqId = given !== undefined && SANE_ID.test(given) ? given : randomUUID();
    const started = performance.now();
    // Before the handler: a header set on its response afterwards makes Hono rebuild it (cors.ts).
    c.header('X-Request-Id', reqId);
    await withLogContext({ reqId }, next);
    // A response built without the context (a static file) did not get it.
    if (!c.res.headers.has('X-Request-Id')) c.header('X-Request-Id', reqId);
    const seconds = (performance.now() - started) / 1000;
    const route = routeOf(c);
    deps.metrics?.httpRequest(c.req.method, route, c.res.status, seconds);
    const fields = {
      reqId,
      method: c.req.method,
      route,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(seconds * 1000),
      org: orgOf(c),
    };
    if (QUIET.has(c.req.path) && c.res.status < 400) deps.log.debug('request', fields);
    else deps.log.info('request', fields);
  };
}
