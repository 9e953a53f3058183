/** Daily schedule per organisation (cron, Europe/Paris) and one run at a time per organisation. */
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { type ScheduleClaims, startScheduler } from '../../../server/node/scheduler.ts';
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
  const scheduler = startScheduler(env.config.organizations, runner, quiet, env.product.store);
  try {
    const next = scheduler.next();
    assert.deepEqual(Object.keys(next), ['cfa1'], 'the push organisation has no schedule');
    await new Promise((r) => setTimeout(r, 2200));
    assert.ok(called.length >= 1 && called.every((id) => id === 'cfa1'), `ran ${called.join(',')}`);
  } finally {
    scheduler.stop();
  }
  const daily = startScheduler([{ ...env.config.organizations[1], schedule: '0 2 * * *' }], runner, quiet, env.product.store);
  try {
    const at = new Date(daily.next().cfa1!);
    const paris = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(at);
    assert.equal(paris, '02:00');
  } finally {
    daily.stop();
  }
});

/** A runner that only counts, and the claims as the store answered them. */
function counting() {
  const called: string[] = [];
  const runner = {
    runSource: async (orgId: string) => {
      called.push(orgId);
      return { runId: 'r', run: { status: 'succeeded' } } as Awaited<ReturnType<Runner['runSource']>>;
    },
  } as unknown as Runner; // only runSource is used by the scheduler
  const answers: { slot: string; won: boolean }[] = [];
  const claims: ScheduleClaims = {
    claimScheduledRun: async (org, slot, at) => {
      const won = await env.product.store.claimScheduledRun(org, slot, at);
      answers.push({ slot, won });
      return won;
    },
    lastScheduledClaim: (org) => env.product.store.lastScheduledClaim(org),
  };
  return { called, runner, answers, claims };
}

test('two schedulers on one database (two instances): each occurrence runs once, whichever fires first', async () => {
  const { called, runner, answers, claims } = counting();
  const a = startScheduler(env.config.organizations, runner, quiet, claims);
  const b = startScheduler(env.config.organizations, runner, quiet, claims);
  try {
    await new Promise((r) => setTimeout(r, 2500));
  } finally {
    a.stop();
    b.stop();
  }
  const slots = new Set(answers.map((x) => x.slot));
  assert.ok(slots.size >= 1, 'it fired');
  for (const slot of slots) {
    assert.equal(answers.filter((x) => x.slot === slot && x.won).length, 1, `${slot} claimed once`);
  }
  assert.equal(called.length, answers.filter((x) => x.won).length, 'one run per won claim, none for a lost one');
});

test('a missed night is caught up at the next start, once, and only after an earlier scheduled run', async () => {
  const org = { ...env.config.organizations[1], id: 'cfa', schedule: '0 2 * * *' };
  // 2 a.m. Paris on 2025-09-10 is 00:00 UTC; the instances were all down then, back at 08:00.
  const back = () => new Date('2025-09-10T08:00:00.000Z');
  const fresh = counting();
  const first = startScheduler([org], fresh.runner, quiet, fresh.claims, back);
  await first.caughtUp;
  first.stop();
  assert.deepEqual(fresh.called, [], 'never scheduled before: a new installation has missed nothing');

  await env.product.store.claimScheduledRun('cfa', '2025-09-09T00:00:00.000Z', '2025-09-09T00:00:00.100Z');
  const late = counting();
  const a = startScheduler([org], late.runner, quiet, late.claims, back);
  const b = startScheduler([org], late.runner, quiet, late.claims, back);
  await Promise.all([a.caughtUp, b.caughtUp]);
  a.stop();
  b.stop();
  assert.deepEqual(late.called, ['cfa'], 'the missed night runs once, whichever instance starts first');
  assert.equal(await env.product.store.lastScheduledClaim('cfa'), '2025-09-10T00:00:00.000Z');

  const again = counting();
  const c = startScheduler([org], again.runner, quiet, again.claims, back);
  await c.caughtUp;
  c.stop();
  assert.deepEqual(again.called, [], 'a restart after the catch-up runs nothing more');
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
