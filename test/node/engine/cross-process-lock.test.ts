/**
 * One run at a time per organisation, across processes: `erp-sync import` from a cron job while
 * `serve` runs must not apply two runs from the same state. A run holds a lease its process
 * renews while it works: a live process's run blocks; once the process is gone (killed: no
 * more heartbeats) its lease runs out and its run is marked interrupted. No process ids: a
 * reused PID can no longer keep an organisation locked.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { RunError } from '../../../server/runner/runner.ts';
import { parsePushBody } from '../../../server/sources/index.ts';
import { contract, openEnv, snap, type Env } from './helpers.ts';

let env: Env;
let child: ChildProcess | undefined;
before(async () => {
  env = await openEnv();
});
after(async () => {
  child?.kill('SIGKILL');
  await env.cleanup();
});

/** Another process opens a run of `cfa` on the same file and stays alive until killed. */
async function holdRunInAnotherProcess(database: string): Promise<{ proc: ChildProcess; runId: string }> {
  const store = resolve('server/store/sqlite/index.ts');
  const code = `
    const { openSqliteStore } = await import(${JSON.stringify(store)});
    const s = openSqliteStore(${JSON.stringify(database)});
    await s.init();
    const lease = () => new Date(Date.now() + 1500).toISOString();
    const now = new Date().toISOString();
    const id = await s.openRun('cfa', { source: 'push', startedAt: now, date: '2026-11-28', now, leaseUntil: lease() });
    console.log('OPEN ' + id);
    setInterval(() => void s.heartbeat('cfa', id, lease(), null), 300);`;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  while (!/OPEN (\S+)/.test(out)) {
    if (proc.exitCode !== null) throw new Error(`child exited ${proc.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, runId: /OPEN (\S+)/.exec(out)![1] };
}

test('a run held by another live process blocks; once that process is gone its run is interrupted', async () => {
  const held = await holdRunInAnotherProcess(env.config.database);
  child = held.proc;
  const snapshot = parsePushBody(JSON.stringify([contract(1), contract(2)]), 1e9);

  await assert.rejects(
    env.product.runner.importInput('cfa', snap(snapshot)),
    (e: RunError) => e.code === 'RUN_IN_PROGRESS' && e.runId === held.runId,
  );
  assert.equal(await env.product.store.failInterruptedRuns(new Date().toISOString()), 0, 'a live process keeps its run');
  assert.equal((await env.product.store.getRun('cfa', held.runId))?.status, 'running');

  // Still blocked after its first lease would have run out: the heartbeats keep it.
  await new Promise((r) => setTimeout(r, 2000));
  await assert.rejects(env.product.runner.importInput('cfa', snap(snapshot)), (e: RunError) => e.code === 'RUN_IN_PROGRESS');

  held.proc.kill('SIGKILL');
  await once(held.proc, 'exit');
  // The lease outlives the process by up to its length: until then the organisation is still held.
  await new Promise((r) => setTimeout(r, 1600));
  const result = await env.product.runner.importInput('cfa', snap(snapshot));
  assert.equal(result.run.status, 'succeeded');
  const interrupted = await env.product.store.getRun('cfa', held.runId);
  assert.deepEqual([interrupted?.status, interrupted?.error], ['failed', 'interrupted']);
});
