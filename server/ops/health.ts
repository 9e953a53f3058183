/**
 * Probes, unauthenticated and cheap: GET /healthz (the process answers) and GET /readyz (it can
 * do its work: database reachable with its schema, scheduler started, import workers answering,
 * not shutting down). A load balancer stops sending traffic as soon as a shutdown begins.
 */
import { Hono } from 'hono';

export type CheckResult = true | string;

export interface ReadinessChecks {
  /** Each check resolves true, or a short reason it fails. */
  [name: string]: () => CheckResult | Promise<CheckResult>;
}

/** A check that takes longer than this counts as failed: a probe must answer fast. */
const CHECK_TIMEOUT_MS = 2_000;

async function run(check: () => CheckResult | Promise<CheckResult>): Promise<CheckResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<CheckResult>((r) => {
    timer = setTimeout(() => r(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), late]);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(checks: ReadinessChecks) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const names = Object.keys(checks);
      const results = await Promise.all(names.map((n) => run(checks[n])));
      const ready = results.every((r) => r === true);
      return c.json(
        {
          status: ready ? 'ready' : 'not ready',
          checks: Object.fromEntries(names.map((n, i) => [n, results[i] === true ? 'ok' : results[i]])),
        },
        ready ? 200 : 503,
      );
    });
}
