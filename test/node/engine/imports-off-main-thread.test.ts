/**
 * Imports run in worker threads (issue #8), proven on the real pieces: a SQLite file, piscina
 * workers, HTTP on a port.
 *  - The worker's thread is terminated in the middle of writing a run: nothing of it is applied,
 *    the database is intact, and the same input applies on the next run.
 *  - While a 50,000-contract import runs, the HTTP thread keeps answering another organisation's
 *    admin requests (no timing asserted: answers are proven to arrive while the run is running).
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { contractList, runProgress, summary } from '../../../contract/index.ts';
import { parseConfig } from '../../../server/config/load.ts';
import { signAdminToken } from '../../../server/http/index.ts';
import { startServer } from '../../../server/node/start-server.ts';
import { parsePushBody } from '../../../server/sources/index.ts';
import { contract, openEnv, snap } from './helpers.ts';

const push = (items: unknown[]) => parsePushBody(JSON.stringify(items), Number.MAX_SAFE_INTEGER);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => contract(from + i));

/** What users see of an organisation's data: every table but the runs' own bookkeeping. */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name NOT IN ('runs', 'run_events') AND name NOT LIKE '%received%' ORDER BY name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
  } finally {
    db.close();
  }
}

test('the import worker terminated mid-write applies nothing; the next run applies the same input', async () => {
  const env = await openEnv();
  try {
    const runner = env.product.runner;
    await runner.importInput('cfa', snap(push(range(1, 2000))), { date: '2026-11-01' });
    const before = dump(env.config.database);
    // Day 2: 30 known contracts updated, 40,000 new ones: a write long enough to be cut.
    const day2 = [...range(1, 2000).map((c, i) => (i < 30 ? { ...c, nomEntreprise: `${c.nomEntreprise} SA` } : c)), ...range(2001, 42_000)];
    let runId = '';
    let cutAt: runProgress | null = null;
    const started = await runner.startInput('cfa', snap(push(day2)), {
      date: '2026-11-02',
      onProgress: (p) => {
        if (cutAt || p.phase !== 'writing' || p.done === 0 || !runId) return;
        cutAt = p;
        // Abandoning aborts the job: piscina terminates the worker thread, its transaction open.
        void runner.abandon('cfa', runId, { sub: 'test', name: 'Test' });
      },
    });
    runId = started.runId;
    await assert.rejects(started.done);
    const cut = cutAt as runProgress | null;
    assert.ok(cut && cut.done < (cut.total ?? 0), 'the thread was cut while writing');

    const run = await env.product.store.getRun('cfa', runId);
    assert.deepEqual([run?.status, run?.failure], ['failed', 'abandoned']);
    assert.deepEqual(
      run?.events.map((e) => [e.action, e.by.sub]),
      [['abandoned', 'test']],
      'the admin who stopped it is recorded',
    );
    await env.product.close();
    assert.deepEqual(dump(env.config.database), before, 'nothing of the cut run is applied');
    const db = new Database(env.config.database, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();

    const again = await (await env.reopen()).runner.importInput('cfa', snap(push(day2)), { date: '2026-11-02' });
    assert.equal(again.run.status, 'succeeded');
    assert.deepEqual([again.run.counts.added, again.run.counts.updated], [40_000, 30]);
  } finally {
    await env.cleanup();
  }
});

test('the HTTP thread answers another organisation while a 50,000-contract import runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-responsive-'));
  const secret = randomBytes(32).toString('hex');
  const server = await startServer(
    parseConfig({
      database: join(dir, 'erp-sync.sqlite'),
      port: 0,
      auth: { jwtSecret: secret },
      organizations: [
        { id: 'big', name: 'Grand CFA', erpToken: 'big-token-0123456789abcdef', source: { kind: 'push' } },
        { id: 'small', name: 'Petit CFA', erpToken: 'small-token-0123456789abcdef', source: { kind: 'push' } },
      ],
    }),
    { schedule: false },
  );
  const headers = async (org: string) => ({ Authorization: `Bearer ${await signAdminToken(secret, { org })}` });
  const get = async <T>(path: string, org: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: await headers(org) });
    assert.equal(res.status, 200, path);
    return (await res.json()) as T;
  };
  try {
    await server.product.runner.importInput('small', snap(push(range(1, 50))));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const bigPush = fetch(`${server.url}/api/sync/v2/contrats`, {
      method: 'POST',
      headers: { Authorization: 'Bearer big-token-0123456789abcdef', 'Content-Type': 'application/json' },
      body: JSON.stringify(range(1, 50_000)),
    });
    const bigRunning = async () => (await get<summary>('/api/erp-sync/summary', 'big')).lastRun?.status === 'running';
    while (!(await bigRunning())) await new Promise((r) => setTimeout(r, 20));

    // Answers from the small organisation, each bracketed by the big run seen running before and after.
    let answeredDuring = 0;
    let rounds = 0;
    while (await bigRunning()) {
      const [small, found] = await Promise.all([
        get<summary>('/api/erp-sync/summary', 'small'),
        get<contractList>('/api/erp-sync/contracts?status=integrated&q=NOM00007&limit=50', 'small'),
      ]);
      assert.equal(small.totals.integrated, 50);
      assert.deepEqual(
        found.items.map((c) => c.codeContrat),
        ['C00007'],
      );
      rounds++;
      if (await bigRunning()) answeredDuring++;
    }
    delay.disable();
    const done = await bigPush;
    assert.equal(done.status, 200);
    assert.ok(answeredDuring > 0, `no answer arrived while the import ran (${rounds} rounds)`);
    // Reported, not asserted: timings depend on the machine.
    console.log(
      `# ${answeredDuring} answer pairs during the import; event loop delay max ${(delay.max / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
