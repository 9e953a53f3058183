/** Daily schedule per organisation (cron, Europe/Paris) and one run at a time per organisation. */
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { startScheduler } from '../../../server/node/scheduler.ts';
import type { RunError, Runner } from '../../../server/runner/runner.ts';
import { parsePushBody } from '../../../server/sources/index.ts';
import { contract, openEnv, snap, type Env } from './helpers.ts';

let env: Env;
before(async () => {
  env = await openEnv([
    { source: { kind: 'push' } },
    { source: { kind: 'pull', url: 'http://127.0.0.1:9/never' }, schedule: '* * * * * *' },
  ]);
});
after(() => env.cleanup());

const quiet = { info() {}, error() {} };

test('the scheduler plans csv/pull organisations on their cron in Europe/Paris, never push ones', async () => {
  const called: string[] = [];
  const runner = {
    runSource: async (orgId: string) => {
      called.push(orgId);
      return { runId: 'r', run: { status: 'succeeded' } } as Awaited<ReturnType<Runner['runSource']>>;
    },
  } as unknown as Runner; // only runSource is used by the scheduler
  const scheduler = startScheduler(env.config.organizations, runner, quiet);
  try {
    const next = scheduler.next();
    assert.deepEqual(Object.keys(next), ['cfa1'], 'the push organisation has no schedule');
    await new Promise((r) => setTimeout(r, 2200));
    assert.ok(called.length >= 1 && called.every((id) => id === 'cfa1'), `ran ${called.join(',')}`);
  } finally {
    scheduler.stop();
  }
  const daily = startScheduler([{ ...env.config.organizations[1], schedule: '0 2 * * *' }], runner, quiet);
  try {
    const at = new Date(daily.next().cfa1!);
    const paris = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(at);
    assert.equal(paris, '02:00');
  } finally {
    daily.stop();
  }
});

test('one run at a time per organisation: a second concurrent run is refused, the next one runs', async () => {
  const items = Array.from({ length: 3000 }, (_, i) => contract(i + 1));
  const snapshot = parsePushBody(JSON.stringify(items), 1e9);
  const first = env.product.runner.importInput('cfa', snap(snapshot));
  await assert.rejects(env.product.runner.importInput('cfa', snap(snapshot)), (e: RunError) => e.code === 'RUN_IN_PROGRESS');
  await first;
  // once it is over, the next one runs
  const again = await env.product.runner.importInput('cfa', snap(snapshot));
  assert.equal(again.run.status, 'succeeded');
});
