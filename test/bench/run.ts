/**
 * `npm run bench`: the import engine at 100,000 contracts (the design target per organisation).
 * Every figure is printed as a ratio against a baseline measured in the same run on the same
 * data (JSON.parse of the pushed body), so results compare across machines; no timing is asserted.
 *   BENCH_CONTRACTS=20000 npm run bench   for a quicker run
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateErp } from '../../mock-api/fake-erp/index.ts';
import { csvMapping, toCsv } from '../../mock-api/fake-erp/csv.ts';
import { runImport } from '../../server/core/index.ts';
import type { ImportSettings } from '../../server/core/types.ts';
import { parsePushBody, readCsv } from '../../server/sources/index.ts';
import { openSqliteStore } from '../../server/store/sqlite/index.ts';

const N = Number(process.env.BENCH_CONTRACTS ?? 100_000);
const settings: ImportSettings = {
  sessions: 'auto',
  configuredGroups: new Set(),
  maxArchiveRatio: 0.2,
  bypassGuard: false,
  dateOrder: 'dmy',
};

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}
async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const erp = generateErp({ seed: 42, contracts: N, days: 2, startDate: '2026-11-01' });
const day0 = erp.snapshot(0);
const day1 = erp.snapshot(1);
const body0 = JSON.stringify(day0);
const body1 = JSON.stringify(day1);
const csvBytes = toCsv(day0, { encoding: 'windows-1252' });

const rows: [string, number, string][] = [];
const baseline = time(() => JSON.parse(body0) as unknown[]);
rows.push(['baseline: JSON.parse of the push body', baseline.ms, `${(body0.length / 1024 / 1024).toFixed(0)} MB of JSON`]);

const push = time(() => parsePushBody(body0, Number.MAX_SAFE_INTEGER));
rows.push(['push body → snapshot', push.ms, `${push.value.records.length} records`]);

const csv = time(() => readCsv(csvBytes, { mapping: csvMapping, encoding: 'auto', delimiter: 'auto', dateFormat: 'DD/MM/YYYY' }));
rows.push(['CSV (Windows-1252) → snapshot', csv.ms, `${(csvBytes.length / 1024 / 1024).toFixed(0)} MB of CSV`]);

const empty = { contracts: new Map(), rejections: new Map(), sessions: new Set<string>() };
const first = time(() => runImport(empty, push.value, settings, { at: '2026-11-01T01:00:00.000Z', date: '2026-11-01' }));
rows.push([
  'pipeline, first import (all added)',
  first.ms,
  `${first.value.counts.integrated} integrated, ${first.value.counts.rejected} rejected`,
]);

const dir = mkdtempSync(join(tmpdir(), 'erp-sync-bench-'));
const store = openSqliteStore(join(dir, 'bench.sqlite'));
await store.init();
await store.upsertOrganization({ id: 'cfa', name: 'CFA' });
const runId = await timeAsync(() =>
  store.startRun('cfa', { source: 'push', startedAt: '2026-11-01T01:00:00.000Z', date: '2026-11-01' }, push.value.records),
);
rows.push(['SQLite: keep every raw record', runId.ms, '']);
const apply = await timeAsync(() => store.applyRun('cfa', runId.value, first.value, '2026-11-01T01:01:00.000Z'));
rows.push(['SQLite: apply first import (one transaction)', apply.ms, '']);
const load = await timeAsync(() => store.loadState('cfa'));
rows.push(['SQLite: load state', load.ms, `${load.value.contracts.size} contracts`]);

const snap1 = parsePushBody(body1, Number.MAX_SAFE_INTEGER);
const next = time(() => runImport(load.value, snap1, settings, { at: '2026-11-02T01:00:00.000Z', date: '2026-11-02' }));
const c = next.value.counts;
rows.push(['pipeline, next day (diff)', next.ms, `+${c.added} ~${c.updated} -${c.archived} fixed ${c.fixed} rejected ${c.newlyRejected}`]);
const same = time(() => runImport(load.value, push.value, settings, { at: '2026-11-02T01:00:00.000Z', date: '2026-11-02' }));
rows.push(['pipeline, same snapshot again (no change)', same.ms, `${same.value.changes.length} changes`]);

const search = await timeAsync(async () => {
  let total = 0;
  for (const q of ['helene', 'dupont marie', 'bts mco', 'garage'])
    total += (await store.listContracts('cfa', { status: 'integrated', q, limit: 50, offset: 0 })).total;
  return total;
});
rows.push(['SQLite: 4 searches (first page + total)', search.ms, `${search.value} matches`]);
const page = await timeAsync(() =>
  store.listContracts('cfa', { status: 'integrated', sort: 'learner', limit: 50, offset: 50_000 > N ? 0 : 50_000 }),
);
rows.push(['SQLite: a deep page sorted by learner', page.ms, '']);

await store.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  `erp-sync bench: ${N.toLocaleString('en')} contracts, Node ${process.version}, heap used ${mb(process.memoryUsage().heapUsed)}, rss ${mb(process.memoryUsage().rss)}`,
);
console.log('ratio = time / baseline (JSON.parse of the same data, this run)\n');
for (const [label, ms, note] of rows) {
  console.log(`${label.padEnd(46)} ${(ms / baseline.ms).toFixed(2).padStart(7)}×  ${ms.toFixed(0).padStart(6)} ms  ${note}`);
}
