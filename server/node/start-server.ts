/**
 * Serves the Hono app on Node: API, probes, metrics, optional static demo pages, the daily
 * scheduler, retention and notification digests; and the graceful shutdown that stops it all.
 */
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { relative } from 'node:path';
import type { Config } from '../config/schema.ts';
import { createApp } from '../http/app.ts';
import { healthRoutes } from '../ops/health.ts';
import { textLog } from '../ops/log.ts';
import { createMetrics, type Metrics } from '../ops/metrics.ts';
import { metricsRoutes } from '../ops/metrics-routes.ts';
import { requestObserver } from '../ops/request-observer.ts';
import { applyRetention, scheduleRetention } from '../ops/retention.ts';
import { configureLog, log } from './log.ts';
import { openProduct, type Product } from './open-product.ts';
import { startScheduler } from './scheduler.ts';
import { fileBodySink } from './spool-body.ts';

export interface RunningServer {
  url: string;
  /** Where GET /metrics is served without a token (metrics.port), if configured. */
  metricsUrl: string | null;
  product: Product;
  metrics: Metrics;
  /**
   * Graceful stop: not ready at once, no new connection, a running import gets `deadlineMs`
   * (config.shutdown.deadlineSeconds by default) to finish, then is rolled back; then requests
   * under way end, notifications are flushed and the database is closed. Idempotent.
   */
  close(opts?: { deadlineMs?: number }): Promise<void>;
}

/** In-flight requests get this long to answer once the runs are over, before their sockets are closed. */
const REQUEST_GRACE_MS = 5_000;

async function listen(app: { fetch: (req: Request) => Response | Promise<Response> }, port: number, host: string) {
  const server = await new Promise<Server>((resolveServer) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolveServer(s as Server));
  });
  const address = server.address() as AddressInfo;
  return { server, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}` };
}

/** The held run of each organisation at start, for the held-runs gauge. */
async function seedHeldGauge(product: Product, metrics: Metrics): Promise<void> {
  for (const o of product.config.organizations) {
    const last = (await product.store.summary(o.id)).lastRun;
    metrics.setHeld(o.id, last?.status === 'held' ? last.id : null);
  }
}

export async function startServer(config: Config, opts: { schedule?: boolean } = {}): Promise<RunningServer> {
  configureLog(config.log.level);
  const metrics = createMetrics(config.organizations.map((o) => o.id));
  const product = await openProduct(config, {
    onRunEnded: (orgId, run) => metrics.runEnded(orgId, run),
    onDelivery: (channel, ok) => metrics.notification(channel, ok ? 'sent' : 'failed'),
  });
  const interrupted = await product.store.failInterruptedRuns(new Date().toISOString());
  if (interrupted) log.warn('interrupted runs marked failed', { runs: interrupted });
  await seedHeldGauge(product, metrics);

  let shuttingDown = false;
  let scheduler: ReturnType<typeof startScheduler> | null = null;
  const bodies = fileBodySink();
  const probeOrg = config.organizations[0].id;
  const app = createApp({
    store: product.store,
    runner: product.runner,
    config,
    logger: { error: (msg, err) => log.error(msg, err) },
    bodySink: bodies.open,
    middleware: [requestObserver({ log, metrics })],
  });
  app.route(
    '/',
    healthRoutes({
      // A read through the current schema (migrations are applied at start, or the process stops).
      database: async () => (await product.store.getRun(probeOrg, 'readiness-probe')) === null || 'unexpected answer',
      scheduler: () => scheduler !== null || opts.schedule === false || 'not started',
      workers: () => product.workersReady() || 'not ready',
      shutdown: () => !shuttingDown || 'shutting down',
    }),
  );
  if (config.metrics?.token) app.route('/', metricsRoutes(metrics, config.metrics.token));
  if (config.staticDir) {
    const root = relative(process.cwd(), config.staticDir) || '.';
    app.get('*', serveStatic({ root }));
  }

  const retention = opts.schedule === false ? null : scheduleRetention(config.retention.schedule, runRetention, log);
  if (opts.schedule !== false) {
    scheduler = startScheduler(config.organizations, product.runner, textLog(log), product.store);
    product.notifier.scheduleDigests();
  }
  function runRetention() {
    return applyRetention(product.store, config.organizations, {
      now: new Date(),
      dryRun: false,
      log,
      onAnonymised: (orgId, n) => metrics.anonymised(orgId, n),
    });
  }

  const api = await listen(app, config.port, config.host);
  const metricsPort = config.metrics?.port;
  const scrape =
    metricsPort === undefined
      ? null
      : await listen(new Hono().route('/', metricsRoutes(metrics)), metricsPort, config.metrics?.host ?? config.host);
  log.info('listening', { url: api.url, metrics: scrape ? `${scrape.url}/metrics` : config.metrics?.token ? `${api.url}/metrics` : 'off' });

  let closing: Promise<void> | null = null;
  async function shutdown(deadlineMs: number): Promise<void> {
    shuttingDown = true;
    log.info('shutdown started', { deadlineMs });
    scheduler?.stop();
    retention?.stop();
    // No new connection from here; idle keep-alive connections are closed (Node ≥ 19).
    const stopped = new Promise<void>((r) => api.server.close(() => r()));
    scrape?.server.close();
    scrape?.server.closeAllConnections();
    await product.stopRuns(deadlineMs);
    // The runs are over: requests waiting on one (a push) have their answer. The rest get a grace period.
    api.server.closeIdleConnections();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([stopped, new Promise<void>((r) => (timer = setTimeout(r, REQUEST_GRACE_MS)))]);
    clearTimeout(timer);
    api.server.closeAllConnections();
    await product.close();
    // The runs are over, so no body left is still being read.
    await bodies.close();
    log.info('shutdown complete');
  }

  return {
    url: api.url,
    metricsUrl: scrape ? `${scrape.url}/metrics` : null,
    product,
    metrics,
    close(o = {}) {
      closing ??= shutdown(o.deadlineMs ?? config.shutdown.deadlineSeconds * 1000);
      return closing;
    },
  };
}
