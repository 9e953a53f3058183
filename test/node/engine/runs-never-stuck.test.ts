/**
 * Runs never stay stuck, and answers match the README (issue #9), on the real server: HTTP on a
 * port, a SQLite file, imports in worker threads.
 *  - POST /runs answers 202 at once with a run visible as running; reading the ERP (here one that
 *    never answers) happens inside the run; an admin can abandon it, and who did is recorded.
 *  - Two pushes for one organisation: the second is answered 409 with the running run's id.
 *  - Another process holding SQLite's write lock does not freeze the server: reads answer while
 *    the lock is held, a push waits for it without blocking anything.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { runAccepted, runSummary, summary, syncPushResult } from '../../../contract/index.ts';
import { parseConfig } from '../../../server/config/load.ts';
import { signAdminToken } from '../../../server/http/index.ts';
import { startServer, type RunningServer } from '../../../server/node/start-server.ts';
import { contract } from './helpers.ts';

let dir: string;
let server: RunningServer;
let silentErp: Server;
const SECRET = randomBytes(32).toString('hex');
const PUSH_TOKEN = 'push-token-0123456789abcdef';
let admin: Record<string, string>;
let pushAdmin: Record<string, string>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'erp-sync-stuck-'));
  // An ERP that accepts the connection and never answers.
  silentErp = createServer(() => undefined);
  await new Promise<void>((r) => silentErp.listen(0, '127.0.0.1', () => r()));
  const erpUrl = `http://127.0.0.1:${(silentErp.address() as AddressInfo).port}/r/v1/contrats`;
  const config = parseConfig({
    database: join(dir, 'erp-sync.sqlite'),
    port: 0,
    auth: { jwtSecret: SECRET },
    organizations: [
      {
        id: 'cfa',
        name: 'CFA pull',
        erpToken: 'pull-token-0123456789abcdef',
        source: { kind: 'pull', url: erpUrl, timeoutMs: 60_000, retries: 0 },
      },
      { id: 'cfa2', name: 'CFA push', erpToken: PUSH_TOKEN, source: { kind: 'push' } },
    ],
  });
  server = await startServer(config, { schedule: false });
  admin = { Authorization: `Bearer ${await signAdminToken(SECRET, { org: 'cfa', sub: 'u-42', name: 'Claire Admin' })}` };
  pushAdmin = { Authorization: `Bearer ${await signAdminToken(SECRET, { org: 'cfa2' })}` };
});

after(async () => {
  await server.close();
  silentErp.closeAllConnections();
  await new Promise<void>((r) => silentErp.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

const json = async <T>(res: Response) => (await res.json()) as T;

test('POST /runs answers 202 at once with a running run; a stuck run is abandoned by an admin, who is recorded', async () => {
  const res = await fetch(`${server.url}/api/erp-sync/runs`, { method: 'POST', headers: admin });
  assert.equal(res.status, 202);
  const { runId } = await json<runAccepted>(res);
  const sum = await json<summary>(await fetch(`${server.url}/api/erp-sync/summary`, { headers: admin }));
  assert.equal(sum.lastRun?.id, runId);
  assert.equal(sum.lastRun?.status, 'running', 'visible as running while the ERP does not answer');
  assert.deepEqual(
    sum.lastRun?.events.map((e) => [e.action, e.by.sub, e.by.name]),
    [['started', 'u-42', 'Claire Admin']],
  );
  // A second start while it runs is refused with the running run's id.
  const again = await fetch(`${server.url}/api/erp-sync/runs`, { method: 'POST', headers: admin });
  assert.equal(again.status, 409);
  assert.equal(again.headers.get('X-Run-Id'), runId);

  const abandoned = await fetch(`${server.url}/api/erp-sync/runs/${runId}/abandon`, { method: 'POST', headers: admin });
  assert.equal(abandoned.status, 200);
  const run = await json<runSummary>(abandoned);
  assert.deepEqual([run.status, run.failure, run.error], ['failed', 'abandoned', 'abandoned']);
  assert.deepEqual(
    run.events.map((e) => e.action),
    ['started', 'abandoned'],
  );
  assert.equal((await fetch(`${server.url}/api/erp-sync/runs/${runId}/abandon`, { method: 'POST', headers: admin })).status, 409);
  // The organisation is free again at once.
  const next = await fetch(`${server.url}/api/erp-sync/runs`, { method: 'POST', headers: admin });
  assert.equal(next.status, 202);
  const { runId: nextId } = await json<runAccepted>(next);
  assert.equal((await fetch(`${server.url}/api/erp-sync/runs/${nextId}/abandon`, { method: 'POST', headers: admin })).status, 200);
});

test('two pushes for one organisation: the second is answered 409 with the running run’s id', async () => {
  // A long first push and a one-contract second one, so the second is received while the first still runs.
  const long = JSON.stringify(Array.from({ length: 12000 }, (_, i) => contract(i + 1)));
  const push = (body = long) =>
    fetch(`${server.url}/api/sync/v2/contrats`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${PUSH_TOKEN}`, 'Content-Type': 'application/json' },
      body,
    });
  const first = push();
  // Wait until the first one runs, then send the second.
  let running: runSummary | null = null;
  for (let i = 0; i < 600 && !running; i++) {
    const s = await json<summary>(await fetch(`${server.url}/api/erp-sync/summary`, { headers: pushAdmin }));
    if (s.lastRun?.status === 'running') running = s.lastRun;
    else await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(running, 'the first push became a running run');
  const second = await push(JSON.stringify([contract(1)]));
  assert.equal(second.status, 409);
  assert.equal(second.headers.get('X-Run-Id'), running.id);
  const err = await json<{ error: string; code: string }>(second);
  assert.deepEqual([err.error, err.code], ['run in progress', 'RUN_IN_PROGRESS']);
  const done = await first;
  assert.equal(done.status, 200);
  assert.equal((await json<syncPushResult>(done)).runId, running.id);
});

test('another process holding the write lock does not freeze the server: reads answer meanwhile, a push waits', async () => {
  const database = server.product.config.database;
  // A process that takes SQLite's write lock, says so, holds it 2 s, then says it let go.
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const D = require(${JSON.stringify(resolve('node_modules/better-sqlite3'))});
       const db = new D(${JSON.stringify(database)});
       db.exec('BEGIN IMMEDIATE');
       console.log('LOCKED');
       setTimeout(() => { db.exec('COMMIT'); console.log('RELEASED'); db.close(); }, 2000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const events: string[] = [];
  let out = '';
  holder.stdout.on('data', (d) => {
    out += d;
    for (const word of ['LOCKED', 'RELEASED']) if (out.includes(word) && !events.includes(word)) events.push(word);
  });
  while (!events.includes('LOCKED')) await new Promise((r) => setTimeout(r, 10));

  const push = fetch(`${server.url}/api/sync/v2/contrats`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${PUSH_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify([contract(1), contract(2)]),
  }).then((res) => {
    // 202: held, since the previous test left 4,000 contracts of which this push keeps 2.
    events.push(`push ${res.status}`);
    return res;
  });
  const read = await fetch(`${server.url}/api/erp-sync/summary`, { headers: admin });
  events.push(`read ${read.status}`);
  await push;
  assert.deepEqual(events.slice(0, 2), ['LOCKED', 'read 200'], 'the read answered while the lock was held');
  assert.deepEqual(events.slice(2), ['RELEASED', 'push 202'], 'the push waited for the lock, then ran');
});
