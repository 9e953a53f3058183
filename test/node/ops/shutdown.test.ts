/**
 * SIGTERM on a real `serve` process in the middle of an import.
 *
 * 1. A large push is under way and the deadline is 0: the import is stopped at once. The
 *    database holds the previous state or the new one, never a mix; the process exits 0; the
 *    next start finds no run left running and the organisation free.
 * 2. A pull is under way (its ERP, this test, holds the answer) and the deadline is long: the
 *    server refuses new connections at once, lets the import finish once the ERP answers,
 *    then exits 0 with the new state applied.
 */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { signAdminToken } from '../../../server/http/index.ts';
import { decodeRecord } from '../../../server/store/common/record-codec.ts';
import { contract, SECRET, type Flat, ypareo } from '../engine/helpers.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';

const ERP_TOKEN = 'erp-token-push-0123456789';
let dir: string;
let erp: Server;
/** Resolves the pull source's second page: the ERP answers only when the test says so. */
let releasePage2: () => void = () => {};
let page2Asked: Promise<void>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pulled = Array.from({ length: 40 }, (_, i) => ypareo(contract(i + 1, { nomEntreprise: `Pulled ${i + 1}` })));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'erp-sync-shutdown-'));
  let page2: () => void = () => {};
  page2Asked = new Promise<void>((r) => {
    page2 = r;
  });
  const held = new Promise<void>((r) => {
    releasePage2 = r;
  });
  erp = createServer((req, res) => {
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
    const send = (items: unknown[]) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ total: pulled.length, contrats: items }));
    if (page === 1) send(pulled.slice(0, 20));
    else if (page === 2) {
      page2();
      void held.then(() => send(pulled.slice(20)));
    } else send([]);
  });
  erp.listen(0, '127.0.0.1');
  await once(erp, 'listening');
});

/** Every server started here: killed if a test failed before stopping it. */
const started: ServeProcess[] = [];
async function serve(file: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const s = await startServe(file, { env: { ERP_SYNC_LOG_LEVEL: 'info', ...env } });
  started.push(s);
  return s;
}

after(() => {
  for (const s of started) if (s.proc.exitCode === null) s.kill('SIGKILL');
  releasePage2();
  erp.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(name: string, deadlineSeconds: number): { file: string; database: string } {
  const database = join(dir, `${name}.sqlite`);
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      database,
      port: 0,
      auth: { jwtSecret: SECRET },
      // 100 contracts (~100 kB) are answered when applied; 25,000 (~25 MB) at once, 202.
      imports: { asyncPushBytes: 1_000_000, leaseSeconds: 600 },
      shutdown: { deadlineSeconds },
      organizations: [
        {
          id: 'cfa',
          name: 'CFA Push',
          erpToken: ERP_TOKEN,
          source: { kind: 'push' },
          removalGuard: { maxRatio: 1 },
          updateGuard: { maxRatio: 1, minContracts: 1 },
        },
        {
          id: 'cfa-pull',
          name: 'CFA Pull',
          erpToken: 'erp-token-pull-0123456789',
          source: {
            kind: 'pull',
            url: `http://127.0.0.1:${(erp.address() as AddressInfo).port}/r/v1/contrats`,
            pageSize: 20,
            timeoutMs: 600_000,
            retries: 0,
          },
        },
      ],
    }),
  );
  return { file, database };
}

/** Ready once its import workers answer (a few moments after it listens). */
async function waitReady(url: string): Promise<void> {
  for (let r = await fetch(`${url}/readyz`); r.status !== 200; r = await fetch(`${url}/readyz`)) {
    const body = (await r.json()) as { checks: Record<string, string> };
    assert.equal(r.status, 503);
    assert.deepEqual(
      Object.entries(body.checks).filter(([, v]) => v !== 'ok'),
      [['workers', 'not ready']],
      'only the workers may still be starting',
    );
    await sleep(100);
  }
}

async function push(url: string, rows: Flat[]): Promise<Response> {
  return fetch(`${url}/api/sync/v2/contrats`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ERP_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(rows),
  });
}

async function runOf(s: ServeProcess, org: string, runId: string): Promise<{ status: string; progress: unknown }> {
  const token = await signAdminToken(SECRET, { org });
  const r = await fetch(`${s.url}/api/erp-sync/runs/${runId}`, { headers: { Authorization: `Bearer ${token}` } });
  return (await r.json()) as { status: string; progress: unknown };
}

interface Stored {
  runs: { id: string; status: string; error: string | null }[];
  contracts: { code: string; company: string }[];
  changes: number;
}

function read(database: string, org: string): Stored {
  const db = new Database(database, { readonly: true });
  try {
    return {
      runs: db.prepare(`SELECT id, status, error FROM runs WHERE org = ? ORDER BY id`).all(org) as Stored['runs'],
      contracts: db
        .prepare(`SELECT code, data FROM contracts WHERE org = ? AND status = 'integrated' ORDER BY code`)
        .all(org)
        .map((row) => {
          const { code, data } = row as { code: string; data: string };
          return { code, company: String(decodeRecord(data).nomEntreprise ?? '') };
        }),
      changes: (db.prepare('SELECT COUNT(*) AS n FROM changes WHERE org = ?').get(org) as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

const small = Array.from({ length: 100 }, (_, i) => contract(i + 1));
// The same 100 contracts with a new employer each, and 59,900 more: a mix would show at once,
// and enough that the run is still reading or checking when the signal comes.
const large = Array.from({ length: 60_000 }, (_, i) => contract(i + 1, { nomEntreprise: `Nouvelle entreprise ${i + 1}` }));

test('SIGTERM during a large push with no deadline: previous or new state, never a mix; exit 0; a clean next start', async (t) => {
  const { file, database } = writeConfig('push', 0);
  // The server's own temporary folder: where the large push's body is spooled.
  const temp = mkdtempSync(join(tmpdir(), 'erp-sync-shutdown-tmp-'));
  const first = await serve(file, { TMPDIR: temp });
  const base = await push(first.url, small);
  assert.equal(base.status, 200, await base.text());
  const before = read(database, 'cfa');
  assert.equal(before.contracts.length, 100);

  const started = await push(first.url, large);
  assert.equal(started.status, 202);
  const { runId } = (await started.json()) as { runId: string };
  // Mid-import: the run says how far it is (reading, checking or writing).
  for (let run = await runOf(first, 'cfa', runId); run.progress === null; run = await runOf(first, 'cfa', runId)) {
    assert.equal(run.status, 'running', 'the run must still be under way when the signal comes');
    await sleep(10);
  }
  first.kill('SIGTERM');
  assert.equal(await first.exited(), 0);
  // (tsx, which runs the server's sources here, keeps its cache there too.)
  assert.deepEqual(
    readdirSync(temp).filter((name) => name.startsWith('erp-sync-')),
    [],
    'the spooled body is not left behind',
  );
  rmSync(temp, { recursive: true, force: true });

  const after = read(database, 'cfa');
  const run = after.runs.find((r) => r.id === runId);
  assert.ok(run && run.status !== 'running', 'the run is not left running');
  t.diagnostic(`the run was ${run.status === 'succeeded' ? 'over before the signal took effect: new state' : 'stopped: previous state'}`);
  if (run.status === 'succeeded') {
    assert.equal(after.contracts.length, large.length);
    assert.ok(
      after.contracts.every((c) => c.company.startsWith('Nouvelle entreprise')),
      'every contract is the new version',
    );
  } else {
    assert.equal(run.status, 'failed');
    assert.deepEqual(after.contracts, before.contracts, 'exactly the previous contracts, previous versions');
    assert.equal(after.changes, before.changes, 'no change of the stopped run was kept');
  }
  assert.ok(
    first.logLines().some((l) => l.includes('"shutdown complete"')),
    'the shutdown went to its end',
  );

  // The next start is clean: nothing to mark interrupted, the organisation is free at once.
  const second = await serve(file);
  try {
    assert.ok(!second.logLines().some((l) => l.includes('interrupted runs marked failed')));
    await waitReady(second.url);
    const again = await push(second.url, small);
    assert.equal(again.status, 200, await again.text());
  } finally {
    second.kill('SIGTERM');
    assert.equal(await second.exited(), 0);
  }
});

test('SIGTERM during a pull with a long deadline: no new connection, the import finishes, exit 0', async () => {
  const { file, database } = writeConfig('pull', 600);
  const s = await serve(file);
  const token = await signAdminToken(SECRET, { org: 'cfa-pull', sub: 'u-1' });
  const r = await fetch(`${s.url}/api/erp-sync/runs`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.status, 202);
  const { runId } = (await r.json()) as { runId: string };
  await page2Asked; // the import is under way, waiting for the ERP's second page

  s.kill('SIGTERM');
  await s.waitForLog((l) => l.msg === 'shutdown started', 'shutdown started');
  // The process is alive (its import waits for our ERP) but takes no new connection.
  const { hostname, port } = new URL(s.url);
  const refused = await new Promise<string>((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
  assert.equal(refused, 'ECONNREFUSED');
  assert.equal(s.proc.exitCode, null, 'still running its import');

  releasePage2();
  assert.equal(await s.exited(), 0);
  const after = read(database, 'cfa-pull');
  assert.deepEqual(
    after.runs.map((x) => [x.id, x.status]),
    [[runId, 'succeeded']],
  );
  assert.equal(after.contracts.length, pulled.length);
});
