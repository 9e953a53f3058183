/**
 * `npm run bench`: the import engine as users run it, at 100,000 contracts by default.
 * Every time is printed as a ratio to the physical floor measured in the same run on the same
 * rows (JSON.parse + one SQLite insert transaction: floor.ts, the median of three), so figures compare across
 * machines; peak memory is the whole process's (its import workers included). No timing is
 * asserted anywhere: this prints, a reader judges.
 *
 *   BENCH_CONTRACTS=20000 npm run bench     a quicker run
 *   BENCH_MILLION=1 npm run bench           also 1,000,000 contracts: a CSV file through the CLI, a push to the server
 *   BENCH_CHECKOUT=/path npm run bench      time another checkout of the product (a before/after table)
 *   ERP_SYNC_SINGLE_THREADED_GC=0 npm run bench   the product's launcher told not to give V8 --single-threaded-gc (1: to give it)
 *   BENCH_ONLY=search npm run bench         only the admin search (SQLite and PostgreSQL), its data imported once
 *                                           (search-only.ts); BENCH_COMPARE=/path measures another checkout
 *                                           in the same run, rounds alternated (BENCH_ROUNDS, 2)
 */
import { copyFileSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync, createWriteStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { csvMapping, encodeWindows1252, toCsv, toCsvText, type ErpContract } from '../../mock-api/fake-erp/index.ts';
import { signAdminToken } from '../../server/http/index.ts';
import { firstDay, nextDay, replicated } from './data.ts';
import { copyTestDatabase, createTestDatabase, type TestDatabase } from '../node/support/postgres.ts';
import { measureFloor, medianFloor } from './floor.ts';
import { measurePostgresFloor } from './floor-postgres.ts';
import { load, percentile } from './load.ts';
import { type CliRun, cli, productCommand, startServer, type Usage } from './processes.ts';
import { searchBench } from './search-only.ts';
import { cpuBound } from './cpu.ts';

const N = Number(process.env.BENCH_CONTRACTS ?? 100_000);
const MILLION = process.env.BENCH_MILLION === '1';
const checkout = resolve(process.env.BENCH_CHECKOUT ?? '.');
/** What the CLI ran with (its usage file): the launcher's choice, for the heading. */
let nodeOptions = '';
const SECRET = 'bench-secret-that-is-long-enough-0123456789';

const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== 'search') throw new Error(`BENCH_ONLY=${ONLY}: only "search" is known`);
if (ONLY === 'search') {
  const compare = process.env.BENCH_COMPARE;
  await searchBench({ n: N, checkout, compare: compare ? resolve(compare) : undefined, rounds: Number(process.env.BENCH_ROUNDS ?? 2) });
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'erp-sync-bench-'));
const usageFile = join(dir, 'usage.json');
/** `postgres`: a PostgreSQL figure, a ratio to the PostgreSQL floor (COPY into a JSONB table) rather than SQLite's. */
const rows: { label: string; ms?: number; note: string; floor?: 'postgres' }[] = [];
let pgFloorMs = Number.NaN;
/** Each floor is measured this many times and its median kept (floor.ts medianFloor). */
const FLOOR_TIMES = 3;
const spread = (all: { ms: number }[]) => `${all.length} (${all.map((f) => f.ms.toFixed(0)).join(', ')} ms)`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rss = (u: Usage | null) => (u ? `peak RSS ${mb(u.maxRssKb * 1024)}` : 'peak RSS ?');

function dbBytes(path: string): number {
  return [path, `${path}-wal`].reduce((n, p) => n + (existsSync(p) ? statSync(p).size : 0), 0);
}

function config(database: string, extra: Record<string, unknown> = {}): string {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      database,
      port: 0,
      auth: { jwtSecret: SECRET },
      ...extra,
      organizations: [
        {
          id: 'cfa',
          name: 'CFA bench',
          erpToken: 'bench-erp-token-cfa-0123456789',
          source: { kind: 'csv', path: join(dir, 'none.csv'), mapping: csvMapping },
        },
        { id: 'cfa2', name: 'CFA push', erpToken: 'bench-erp-token-cfa2-012345678', source: { kind: 'push' } },
      ],
    }),
  );
  return path;
}

async function importFile(cfg: string, file: string, asOf: string) {
  const r = await cli(checkout, ['import', '--config', cfg, '--org', 'cfa', '--file', file, '--as-of', asOf], usageFile);
  if (r.code !== 0) throw new Error(`import ${file} failed (${r.code}): ${r.stderr}`);
  return r;
}

/**
 * Each import figure is timed this many times, each on its own copy of the database it starts
 * from, and the median kept, as the floor's is: on this machine the same import of the same code
 * moved by a fifth from one run to the next.
 */
const IMPORT_TIMES = 3;

interface TimedImport {
  run: CliRun;
  all: CliRun[];
}

function timed(all: CliRun[]): TimedImport {
  return { run: [...all].sort((a, b) => a.ms - b.ms)[Math.floor(all.length / 2)], all };
}

const sqliteFiles = (path: string) => [path, `${path}-wal`, `${path}-shm`];

/** An import timed on IMPORT_TIMES copies of the SQLite database at `database` (absent: a first import); the last copy then takes its place. */
async function timedImport(database: string, file: string, asOf: string): Promise<TimedImport> {
  const all: CliRun[] = [];
  let copy = '';
  for (let i = 0; i < IMPORT_TIMES; i++) {
    if (copy !== '') for (const p of sqliteFiles(copy)) rmSync(p, { force: true });
    copy = `${database}.try${i}`;
    const to = sqliteFiles(copy);
    sqliteFiles(database).forEach((from, k) => {
      if (existsSync(from)) copyFileSync(from, to[k]);
    });
    all.push(await importFile(config(copy), file, asOf));
  }
  const into = sqliteFiles(database);
  for (const p of into) rmSync(p, { force: true });
  sqliteFiles(copy).forEach((from, k) => {
    if (existsSync(from)) renameSync(from, into[k]);
  });
  return timed(all);
}

/** The same on PostgreSQL: each time on a copy of `from` (null: a new database); the last copy is kept, `from` dropped. */
async function timedPgImport(from: TestDatabase | null, file: string, asOf: string): Promise<TimedImport & { db: TestDatabase }> {
  const all: CliRun[] = [];
  let db: TestDatabase | null = null;
  try {
    for (let i = 0; i < IMPORT_TIMES; i++) {
      await db?.drop();
      db = from ? await copyTestDatabase(from) : await createTestDatabase();
      all.push(await importFile(config(`${db.url}?schema=erp_sync`), file, asOf));
    }
  } catch (err) {
    // The copy being timed goes with the failure; `from` is the caller's to drop.
    await db?.drop();
    throw err;
  }
  await from?.drop();
  return { ...timed(all), db: db as TestDatabase };
}

/** The CLI's own CPU time, all its threads (its usage file). */
const cliCpu = (r: CliRun) => (r.usage ? r.usage.userMs + r.usage.systemMs : null);
const ownCpu = (t: TimedImport, floorMs: number) => cpuBound(cliCpu(t.run), floorMs, 'the CLI, all its threads');

/** On PostgreSQL the server works too: the whole machine's busy time (cpu.ts). */
const pgCpu = (t: TimedImport, floorMs: number) => cpuBound(t.run.machineCpuMs, floorMs, 'the machine: the CLI and PostgreSQL');

const times = (t: TimedImport) => `median of ${t.all.length} (${t.all.map((r) => r.ms.toFixed(0)).join(', ')} ms)`;

try {
  // ---- data and floor ----
  const day0 = firstDay(N);
  const day1 = nextDay(day0, 1);
  const day2 = nextDay(day1, 2);
  const body0 = JSON.stringify(day0);
  const floors = await medianFloor(FLOOR_TIMES, () => measureFloor(body0, join(dir, 'floor.sqlite')));
  const floor = floors.median;
  rows.push({
    label: 'floor: JSON.parse + one SQLite insert transaction',
    ms: floor.ms,
    note: `median of ${spread(floors.all)}: parse ${floor.parseMs.toFixed(0)} ms + insert ${floor.insertMs.toFixed(0)} ms, file ${mb(floor.fileBytes)}`,
  });

  const csvFile = (name: string, day: readonly ErpContract[]) => {
    const path = join(dir, `${name}.csv`);
    writeFileSync(path, toCsv(day, { encoding: 'windows-1252', date: '2026-11-01' }));
    return path;
  };
  const files = [csvFile('day0', day0), csvFile('day1', day1), csvFile('day2', day2)];
  const database = join(dir, 'erp-sync.sqlite');
  const cfg = config(database);

  // ---- imports through the CLI, end to end ----
  const first = await timedImport(database, files[0], '2026-11-01');
  nodeOptions = first.run.usage?.execArgv?.join(' ') ?? '?';
  rows.push({
    label: 'first import: CSV file through the CLI',
    ms: first.run.ms,
    note: `${times(first)}, ${N} contracts, ${mb(statSync(files[0]).size)} CSV, ${rss(first.run.usage)}; ${ownCpu(first, floor.ms)}`,
  });
  const next = await timedImport(database, files[1], '2026-11-02');
  rows.push({
    label: 'next day: 2 % changed, 0.5 % added, 0.5 % removed',
    ms: next.run.ms,
    note: `${times(next)}: ${next.run.stdout.split('\n')[2]?.trim() ?? ''}; ${ownCpu(next, floor.ms)}`,
  });
  await importFile(cfg, files[2], '2026-11-03');
  const afterThree = dbBytes(database);
  const same = await timedImport(database, files[2], '2026-11-04');
  rows.push({
    label: 'the same snapshot again',
    ms: same.run.ms,
    note: `${times(same)}: ${same.run.stdout.split('\n')[2]?.trim() ?? ''}; ${ownCpu(same, floor.ms)}`,
  });
  const afterFour = dbBytes(database);
  rows.push({
    label: 'storage after three daily imports',
    note: `${mb(afterThree)} = ${(afterThree / floor.fileBytes).toFixed(2)}× the floor's file; an unchanged day adds ${mb(afterFour - afterThree)} (${(((afterFour - afterThree) / afterThree) * 100).toFixed(1)} % of it)`,
  });

  // ---- the server: search, and the API while another organisation imports ----
  const server = await startServer(checkout, cfg, usageFile);
  try {
    const token = await signAdminToken(SECRET, { org: 'cfa', ttlSeconds: 3600 });
    const token2 = await signAdminToken(SECRET, { org: 'cfa2', ttlSeconds: 3600 });
    const admin = { Authorization: `Bearer ${token}` };
    const names = [...new Set(day0.map((c) => c.prenomApprenant ?? '').filter((n) => n.length > 2))].slice(0, 200);
    const search = (i: number) => ({
      url: `${server.url}/api/erp-sync/contracts?status=integrated&q=${encodeURIComponent(names[i % names.length])}&limit=50`,
      headers: admin,
    });
    await load({ requests: 200, concurrency: 4, next: search }); // warm-up
    const single = await load({ requests: 400, concurrency: 1, next: search });
    rows.push({
      label: 'search by first name, one at a time (HTTP)',
      note: `p50 ${percentile(single.latencies, 50).toFixed(1)} ms, p95 ${percentile(single.latencies, 95).toFixed(1)} ms, ${single.errors} errors`,
    });
    const crowd = await load({ requests: 2000, concurrency: 20, next: search });
    rows.push({
      label: 'search by first name, 20 at a time (HTTP)',
      note: `${((crowd.latencies.length / crowd.ms) * 1000).toFixed(0)} requests/s, p95 ${percentile(crowd.latencies, 95).toFixed(1)} ms, ${crowd.errors} errors`,
    });

    // A first import of N contracts pushed to another organisation, while cfa's admins work.
    let importDone = false;
    const t = performance.now();
    const push = fetch(`${server.url}/api/sync/v2/contrats`, {
      method: 'POST',
      headers: { Authorization: 'Bearer bench-erp-token-cfa2-012345678', 'Content-Type': 'application/json' },
      body: body0,
    }).then(async (res) => {
      const answer = (await res.json()) as { runId: string; status: string };
      // A large body is answered 202 at once: follow the run to its end.
      while (answer.status === 'running') {
        await new Promise((r) => setTimeout(r, 200));
        const run = (await (
          await fetch(`${server.url}/api/erp-sync/runs/${answer.runId}`, { headers: { Authorization: `Bearer ${token2}` } })
        ).json()) as { status: string };
        answer.status = run.status;
      }
      importDone = true;
      return { ms: performance.now() - t, status: answer.status };
    });
    const during = await load({
      until: () => importDone,
      concurrency: 4,
      next: (i) => (i % 2 === 0 ? { url: `${server.url}/api/erp-sync/summary`, headers: admin } : search(i)),
    });
    const pushed = await push;
    rows.push({ label: 'push of the first day to another organisation (HTTP, end to end)', ms: pushed.ms, note: `run ${pushed.status}` });
    rows.push({
      label: 'admin API of another organisation during that import',
      note: `${during.latencies.length} requests: p50 ${percentile(during.latencies, 50).toFixed(1)} ms, p99 ${percentile(during.latencies, 99).toFixed(1)} ms, max ${Math.max(...during.latencies).toFixed(0)} ms, ${during.errors} errors`,
    });
  } finally {
    rows.push({ label: 'server process', note: rss(await server.stop()) });
  }

  // ---- the same on PostgreSQL: a fresh database, ratios to a PostgreSQL floor ----
  const pgDb = await createTestDatabase();
  /** The database the PostgreSQL imports left, dropped at the end (dropping one dropped already does nothing). */
  let importedDb: TestDatabase | null = null;
  try {
    const pgFloors = await medianFloor(FLOOR_TIMES, () => measurePostgresFloor(body0, pgDb.url));
    const pgFloor = pgFloors.median;
    pgFloorMs = pgFloor.ms;
    rows.push({
      label: 'PostgreSQL floor: JSON.parse + one COPY into a JSONB table',
      ms: pgFloor.ms,
      floor: 'postgres',
      note: `median of ${spread(pgFloors.all)}: parse ${pgFloor.parseMs.toFixed(0)} ms + COPY ${pgFloor.copyMs.toFixed(0)} ms, table ${mb(pgFloor.tableBytes)}`,
    });
    const pgFirst = await timedPgImport(null, files[0], '2026-11-01');
    importedDb = pgFirst.db;
    rows.push({
      label: 'PostgreSQL: first import, CSV file through the CLI',
      ms: pgFirst.run.ms,
      floor: 'postgres',
      note: `${times(pgFirst)}, ${N} contracts, ${rss(pgFirst.run.usage)}; ${pgCpu(pgFirst, pgFloor.ms)}`,
    });
    const pgNext = await timedPgImport(pgFirst.db, files[1], '2026-11-02');
    importedDb = pgNext.db;
    rows.push({
      label: 'PostgreSQL: next day, 2 % changed, 0.5 % added, 0.5 % removed',
      ms: pgNext.run.ms,
      floor: 'postgres',
      note: `${times(pgNext)}: ${pgNext.run.stdout.split('\n')[2]?.trim() ?? ''}; ${pgCpu(pgNext, pgFloor.ms)}`,
    });
    const pgCfg = config(`${pgNext.db.url}?schema=erp_sync`);
    const pgServer = await startServer(checkout, pgCfg, usageFile);
    try {
      const token = await signAdminToken(SECRET, { org: 'cfa', ttlSeconds: 3600 });
      const names = [...new Set(day0.map((c) => c.prenomApprenant ?? '').filter((n) => n.length > 2))].slice(0, 200);
      const search = (i: number) => ({
        url: `${pgServer.url}/api/erp-sync/contracts?status=integrated&q=${encodeURIComponent(names[i % names.length])}&limit=50`,
        headers: { Authorization: `Bearer ${token}` },
      });
      await load({ requests: 200, concurrency: 4, next: search }); // warm-up
      const single = await load({ requests: 400, concurrency: 1, next: search });
      rows.push({
        label: 'PostgreSQL: search by first name, one at a time (HTTP)',
        note: `p50 ${percentile(single.latencies, 50).toFixed(1)} ms, p95 ${percentile(single.latencies, 95).toFixed(1)} ms, ${single.errors} errors`,
      });
    } finally {
      rows.push({ label: 'PostgreSQL: server process', note: rss(await pgServer.stop()) });
    }
  } finally {
    await pgDb.drop();
    await importedDb?.drop();
  }

  // ---- a million contracts, streamed ----
  if (MILLION) {
    const copies = Math.ceil(1_000_000 / N);
    const bigCsv = join(dir, 'million.csv');
    const out = createWriteStream(bigCsv);
    const all = [...replicated(day0, copies)].slice(0, 1_000_000);
    // Written by chunks of rows: one string of a million rows would not fit V8's limit.
    for (let i = 0; i < all.length; i += 50_000) {
      const text = toCsvText(all.slice(i, i + 50_000), '2026-11-01');
      out.write(encodeWindows1252(i === 0 ? text : text.slice(text.indexOf('\r\n', text.indexOf('\r\n') + 2) + 2)));
    }
    out.end();
    await once(out, 'finish');
    const bigDb = join(dir, 'million.sqlite');
    const bigCfg = config(bigDb);
    const csvRun = await cli(
      checkout,
      ['import', '--config', bigCfg, '--org', 'cfa', '--file', bigCsv, '--as-of', '2026-11-01'],
      usageFile,
    );
    rows.push({
      label: '1,000,000 contracts: CSV file through the CLI',
      ms: csvRun.ms,
      note: `exit ${csvRun.code}, ${mb(statSync(bigCsv).size)} CSV, ${rss(csvRun.usage)}`,
    });

    const server = await startServer(checkout, config(join(dir, 'million-push.sqlite')), usageFile);
    try {
      const t = performance.now();
      // The body streamed from a generator: the bench itself never holds a million contracts as one string.
      // The body made as it is sent, 5,000 contracts a piece: made all at once (a million chunks
      // queued before the first is sent) it held the whole gigabyte in the bench's memory, and the
      // upload outlasted fetch's 300 s wait for an answer.
      const enc = new TextEncoder();
      let next = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (next >= all.length) {
            controller.enqueue(enc.encode(']'));
            controller.close();
            return;
          }
          const end = Math.min(all.length, next + 5_000);
          let text = next === 0 ? '[' : '';
          for (let i = next; i < end; i++) text += `${i ? ',' : ''}${JSON.stringify(all[i])}`;
          next = end;
          controller.enqueue(enc.encode(text));
        },
      });
      const res = await fetch(`${server.url}/api/sync/v2/contrats`, {
        method: 'POST',
        headers: { Authorization: 'Bearer bench-erp-token-cfa2-012345678', 'Content-Type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      const answer = (await res.json()) as { runId: string; status: string };
      const token2 = await signAdminToken(SECRET, { org: 'cfa2', ttlSeconds: 3600 });
      while (answer.status === 'running') {
        await new Promise((r) => setTimeout(r, 1000));
        answer.status = (
          (await (
            await fetch(`${server.url}/api/erp-sync/runs/${answer.runId}`, { headers: { Authorization: `Bearer ${token2}` } })
          ).json()) as { status: string }
        ).status;
      }
      rows.push({ label: '1,000,000 contracts: JSON push to the server', ms: performance.now() - t, note: `run ${answer.status}` });
    } finally {
      rows.push({ label: '1,000,000 contracts: server process', note: rss(await server.stop()) });
    }
  }

  console.log(
    `erp-sync bench: ${N.toLocaleString('en')} contracts, Node ${process.version}, checkout ${checkout} (${productCommand(checkout).how}; Node options of its processes: ${nodeOptions || 'none'})`,
  );
  console.log('ratio = time / floor (JSON.parse + one SQLite insert transaction of the same rows, this run: the median of three)');
  console.log(
    'PostgreSQL rows: ratio = time / PostgreSQL floor (JSON.parse + one COPY of the same rows into a JSONB table, this run: the median of three)\n',
  );
  for (const r of rows) {
    const base = r.floor === 'postgres' ? pgFloorMs : floor.ms;
    const ratio = r.ms === undefined ? ''.padStart(8) : `${(r.ms / base).toFixed(2)}×`.padStart(8);
    const ms = r.ms === undefined ? ''.padStart(9) : `${r.ms.toFixed(0)} ms`.padStart(9);
    console.log(`${r.label.padEnd(66)} ${ratio} ${ms}  ${r.note}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
