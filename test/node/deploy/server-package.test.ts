/**
 * The production install, in a fresh copy: `npm run build:server`, dist/server copied to a
 * temporary folder outside the repository, `npm ci --omit=dev` there (from the npm cache or the
 * registry; better-sqlite3 compiles: minutes), then its launcher runs `serve` (probes answer, the
 * import workers load their compiled module) and plain Node — no tsx, no TypeScript — a CLI
 * `import` beside it. The widget package still brings only lit, @lit/task and zod to a host.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { contract, SECRET } from '../engine/helpers.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';

const ERP_TOKEN = 'erp-token-deploy-0123456789';
let dir: string;
let app: string;
let server: ServeProcess | null = null;

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    // node-gyp compiles better-sqlite3 on every core.
    env: { ...process.env, JOBS: 'max' },
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'erp-sync-deploy-'));
  app = join(dir, 'erp-sync-server');
});

after(() => {
  if (server && server.proc.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('the widget package brings only lit, @lit/task and zod to a host', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['@lit/task', 'lit', 'zod']);
});

test('build:server gives a package of its own: bundled code, pinned runtime dependencies, a lock', () => {
  run('npm', ['run', '--silent', 'build:server'], process.cwd());
  cpSync(resolve('dist/server'), app, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; type: string };
  const rootLock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version: string }> };
  assert.equal(pkg.type, 'module');
  for (const [name, version] of Object.entries(pkg.dependencies)) {
    assert.equal(version, rootLock.packages[`node_modules/${name}`].version, `${name} pinned from the root lock`);
  }
  for (const dev of ['typescript', 'tsx', 'vite', 'msw', 'lit']) assert.ok(!(dev in pkg.dependencies), `${dev} is not a server dependency`);
  // The entries side by side: the threads are started from files beside the code that starts them.
  for (const entry of ['cli.js', 'import-worker.js', 'threaded-input-worker.js']) assert.ok(existsSync(join(app, entry)), entry);
  // And the launcher a host runs (server/deploy/erp-sync.sh), executable, named by the package.
  assert.ok((statSync(join(app, 'erp-sync')).mode & 0o111) !== 0, 'erp-sync is executable');
  assert.deepEqual((pkg as { bin?: unknown }).bin, { 'erp-sync': 'erp-sync' });
  // Packages loaded only when used (a PostgreSQL database, SMTP configured) are dependencies too.
  for (const lazy of ['pg', 'pg-copy-streams', 'nodemailer']) assert.ok(lazy in pkg.dependencies, `${lazy} is a server dependency`);
  assert.ok(existsSync(join(app, 'package-lock.json')));
});

test('npm ci --omit=dev installs it with no development tool', () => {
  run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], app);
  for (const dev of ['typescript', 'tsx', 'vite', 'esbuild', 'msw', '@web/test-runner', 'playwright-core', '@biomejs/biome']) {
    assert.ok(!existsSync(join(app, 'node_modules', dev)), `${dev} must not be installed`);
  }
  assert.ok(existsSync(join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')), 'the SQLite driver is built');
  for (const lazy of ['pg', 'pg-copy-streams', 'nodemailer'])
    assert.ok(existsSync(join(app, 'node_modules', lazy, 'package.json')), `${lazy} is installed`);
});

test('its launcher serves it, and plain Node runs its CLI import beside the server', async () => {
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      database: join(dir, 'data/erp-sync.sqlite'),
      port: 0,
      auth: { jwtSecret: SECRET },
      organizations: [{ id: 'cfa', name: 'CFA', erpToken: ERP_TOKEN, source: { kind: 'push' } }],
    }),
  );
  writeFileSync(join(dir, 'contrats.json'), JSON.stringify(Array.from({ length: 25 }, (_, i) => contract(i + 1))));

  // The launcher execs this Node (NODE): SIGTERM below reaches the server itself, and its exit status comes back.
  server = await startServe(config, { command: { file: join(app, 'erp-sync'), args: [], cwd: app }, env: { NODE: process.execPath } });
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  // Ready includes the import workers: their compiled module loaded and opened the database.
  for (let r = await fetch(`${server.url}/readyz`); r.status !== 200; r = await fetch(`${server.url}/readyz`)) {
    await new Promise((w) => setTimeout(w, 100));
  }

  const imported = run(
    process.execPath,
    ['cli.js', 'import', '--config', config, '--org', 'cfa', '--file', join(dir, 'contrats.json')],
    app,
  );
  assert.match(imported.stdout, /: succeeded\n {2}received 25 · integrated 25 · not integrated 0/);
  const list = await fetch(`${server.url}/api/sync/v1/contrats`, { headers: { Authorization: `Bearer ${ERP_TOKEN}` } });
  assert.equal(((await list.json()) as { total: number }).total, 25, 'the server reads what the CLI imported');

  // And a push goes through the server's own import worker.
  const pushed = await fetch(`${server.url}/api/sync/v2/contrats`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ERP_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(Array.from({ length: 26 }, (_, i) => contract(i + 1))),
  });
  assert.equal(pushed.status, 200);
  assert.equal(((await pushed.json()) as { added: number }).added, 1);

  server.kill('SIGTERM');
  assert.equal(await server.exited(), 0);
});
