/**
 * The logs of a real `serve` process through a whole session — imports with rejected contracts,
 * a malformed push quoting a name, refused tokens, every admin screen's requests (a search by a
 * learner's name included), a held run approved by a named admin, a metrics scrape, SIGTERM —
 * are JSON lines with request and run ids, at the configured level, and not one of them holds a
 * learner's or tutor's name or e-mail, an admin's name, or a token.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signAdminToken } from '../../../server/http/index.ts';
import { contract, SECRET, type Flat } from '../engine/helpers.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';

const ERP_TOKEN = 'erp-token-logs-0123456789';
const METRICS_TOKEN = 'metrics-token-0123456789';
const ADMIN_NAME = 'Claire Administratrice';
let dir: string;
let s: ServeProcess;
let lines: Record<string, unknown>[] = [];
let raw: string[] = [];
const secrets: string[] = [ERP_TOKEN, METRICS_TOKEN, ADMIN_NAME, 'DUPONT-SECRET', 'Zoé-Secrèt', 'secret.person@exemple.fr'];
const runIds: string[] = [];

const rows: Flat[] = Array.from({ length: 20 }, (_, i) =>
  contract(i + 1, i === 2 ? { emailApprenant: 'pas-un-email' } : i === 3 ? { nomEntreprise: '' } : {}),
);
for (const r of rows) {
  for (const f of ['nomApprenant', 'prenomApprenant', 'emailApprenant', 'nomMaitreApprentissage', 'emailMaitreApprentissage'])
    secrets.push(r[f]);
}
secrets.push(rows[0].emailPersonnel, rows[0].prenomPersonnel, rows[0].prenomMaitreApprentissage);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'erp-sync-logs-'));
  const file = join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      database: join(dir, 'erp-sync.sqlite'),
      port: 0,
      auth: { jwtSecret: SECRET },
      log: { level: 'debug' },
      metrics: { token: METRICS_TOKEN },
      organizations: [{ id: 'cfa', name: 'CFA Logs', erpToken: ERP_TOKEN, source: { kind: 'push' } }],
    }),
  );
  // The level comes from the config: no environment override.
  s = await startServe(file, { env: { ERP_SYNC_LOG_LEVEL: undefined } });
});

after(() => {
  if (s.proc.exitCode === null) s.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const pushRaw = (body: string, token = ERP_TOKEN) =>
  fetch(`${s.url}/api/sync/v2/contrats`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body,
  });

test('a whole session, then SIGTERM', async () => {
  const first = await pushRaw(JSON.stringify(rows));
  assert.equal(first.status, 200);
  runIds.push(((await first.json()) as { runId: string }).runId);

  // Refused bodies and tokens, each quoting personal data or a secret somewhere.
  assert.equal((await pushRaw('[{"nomApprenant": "DUPONT-SECRET", "emailApprenant": "secret.person@exemple.fr"} oops]')).status, 400);
  // V8 quotes the first ten characters of a body it cannot parse.
  assert.equal((await pushRaw('Zoé-Secrèt, apprentie')).status, 400);
  assert.equal((await pushRaw('[]', 'not-the-token-0123456789')).status, 401);

  const admin = await signAdminToken(SECRET, { org: 'cfa', sub: 'u-claire', name: ADMIN_NAME });
  secrets.push(admin);
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${path}`, { headers: { Authorization: `Bearer ${admin}`, ...headers } });
  const traced = await get('/api/erp-sync/summary', { 'X-Request-Id': 'lms-req-42' });
  assert.equal(traced.status, 200);
  assert.equal(traced.headers.get('X-Request-Id'), 'lms-req-42', 'the caller’s request id is returned');
  assert.match((await get('/api/erp-sync/summary')).headers.get('X-Request-Id') ?? '', /^[0-9a-f-]{36}$/, 'or a new one');
  for (const path of [
    `/api/erp-sync/contracts?q=${encodeURIComponent(`${rows[0].prenomApprenant} ${rows[0].nomApprenant}`)}`,
    '/api/erp-sync/contracts?status=rejected',
    `/api/erp-sync/contracts/${rows[0].codeContrat}`,
    `/api/erp-sync/contracts.csv?q=${rows[1].nomApprenant}`,
    '/api/erp-sync/history',
    `/api/erp-sync/history/${new Date().toISOString().slice(0, 10)}?q=${rows[2].nomApprenant}`,
  ]) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    await r.arrayBuffer();
  }
  assert.equal(
    (await fetch(`${s.url}/api/erp-sync/summary`, { headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJvcmciOiJjZmEifQ.forged' } }))
      .status,
    401,
  );

  // A held run (most contracts gone), approved by a named admin.
  const heldPush = await pushRaw(JSON.stringify(rows.slice(0, 3)));
  assert.equal(heldPush.status, 202);
  const held = ((await heldPush.json()) as { runId: string }).runId;
  runIds.push(held);
  const approved = await fetch(`${s.url}/api/erp-sync/runs/${held}/approve`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}` },
  });
  assert.equal(approved.status, 200);

  assert.equal((await fetch(`${s.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).status, 200);

  s.kill('SIGTERM');
  assert.equal(await s.exited(), 0);
  raw = s.logLines();
  lines = raw.map((l) => JSON.parse(l) as Record<string, unknown>);
});

test('every line is one JSON object with a level, a time, a message and the service', () => {
  assert.ok(lines.length > 10);
  for (const l of lines) {
    assert.equal(typeof l.level, 'string');
    assert.ok(!Number.isNaN(Date.parse(String(l.time))));
    assert.equal(typeof l.msg, 'string');
    assert.equal(l.service, 'erp-sync');
  }
});

test('request lines: request id, route pattern, status, organisation; never a query string', () => {
  const requests = lines.filter((l) => l.msg === 'request');
  assert.ok(requests.length >= 12);
  for (const r of requests) {
    assert.equal(typeof r.reqId, 'string');
    assert.equal(typeof r.status, 'number');
    assert.ok(!String(r.path).includes('?') && !JSON.stringify(r).includes('q='), 'no query string');
  }
  const traced = requests.find((r) => r.reqId === 'lms-req-42');
  assert.deepEqual([traced?.route, traced?.status, traced?.org], ['/api/erp-sync/summary', 200, 'cfa']);
  const detail = requests.find((r) => r.path === `/api/erp-sync/contracts/${rows[0].codeContrat}`);
  assert.equal(detail?.route, '/api/erp-sync/contracts/:code');
  assert.ok(requests.some((r) => r.route === '/api/sync/v2/contrats' && r.status === 400));
  assert.ok(requests.some((r) => r.status === 401));
  // /metrics is polled: logged at debug, shown because the configured level is debug.
  assert.equal(requests.find((r) => r.path === '/metrics')?.level, 'debug');
});

test('run lines carry the run id, the organisation and counts', () => {
  const ended = lines.filter((l) => l.msg === 'run ended');
  // The two malformed bodies opened runs that failed reading them (their errors are scrubbed).
  assert.deepEqual(
    ended.map((l) => [l.runId === runIds[0] || l.runId === runIds[1] ? l.runId : 'other', l.org, l.status]),
    [
      [runIds[0], 'cfa', 'succeeded'],
      ['other', 'cfa', 'failed'],
      ['other', 'cfa', 'failed'],
      [runIds[1], 'cfa', 'held'],
      [runIds[1], 'cfa', 'succeeded'],
    ],
  );
  assert.match(String(ended[1].error), /JSON invalide/);
  assert.deepEqual([ended[0].received, ended[0].rejected, ended[0].newlyRejected], [20, 2, 2]);
  assert.ok(lines.some((l) => l.msg === 'shutdown complete'));
});

test('no line holds a name, an e-mail address or a token', () => {
  const all = raw.join('\n');
  const found = [...new Set(secrets)].filter((x) => x !== '' && all.includes(x));
  assert.deepEqual(found, []);
  assert.doesNotMatch(all, /[\w.+-]+@[\w-]+\.[\w.]+/, 'no e-mail address at all');
});
