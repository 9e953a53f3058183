/**
 * `BENCH_ONLY=search npm run bench`: only the admin search, the way run.ts measures it (over HTTP,
 * the production build, an admin JWT), on SQLite and on PostgreSQL, without the rest of the bench.
 * The contracts are imported once through the CLI (the first day, then the next); the server is
 * then started on them for each measured round.
 *
 * BENCH_COMPARE=/path/other-checkout also measures that checkout (before/after in one run, on
 * the same machine load): the data is imported by it (the older schema; the newer checkout
 * migrates its own copy when its server starts), copied (a file copy, `CREATE DATABASE … TEMPLATE`),
 * and the rounds alternate between the two. BENCH_ROUNDS (2) rounds of each.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { csvMapping, toCsv } from '../../mock-api/fake-erp/index.ts';
import { signAdminToken } from '../../server/http/index.ts';
import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../node/support/postgres.ts';
import { firstDay, nextDay } from './data.ts';
import { load, percentile } from './load.ts';
import { cli, startServer } from './processes.ts';

const SECRET = 'bench-secret-that-is-long-enough-0123456789';

interface Target {
  label: string;
  checkout: string;
  /** The database the server opens: a SQLite file or a PostgreSQL URL. */
  database: string;
}

function writeConfig(dir: string, database: string): string {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      database,
      port: 0,
      auth: { jwtSecret: SECRET },
      organizations: [
        {
          id: 'cfa',
          name: 'CFA bench',
          erpToken: 'bench-erp-token-cfa-0123456789',
          source: { kind: 'csv', path: join(dir, 'none.csv'), mapping: csvMapping },
        },
      ],
    }),
  );
  return path;
}

const load1 = () => loadavg()[0].toFixed(2);

/** One round on one target: warm-up, then one at a time, then 20 at a time. */
async function measure(dir: string, target: Target, names: readonly string[], usageFile: string): Promise<string> {
  const server = await startServer(target.checkout, writeConfig(dir, target.database), usageFile);
  try {
    const token = await signAdminToken(SECRET, { org: 'cfa', ttlSeconds: 3600 });
    const search = (i: number) => ({
      url: `${server.url}/api/erp-sync/contracts?status=integrated&q=${encodeURIComponent(names[i % names.length])}&limit=50`,
      headers: { Authorization: `Bearer ${token}` },
    });
    await load({ requests: 200, concurrency: 4, next: search }); // warm-up
    const before = load1();
    const single = await load({ requests: 400, concurrency: 1, next: search });
    const crowd = await load({ requests: 2000, concurrency: 20, next: search });
    const errors = single.errors + crowd.errors;
    return (
      `${target.label.padEnd(34)} one at a time p50 ${percentile(single.latencies, 50).toFixed(1).padStart(5)} ms, ` +
      `p95 ${percentile(single.latencies, 95).toFixed(1).padStart(5)} ms | 20 at a time ` +
      `${((crowd.latencies.length / crowd.ms) * 1000).toFixed(0).padStart(4)} requests/s, p95 ${percentile(crowd.latencies, 95).toFixed(1)} ms | ` +
      `${errors} errors | load ${before} → ${load1()}`
    );
  } finally {
    await server.stop();
  }
}

/** A copy of a PostgreSQL database (no connection may be open on the source). */
async function cloneDatabase(source: TestDatabase): Promise<TestDatabase> {
  const copy = await createTestDatabase();
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(`DROP DATABASE ${copy.name}`);
    await c.query(`CREATE DATABASE ${copy.name} TEMPLATE ${source.name}`);
  } finally {
    await c.end();
  }
  return copy;
}

export async function searchBench(opts: { n: number; checkout: string; compare?: string; rounds: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-bench-search-'));
  const usageFile = join(dir, 'usage.json');
  const dbs: TestDatabase[] = [];
  try {
    const day0 = firstDay(opts.n);
    const day1 = nextDay(day0, 1);
    const files = [day0, day1].map((day, i) => {
      const path = join(dir, `day${i}.csv`);
      writeFileSync(path, toCsv(day, { encoding: 'windows-1252', date: '2026-11-01' }));
      return path;
    });
    const names = [...new Set(day0.map((c) => c.prenomApprenant ?? '').filter((n) => n.length > 2))].slice(0, 200);
    // The older checkout imports: the newer one opens (and migrates) a copy, never the reverse.
    const importer = opts.compare ?? opts.checkout;
    const importAll = async (database: string) => {
      const cfg = writeConfig(dir, database);
      for (const [i, file] of files.entries()) {
        const r = await cli(
          importer,
          ['import', '--config', cfg, '--org', 'cfa', '--file', file, '--as-of', `2026-11-0${i + 1}`],
          usageFile,
        );
        if (r.code !== 0) throw new Error(`import ${file} failed (${r.code}): ${r.stderr}`);
      }
    };

    const sqlite = join(dir, 'search.sqlite');
    await importAll(sqlite);
    const pgDb = await createTestDatabase();
    dbs.push(pgDb);
    await importAll(`${pgDb.url}?schema=erp_sync`);

    const targets: Target[] = [];
    if (opts.compare) {
      const copy = join(dir, 'search-new.sqlite');
      for (const suffix of ['', '-wal']) if (existsSync(sqlite + suffix)) copyFileSync(sqlite + suffix, copy + suffix);
      const pgCopy = await cloneDatabase(pgDb);
      dbs.push(pgCopy);
      targets.push({ label: 'SQLite, compared checkout', checkout: opts.compare, database: sqlite });
      targets.push({ label: 'SQLite, this checkout', checkout: opts.checkout, database: copy });
      targets.push({ label: 'PostgreSQL, compared checkout', checkout: opts.compare, database: `${pgDb.url}?schema=erp_sync` });
      targets.push({ label: 'PostgreSQL, this checkout', checkout: opts.checkout, database: `${pgCopy.url}?schema=erp_sync` });
    } else {
      targets.push({ label: 'SQLite', checkout: opts.checkout, database: sqlite });
      targets.push({ label: 'PostgreSQL', checkout: opts.checkout, database: `${pgDb.url}?schema=erp_sync` });
    }

    console.log(
      `erp-sync search bench: ${opts.n.toLocaleString('en')} contracts, GET /api/erp-sync/contracts?status=integrated&q=<first name>&limit=50, ` +
        `${names.length} first names, Node ${process.version}`,
    );
    for (let round = 1; round <= opts.rounds; round++) {
      for (const t of targets) console.log(`round ${round}  ${await measure(dir, t, names, usageFile)}`);
    }
  } finally {
    for (const db of dbs) await db.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
