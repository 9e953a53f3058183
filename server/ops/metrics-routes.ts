/**
 * GET /metrics: behind a bearer token on the API port, or open on a port of its own (a private
 * network's scraper). The token is compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Metrics } from './metrics.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function metricsRoutes(metrics: Metrics, token?: string) {
  const expected = token === undefined ? null : digest(`Bearer ${token}`);
  return new Hono().get('/metrics', async (c) => {
    if (expected !== null && !timingSafeEqual(digest(c.req.header('Authorization') ?? ''), expected)) {
      return c.json({ error: { code: 'UNAUTHORIZED', message: 'Jeton de métriques manquant ou invalide.' } }, 401, {
        'WWW-Authenticate': 'Bearer realm="erp-sync-metrics"',
      });
    }
    return c.body(await metrics.render(), 200, { 'Content-Type': metrics.contentType });
  });
}
