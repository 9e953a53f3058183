/**
 * Probes and metrics on the real server (HTTP, SQLite, import workers): /healthz and /readyz
 * without credentials; /metrics in Prometheus format behind its token on the API port and open
 * on its own port; runs, records, held runs, HTTP requests by route pattern (never the raw
 * path), Node's default metrics with the event-loop lag.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../../server/config/load.ts';
import { signAdminToken } from '../../../server/http/index.ts';
import { type RunningServer, startServer } from '../../../server/node/start-server.ts';
import { contract, SECRET } from '../engine/helpers.ts';

const ERP_TOKEN = 'erp-token-metrics-0123456789';
const METRICS_TOKEN = 'metrics-token-0123456789';
let dir: string;
let server: RunningServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'erp-sync-metrics-'));
  const config = parseConfig({
    database: join(dir, 'erp-sync.sqlite'),
    port: 0,
    auth: { jwtSecret: SECRET },
    metrics: { token: METRICS_TOKEN, port: 0 },
    organizations: [
      { id: 'cfa', name: 'CFA', erpToken: ERP_TOKEN, source: { kind: 'push' } },
      { id: 'cfa2', name: 'CFA 2', erpToken: 'erp-token-other-0123456789', source: { kind: 'push' } },
    ],
  });
  server = await startServer(config);
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const push = (n: number) =>
  fetch(`${server.url}/api/sync/v2/contrats`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ERP_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(Array.from({ length: n }, (_, i) => contract(i + 1, i === 0 ? { nomEntreprise: '' } : {}))),
  });

async function scrape(url = `${server.url}/metrics`, token: string | null = METRICS_TOKEN): Promise<string> {
  const r = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('Content-Type') ?? '', /^text\/plain; version=0\.0\.4/);
  return r.text();
}

/** The value of one series, e.g. sample(text, 'erp_sync_runs_total{org="cfa",status="held"}'). */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

test('probes: /healthz answers at once, /readyz once the database, scheduler and workers are', async () => {
  const health = await fetch(`${server.url}/healthz`);
  assert.deepEqual([health.status, await health.json()], [200, { status: 'ok' }]);
  let ready = await fetch(`${server.url}/readyz`);
  while (ready.status === 503) {
    await new Promise((r) => setTimeout(r, 100));
    ready = await fetch(`${server.url}/readyz`);
  }
  assert.deepEqual(
    [ready.status, await ready.json()],
    [200, { status: 'ready', checks: { database: 'ok', scheduler: 'ok', workers: 'ok', shutdown: 'ok' } }],
  );
});

test('/metrics: a token on the API port, none on its own port', async () => {
  assert.equal((await fetch(`${server.url}/metrics`)).status, 401);
  assert.equal((await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status, 401);
  const text = await scrape();
  assert.ok(server.metricsUrl);
  const open = await scrape(server.metricsUrl, null);
  assert.match(open, /^# HELP erp_sync_runs_total /m);
  // Every organisation's series exist before its first run.
  assert.equal(sample(text, 'erp_sync_runs_total{org="cfa2",status="failed"}'), 0);
  assert.equal(sample(text, 'erp_sync_held_runs{org="cfa2"}'), 0);
  assert.match(text, /^nodejs_eventloop_lag_seconds \d/m);
  assert.match(text, /^process_cpu_user_seconds_total \d/m);
});

test('runs, records, held runs and requests by route pattern', async () => {
  assert.equal((await push(10)).status, 200);
  const held = await push(2);
  assert.equal(held.status, 202, 'most contracts gone: held');
  const { runId } = (await held.json()) as { runId: string };
  const admin = await signAdminToken(SECRET, { org: 'cfa', sub: 'u-1' });
  const detail = await fetch(`${server.url}/api/erp-sync/contracts/C00002`, { headers: { Authorization: `Bearer ${admin}` } });
  assert.equal(detail.status, 200);

  let text = await scrape();
  assert.equal(sample(text, 'erp_sync_runs_total{org="cfa",status="succeeded"}'), 1);
  assert.equal(sample(text, 'erp_sync_runs_total{org="cfa",status="held"}'), 1);
  assert.equal(sample(text, 'erp_sync_held_runs{org="cfa"}'), 1);
  assert.equal(sample(text, 'erp_sync_run_duration_seconds_count{org="cfa",status="succeeded"}'), 1);
  assert.equal(sample(text, 'erp_sync_run_records_total{org="cfa",kind="received"}'), 12);
  assert.equal(sample(text, 'erp_sync_run_records_total{org="cfa",kind="rejected"}'), 2);
  assert.equal(sample(text, 'erp_sync_last_run_records{org="cfa",kind="received"}'), 2);
  assert.equal(
    sample(text, 'erp_sync_http_request_duration_seconds_count{method="GET",route="/api/erp-sync/contracts/:code",status="200"}'),
    1,
  );
  assert.equal(sample(text, 'erp_sync_http_request_duration_seconds_count{method="POST",route="/api/sync/v2/contrats",status="202"}'), 1);
  assert.ok(!text.includes('C00002'), 'the raw path (a contract code) is never a label');

  const approved = await fetch(`${server.url}/api/erp-sync/runs/${runId}/approve`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}` },
  });
  assert.equal(approved.status, 200);
  text = await scrape();
  assert.equal(sample(text, 'erp_sync_held_runs{org="cfa"}'), 0, 'approved: no held run left');
  assert.equal(sample(text, 'erp_sync_runs_total{org="cfa",status="succeeded"}'), 2);
});

test('requests carry an X-Request-Id: the caller’s, or a new one', async () => {
  const given = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'lb-7f3a' } });
  assert.equal(given.headers.get('X-Request-Id'), 'lb-7f3a');
  const odd = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'not a sane id\u00e9' } });
  assert.match(odd.headers.get('X-Request-Id') ?? '', /^[0-9a-f-]{36}$/, 'a header that is not a plain token is replaced');
});

test('/readyz says 503 when the database cannot be read', async () => {
  await server.product.store.close();
  const r = await fetch(`${server.url}/readyz`);
  assert.equal(r.status, 503);
  const body = (await r.json()) as { status: string; checks: Record<string, string> };
  assert.equal(body.status, 'not ready');
  assert.notEqual(body.checks.database, 'ok');
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'alive all the same');
});
