/** Received records are kept verbatim for the organisation's last `keepReceivedRuns` runs. */
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { parsePushBody } from '../../../server/sources/index.ts';
import { contract, openEnv, receivedOf, snap, type Env } from './helpers.ts';

let env: Env;
before(async () => {
  env = await openEnv([{ source: { kind: 'push' }, keepReceivedRuns: 2 }]);
});
after(() => env.cleanup());

test('after each run, only the newest runs keep their received records', async () => {
  const ids: string[] = [];
  for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) {
    const items = [contract(1), contract(2, { nomEntreprise: day })];
    const r = await env.product.runner.importInput('cfa', snap(parsePushBody(JSON.stringify(items), 1e9)), { date: day });
    ids.push(r.runId);
  }
  const kept = await Promise.all(ids.map((id) => receivedOf(env.product, 'cfa', id).then((r) => r.length)));
  assert.deepEqual(kept, [0, 2, 2]);
  // The history of the pruned run is untouched.
  const days = (await env.product.store.historyDays('cfa', { limit: 5 })).days.map((d) => [d.date, d.added, d.updated]);
  assert.deepEqual(days, [
    ['2026-11-03', 0, 1],
    ['2026-11-02', 0, 1],
    ['2026-11-01', 2, 0],
  ]);
});
