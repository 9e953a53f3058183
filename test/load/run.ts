/**
 * `npm run load`: the admin API under load while another organisation imports. The real server
 * runs as a child process; organisation `cfa` holds LOAD_CONTRACTS contracts (imported first
 * through the CLI); then a push of IMPORT_CONTRACTS contracts to `cfa2` runs while LOAD_REQUESTS
 * admin requests (summary, lists, searches, history) are sent for `cfa`, LOAD_CONCURRENCY at a
 * time. It prints the latencies and fails (exit 1) on any error or any request over 1 s.
 * Not part of `npm test`: it times things.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { csvMapping, toCsv } from '../../mock-api/fake-erp/index.ts';
import { signAdminToken } from '../../server/http/index.ts';
import { firstDay } from '../bench/data.ts';
import { load, percentile } from '../bench/load.ts';
import { cli, startServer } from '../bench/processes.ts';

const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 20);
const IMPORT = Number(process.env.IMPORT_CONTRACTS ?? 20_000);
const CONTRACTS = Number(process.env.LOAD_CONTRACTS ?? 20_000);
const SECRET = 'load-secret-that-is-long-enough-0123456789';
const checkout = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'erp-sync-load-'));
const usage = join(dir, 'usage.json');
let failed = false;

try {
  const data = firstDay(Math.max(CONTRACTS, IMPORT));
  const csv = join(dir, 'cfa.csv');
  writeFileSync(csv, toCsv(data.slice(0, CONTRACTS), { encoding: 'utf-8-bom' }));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      database: join(dir, 'erp-sync.sqlite'),
      port: 0,
      auth: { jwtSecret: SECRET },
      organizations: [
        { id: 'cfa', name: 'CFA', erpToken: 'load-token-cfa-0123456789', source: { kind: 'csv', path: csv, mapping: csvMapping } },
        { id: 'cfa2', name: 'CFA 2', erpToken: 'load-token-cfa2-012345678', source: { kind: 'push' } },
      ],
    }),
  );
  const seeded = await cli(checkout, ['import', '--config', config, '--org', 'cfa', '--file', csv], usage);
  if (seeded.code !== 0) throw new Error(seeded.stderr);

  const server = await startServer(checkout, config, usage);
  try {
    const auth = { Authorization: `Bearer ${await signAdminToken(SECRET, { org: 'cfa', ttlSeconds: 3600 })}` };
    const names = [...new Set(data.map((c) => c.prenomApprenant ?? ''))].filter((n) => n.length > 2);
    const paths = [
      () => '/api/erp-sync/summary',
      (i: number) => `/api/erp-sync/contracts?status=integrated&limit=50&offset=${(i * 50) % CONTRACTS}`,
      (i: number) => `/api/erp-sync/contracts?status=integrated&q=${encodeURIComponent(names[i % names.length])}&limit=50`,
      (i: number) => `/api/erp-sync/contracts?status=rejected&q=${encodeURIComponent(names[(i * 7) % names.length])}&limit=50`,
      () => '/api/erp-sync/history?limit=30',
    ];
    let importDone = false;
    const body = JSON.stringify(data.slice(0, IMPORT));
    const t = performance.now();
    const push = fetch(`${server.url}/api/sync/v2/contrats`, {
      method: 'POST',
      headers: { Authorization: 'Bearer load-token-cfa2-012345678', 'Content-Type': 'application/json' },
      body,
    }).then(async (res) => {
      importDone = true;
      return { status: res.status, ms: performance.now() - t };
    });
    const r = await load({
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      next: (i) => ({ url: `${server.url}${paths[i % paths.length](i)}`, headers: auth }),
    });
    const during = importDone ? 'part of them during' : 'all during';
    const pushed = await push;
    const slow = r.latencies.filter((ms) => ms > 1000).length;
    console.log(
      `erp-sync load: ${REQUESTS} admin requests, ${CONCURRENCY} at a time, ${during} a push of ${IMPORT} contracts to another organisation`,
    );
    console.log(`  push: HTTP ${pushed.status} in ${pushed.ms.toFixed(0)} ms`);
    console.log(
      `  admin API: ${((r.latencies.length / r.ms) * 1000).toFixed(0)} requests/s, p50 ${percentile(r.latencies, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(r.latencies, 99).toFixed(1)} ms, max ${Math.max(...r.latencies).toFixed(0)} ms, ${r.errors} errors, ${slow} over 1 s`,
    );
    failed = r.errors > 0 || slow > 0 || pushed.status >= 400;
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
