/**
 * Two real `serve` processes on one PostgreSQL database, as an LMS runs them behind a load
 * balancer.
 *
 * 1. Concurrent pushes for one organisation to both: one run at a time, the others answered
 *    409 with the running run's id, never a double apply.
 * 2. A scheduled tick firing on both: each occurrence is run by one instance only.
 * 3. A run held by the guard on one instance is previewed and approved on the other, once.
 * 4. One instance SIGKILLed mid-run: the database holds the previous state, and the other
 *    instance runs the organisation right after (no lease to wait for: the lock died with the
 *    killed instance's connection).
 */
import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { signAdminToken } from '../../../server/http/index.ts';
import { decodeRecord } from '../../../server/store/common/record-codec.ts';
import { contract, type Flat, SECRET, ypareo } from '../engine/helpers.ts';
import { fileDatabase } from '../support/postgres.ts';
import { type ServeProcess, startServe } from '../support/serve-process.ts';

const ERP_TOKEN = 'erp-token-push-0123456789';
const db = fileDatabase();
let dir: string;
let erp: Server;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pulled = Array.from({ length: 30 }, (_, i) => ypareo(contract(i + 1)));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'erp-sync-instances-'));
  erp = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ total: pulled.length, contrats: pulled }));
  });
  erp.listen(0, '127.0.0.1');
  await once(erp, 'listening');
});

const started: ServeProcess[] = [];
after(async () => {
  for (const s of started) if (s.proc.exitCode === null) s.kill('SIGKILL');
  await Promise.all(started.map((s) => s.exited()));
  erp.close();
  rmSync(dir, { recursive: true, force: true });
  await db.dropAll();
});

/** A config on the file's PostgreSQL database; `scheduled`: the pull organisation runs every other second. */
async function writeConfig(name: string, scheduled: boolean): Promise<string> {
  const { url } = await db.get();
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      database: { url, schema: name, poolSize: 4 },
      port: 0,
      auth: { jwtSecret: SECRET },
      // A lease far longer than the test: only the lock dying with its connection can free a killed instance's run.
      // 2,000 contracts (~2 MB) are answered when applied; 30,000 (~30 MB) at once, 202.
      imports: { asyncPushBytes: 10_000_000, leaseSeconds: 3600 },
      shutdown: { deadlineSeconds: 5 },
      organizations: [
        {
          id: 'cfa',
          name: 'CFA Push',
          erpToken: ERP_TOKEN,
          source: { kind: 'push' },
          removalGuard: { maxRatio: 1 },
          updateGuard: { maxRatio: 1, minContracts: 1 },
        },
        // The default guards: a push removing most contracts is held for an admin's approval.
        { id: 'cfa-guard', name: 'CFA Guard', erpToken: 'erp-token-guard-0123456789', source: { kind: 'push' } },
        {
          id: 'cfa-pull',
          name: 'CFA Pull',
          erpToken: 'erp-token-pull-0123456789',
          source: { kind: 'pull', url: `http://127.0.0.1:${(erp.address() as AddressInfo).port}/r/v1/contrats`, pageSize: 100, retries: 0 },
          // Never within the test unless asked: far from now.
          schedule: scheduled ? '*/2 * * * * *' : '0 2 1 1 *',
        },
      ],
    }),
  );
  return file;
}

async function serve(file: string): Promise<ServeProcess> {
  const s = await startServe(file, { env: { ERP_SYNC_LOG_LEVEL: 'info' } });
  started.push(s);
  for (let r = await fetch(`${s.url}/readyz`); r.status !== 200; r = await fetch(`${s.url}/readyz`)) await sleep(100);
  return s;
}

async function stop(s: ServeProcess): Promise<void> {
  s.kill('SIGTERM');
  assert.equal(await s.exited(), 0);
}

function push(url: string, rows: Flat[], token = ERP_TOKEN): Promise<Response> {
  return fetch(`${url}/api/sync/v2/contrats`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(rows),
  });
}

async function query<R>(schema: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: (await db.get()).url, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as R[];
  } finally {
    await c.end();
  }
}

test('concurrent pushes for one organisation to two instances: one applied at a time, the others 409, never a double apply', async () => {
  const file = await writeConfig('pushes', false);
  const [a, b] = [await serve(file), await serve(file)];
  try {
    const rows = Array.from({ length: 2000 }, (_, i) => contract(i + 1));
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => push(i % 2 === 0 ? a.url : b.url, rows)));
    const statuses = answers.map((r) => r.status);
    assert.ok(
      statuses.every((s) => s === 200 || s === 409),
      `only applied or refused: ${statuses.join(',')}`,
    );
    assert.ok(statuses.includes(200) && statuses.includes(409), `both outcomes: ${statuses.join(',')}`);
    const runs = await query<{ id: string; status: string; started_at: string; finished_at: string }>(
      'pushes',
      `SELECT id, status, started_at, finished_at FROM runs WHERE org = 'cfa' ORDER BY started_at, id`,
    );
    // Refused by the other instance's run (through the database), a 409 names that run, as on one instance;
    // refused in the instance itself before its own run had an id, it may not.
    const named = answers.filter((x) => x.status === 409).map((r) => r.headers.get('X-Run-Id'));
    assert.ok(
      named.some((id) => id !== null),
      'a refusal names the running run',
    );
    for (const id of named.filter((x) => x !== null)) {
      assert.ok(
        runs.some((x) => x.id === id),
        `a refusal names a real run (${id})`,
      );
    }
    assert.deepEqual(
      runs.map((r) => r.status),
      statuses.filter((s) => s === 200).map(() => 'succeeded'),
      'one succeeded run per 200, nothing else',
    );
    // One at a time: each run started after the previous one finished, whichever instance ran it.
    for (let i = 1; i < runs.length; i++) assert.ok(runs[i].started_at >= runs[i - 1].finished_at, `run ${i} overlaps run ${i - 1}`);
    const added = await query<{ n: number }>('pushes', `SELECT COUNT(*)::int AS n FROM changes WHERE org = 'cfa' AND kind = 'added'`);
    assert.deepEqual(added, [{ n: rows.length }], 'every contract added once: no two runs applied over the same state');
    const stored = await query<{ n: number }>('pushes', `SELECT COUNT(*)::int AS n FROM contracts WHERE org = 'cfa'`);
    assert.deepEqual(stored, [{ n: rows.length }]);
    // Once it is over, the organisation is free on either instance.
    assert.equal((await push(b.url, rows)).status, 200);
    assert.equal((await push(a.url, rows)).status, 200);
  } finally {
    await Promise.all([stop(a), stop(b)]);
  }
});

test('a scheduled tick firing on two instances: each occurrence runs once', async () => {
  const file = await writeConfig('ticks', true);
  const [a, b] = [await serve(file), await serve(file)];
  // Until both instances have fired on at least one same occurrence (one won it, the other was told).
  const won = (s: ServeProcess) =>
    s
      .logLines()
      .map((l) => /scheduled run of cfa-pull \((\S+)\)/.exec(l)?.[1])
      .filter((x): x is string => x !== undefined);
  const lost = (s: ServeProcess) =>
    s
      .logLines()
      .map((l) => /scheduled run of cfa-pull \((\S+)\) already taken/.exec(l)?.[1])
      .filter((x): x is string => x !== undefined);
  const both = () => [...won(a), ...won(b)].filter((slot) => [...lost(a), ...lost(b)].includes(slot));
  for (let waited = 0; both().length < 2; waited += 200) {
    assert.ok(waited < 60_000, 'the two instances fired on the same occurrences');
    await sleep(200);
  }
  await Promise.all([stop(a), stop(b)]);
  const wonA = won(a).filter((s) => !lost(a).includes(s));
  const wonB = won(b).filter((s) => !lost(b).includes(s));
  assert.deepEqual(
    wonA.filter((slot) => wonB.includes(slot)),
    [],
    'no occurrence run by both',
  );
  const claims = await query<{ slot: string }>('ticks', `SELECT slot FROM schedule_claims WHERE org = 'cfa-pull' ORDER BY slot`);
  const claimed = claims.map((c) => c.slot);
  assert.deepEqual(
    [...wonA, ...wonB].filter((slot) => !claimed.includes(slot)),
    [],
    'every occurrence run was claimed first',
  );
  const runs = await query<{ n: number }>('ticks', `SELECT COUNT(*)::int AS n FROM runs WHERE org = 'cfa-pull'`);
  assert.ok(runs[0].n <= claims.length, `never more runs (${runs[0].n}) than occurrences claimed (${claims.length})`);
});

test('a run held on one instance is previewed and approved on the other, once', async () => {
  const file = await writeConfig('approvals', false);
  const [a, b] = [await serve(file), await serve(file)];
  try {
    const guardToken = 'erp-token-guard-0123456789';
    const all = Array.from({ length: 100 }, (_, i) => contract(i + 1));
    assert.equal((await push(a.url, all, guardToken)).status, 200);
    const held = await push(a.url, all.slice(0, 10), guardToken);
    assert.equal(held.status, 202, await held.clone().text());
    const { runId } = (await held.json()) as { runId: string };
    const admin = { Authorization: `Bearer ${await signAdminToken(SECRET, { org: 'cfa-guard', sub: 'u-approver' })}` };

    const preview = await fetch(`${b.url}/api/erp-sync/runs/${runId}/preview?kind=archive&limit=5`, { headers: admin });
    assert.equal(preview.status, 200);
    assert.equal(((await preview.json()) as { total: number }).total, 90, 'the other instance shows what approving would archive');
    const approved = await fetch(`${b.url}/api/erp-sync/runs/${runId}/approve`, { method: 'POST', headers: admin });
    assert.equal(approved.status, 200, await approved.clone().text());
    assert.equal(((await approved.json()) as { status: string }).status, 'succeeded');
    const again = await fetch(`${a.url}/api/erp-sync/runs/${runId}/approve`, { method: 'POST', headers: admin });
    assert.equal(again.status, 409, 'approved once, whichever instance is asked again');

    const counts = await query<{ status: string; n: number }>(
      'approvals',
      `SELECT status, COUNT(*)::int AS n FROM contracts WHERE org = 'cfa-guard' GROUP BY status ORDER BY status`,
    );
    assert.deepEqual(counts, [
      { status: 'archived', n: 90 },
      { status: 'integrated', n: 10 },
    ]);
    const events = await query<{ action: string; actor_sub: string }>(
      'approvals',
      'SELECT action, actor_sub FROM run_events WHERE run_id = $1',
      [runId],
    );
    assert.deepEqual(events, [{ action: 'approved', actor_sub: 'u-approver' }]);
  } finally {
    await Promise.all([stop(a), stop(b)]);
  }
});

test('an instance SIGKILLed mid-run: the previous state stays, and the other instance runs the organisation right after', async () => {
  const file = await writeConfig('kill', false);
  const [a, b] = [await serve(file), await serve(file)];
  try {
    const small = Array.from({ length: 100 }, (_, i) => contract(i + 1));
    assert.equal((await push(b.url, small)).status, 200);
    const contracts = async () =>
      (await query<{ code: string; data: string }>('kill', `SELECT code, data FROM contracts WHERE org = 'cfa' ORDER BY code`)).map((r) => [
        r.code,
        decodeRecord(r.data).nomEntreprise,
      ]);
    const before = await contracts();

    const large = Array.from({ length: 30_000 }, (_, i) => contract(i + 1, { nomEntreprise: `Nouvelle entreprise ${i + 1}` }));
    const accepted = await push(a.url, large);
    assert.equal(accepted.status, 202);
    const { runId } = (await accepted.json()) as { runId: string };
    const token = await signAdminToken(SECRET, { org: 'cfa' });
    // Mid-run: it says how far it is.
    for (;;) {
      const r = (await (await fetch(`${a.url}/api/erp-sync/runs/${runId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        status: string;
        progress: unknown;
      };
      assert.equal(r.status, 'running', 'the run must still be under way when the instance is killed');
      if (r.progress !== null) break;
      await sleep(10);
    }
    a.kill('SIGKILL');
    await a.exited();

    assert.deepEqual(await contracts(), before, 'exactly the previous contracts');
    // Right after, on the other instance: no 409, although the killed run's lease runs for an hour.
    const again = await push(b.url, small);
    assert.equal(again.status, 200, await again.text());
    const killed = await query<{ status: string; failure: string }>('kill', 'SELECT status, failure FROM runs WHERE id = $1', [runId]);
    assert.deepEqual(killed, [{ status: 'failed', failure: 'interrupted' }]);
    assert.deepEqual(await contracts(), before);
  } finally {
    await stop(b);
  }
});
