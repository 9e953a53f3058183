/**
 * A heartbeat that lands after a run's outcome is committed but before its worker has answered
 * finds the run no longer `running`: that run is over and applied, not abandoned, and must be
 * reported as it is (seen under load as a succeeded run answered RUN_NOT_RUNNING). An abandoned
 * run still stops (imports-off-main-thread.test.ts).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseConfig } from '../../../server/config/load.ts';
import { memorySpool } from '../../../server/core/spool.ts';
import { createRunner } from '../../../server/runner/create-runner.ts';
import { inThreadExecutor, type ImportExecutor } from '../../../server/runner/executor.ts';
import { openMemoryInput } from '../../../server/runner/open-input.ts';
import { createMemoryStore } from '../../../server/store/memory/index.ts';
import type { Store } from '../../../server/store/store.ts';
import { parsePushBody } from '../../../server/sources/index.ts';
import { contract, SECRET, snap } from './helpers.ts';

test('a beat between the commit and the worker’s answer does not fail an applied run', async () => {
  const config = parseConfig({
    database: ':memory:',
    auth: { jwtSecret: SECRET },
    organizations: [{ id: 'cfa', name: 'CFA', erpToken: 'erp-token-0123456789abcdef', source: { kind: 'push' } }],
  });
  const memory = createMemoryStore();
  await memory.upsertOrganization({ id: 'cfa', name: 'CFA' });
  let applied = false;
  let lateBeats = 0;
  const store: Store = {
    ...memory,
    async heartbeat(...args) {
      const alive = await memory.heartbeat(...args);
      if (applied && !alive) lateBeats++;
      return alive;
    },
  };
  const inner = inThreadExecutor({
    store,
    spools: () => memorySpool(),
    openInput: (job) => openMemoryInput(job, 1e9),
    now: () => new Date(),
  });
  // The worker's answer is "on its way" until a beat has seen the run no longer running.
  const executor: ImportExecutor = {
    ...inner,
    async run(job, hooks) {
      const out = await inner.run(job, hooks);
      applied = true;
      while (lateBeats === 0) await new Promise((r) => setTimeout(r, 2));
      hooks.signal?.throwIfAborted();
      return out;
    },
  };
  const runner = createRunner({ store, organizations: config.organizations, executor, heartbeatMs: 1 });
  const result = await runner.importInput('cfa', snap(parsePushBody(JSON.stringify([contract(1), contract(2)]), 1e9)));
  assert.equal(result.run.status, 'succeeded');
  assert.ok(lateBeats > 0, 'a beat did land after the commit');
  await runner.close();
});
