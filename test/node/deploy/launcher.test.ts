/**
 * The production launcher (server/deploy/erp-sync.sh), run by the real shell beside a stand-in
 * cli.js that reports how it was started: --single-threaded-gc on two cores or fewer (taskset
 * gives it one), not beyond, as ERP_SYNC_SINGLE_THREADED_GC says when set; the arguments as
 * given, through a symbolic link too; and node in the launcher's place (exec), so a supervisor's
 * signals and the exit status are node's own.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'erp-sync-launcher-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const launcher = join(dir, 'erp-sync');
copyFileSync(resolve('server/deploy/erp-sync.sh'), launcher);
chmodSync(launcher, 0o755);
// Reports its options, arguments and PID; exits with the status its first argument asks for,
// or waits for SIGTERM and exits 0 on it (9 after 30 s: never left behind by a failed test).
writeFileSync(
  join(dir, 'cli.js'),
  // The SIGTERM handler is in place before the line that tells the test to send it.
  `if (process.argv[2] === 'wait') { process.on('SIGTERM', () => process.exit(0)); setTimeout(() => process.exit(9), 30000); }
   console.log(JSON.stringify({ execArgv: process.execArgv, argv: process.argv.slice(2), pid: process.pid }));
   if (process.argv[2] !== 'wait') process.exit(Number(process.argv[2] ?? 0));`,
);

interface Started {
  execArgv: string[];
  argv: string[];
  pid: number;
}

function run(args: string[], env: Record<string, string> = {}, file = launcher, prefix: string[] = []) {
  const r = spawnSync(prefix[0] ?? file, [...prefix.slice(1), ...(prefix.length ? [file] : []), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ERP_SYNC_SINGLE_THREADED_GC: '', NODE: process.execPath, ...env },
  });
  return { status: r.status, stderr: r.stderr, started: r.stdout ? (JSON.parse(r.stdout) as Started) : null };
}

test('on this machine: single-threaded GC when it has two cores or fewer, else V8 default', () => {
  const r = run(['0']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.started?.execArgv, availableParallelism() <= 2 ? ['--single-threaded-gc'] : []);
});

test('on one core (taskset): single-threaded GC', () => {
  const r = run(['0'], {}, launcher, ['taskset', '-c', '0']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.started?.execArgv, ['--single-threaded-gc']);
});

test('ERP_SYNC_SINGLE_THREADED_GC decides instead of the cores; any other value is refused', () => {
  assert.deepEqual(run(['0'], { ERP_SYNC_SINGLE_THREADED_GC: '1' }).started?.execArgv, ['--single-threaded-gc']);
  assert.deepEqual(run(['0'], { ERP_SYNC_SINGLE_THREADED_GC: '0' }).started?.execArgv, []);
  assert.deepEqual(
    run(['0'], { ERP_SYNC_SINGLE_THREADED_GC: 'auto' }).started?.execArgv,
    availableParallelism() <= 2 ? ['--single-threaded-gc'] : [],
  );
  const bad = run(['0'], { ERP_SYNC_SINGLE_THREADED_GC: 'yes' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /ERP_SYNC_SINGLE_THREADED_GC must be 1, 0 or auto/);
  assert.equal(bad.started, null, 'node is not started');
});

test('the arguments as given, through a symbolic link too, and the exit status of node', () => {
  const link = join(mkdtempSync(join(dir, 'bin-')), 'erp-sync');
  symlinkSync(launcher, link);
  const r = run(['3', 'import', '--file', 'a file with spaces.csv', '*'], {}, link);
  assert.equal(r.status, 3);
  assert.deepEqual(r.started?.argv, ['3', 'import', '--file', 'a file with spaces.csv', '*']);
});

test('node takes the launcher’s place: same PID, and SIGTERM reaches it', { timeout: 20_000 }, async () => {
  const child = spawn(launcher, ['wait'], { env: { ...process.env, NODE: process.execPath }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const started = JSON.parse(line.toString()) as Started;
  assert.equal(started.pid, child.pid, 'exec: no shell left between the supervisor and node');
  try {
    child.kill('SIGTERM');
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    assert.deepEqual([code, signal], [0, null]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
