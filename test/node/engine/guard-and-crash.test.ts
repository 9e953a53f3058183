/** Issue 2: the mass-removal guard, and a crash mid-apply leaving the database as it was. */
import { memorySpools } from '../../../server/core/spool.ts';
import { inThreadExecutor } from '../../../server/runner/executor.ts';
import { openMemoryInput } from '../../../server/runner/open-input.ts';
import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import { after, before, describe, test } from 'node:test';
import { createRunner } from '../../../server/runner/create-runner.ts';
import type { RunError } from '../../../server/runner/runner.ts';
import { parsePushBody } from '../../../server/sources/index.ts';
import { openSqliteStore } from '../../../server/store/sqlite/index.ts';
import { contract, openEnv, snap, type Env } from './helpers.ts';

const push = (items: unknown[]) => parsePushBody(JSON.stringify(items), Number.MAX_SAFE_INTEGER);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => contract(from + i));

describe('mass-removal guard', () => {
  let env: Env;
  before(async () => {
    env = await openEnv();
    await env.product.runner.importInput('cfa', snap(push(range(1, 10))), { date: '2026-11-01' });
  });
  after(() => env.cleanup());

  test('a run archiving more than 20% is held and applies nothing', async () => {
    const held = await env.product.runner.importInput('cfa', snap(push(range(1, 5))), { date: '2026-11-02' });
    assert.equal(held.run.status, 'held');
    assert.deepEqual(held.run.held, {
      reasons: ['removal'],
      wouldArchive: 5,
      integrated: 10,
      maxRatio: 0.2,
      fieldUpdates: [],
      maxUpdateRatio: 0.3,
      received: 5,
      previousReceived: 10,
    });
    // What approving would do, for the preview: the five contracts it would archive.
    const preview = await env.product.store.heldEffects('cfa', held.runId, { kind: 'archive', limit: 10, offset: 0 });
    assert.deepEqual(
      preview.items.map((e) => e.code),
      ['C00006', 'C00007', 'C00008', 'C00009', 'C00010'],
    );
    const s = await env.product.store.summary('cfa');
    assert.equal(s.totals.integrated, 10);
    assert.equal(s.totals.archived, 0);
    assert.equal(s.lastRun?.status, 'held');
  });

  test('a later run replaces the held one', async () => {
    const held = await env.product.runner.importInput('cfa', snap(push(range(1, 4))), { date: '2026-11-03' });
    assert.equal(held.run.status, 'held');
    const normal = await env.product.runner.importInput('cfa', snap(push(range(1, 10))), { date: '2026-11-03' });
    assert.equal(normal.run.status, 'succeeded');
    assert.equal((await env.product.store.getRun('cfa', held.runId))?.status, 'superseded');
    await assert.rejects(env.product.runner.approve('cfa', held.runId), (e: RunError) => e.code === 'RUN_NOT_HELD');
  });

  test('a newer held run supersedes an older held one: a stale snapshot can never be approved', async () => {
    const older = await env.product.runner.importInput('cfa', snap(push(range(1, 3))), { date: '2026-11-03' });
    const newer = await env.product.runner.importInput('cfa', snap(push([...range(1, 4), contract(11, { emailApprenant: '' })])), {
      date: '2026-11-03',
    });
    assert.deepEqual([older.run.status, newer.run.status], ['held', 'held']);
    assert.equal((await env.product.store.getRun('cfa', older.runId))?.status, 'superseded');
    await assert.rejects(env.product.runner.approve('cfa', older.runId), (e: RunError) => e.code === 'RUN_NOT_HELD');
    // the held run reports ITS OWN rejections (by index in its snapshot), for the push report
    assert.deepEqual(
      newer.rejections.map((r) => [r.index, r.code]),
      [[4, 'C00011']],
    );
    // and applies none of them
    assert.equal((await env.product.store.summary('cfa')).totals.rejected, 0);
  });

  test('an approved held run is applied, dated the day it is approved', async () => {
    const held = await env.product.runner.importInput('cfa', snap(push(range(1, 6))), { date: '2026-11-04' });
    assert.equal(held.run.status, 'held');
    const approved = await env.product.runner.approve('cfa', held.runId);
    assert.equal(approved.run.status, 'succeeded');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const days = (await env.product.store.historyDays('cfa', { limit: 10 })).days;
    assert.equal(days.find((d) => d.archived === 4)?.date, today, 'the archives are filed under the day of the approval');
    assert.equal(approved.run.counts.archived, 4);
    const s = await env.product.store.summary('cfa');
    assert.deepEqual([s.totals.integrated, s.totals.archived], [6, 4]);
  });
});

describe('atomic apply', () => {
  let env: Env;
  before(async () => {
    env = await openEnv();
    await env.product.runner.importInput('cfa', snap(push([...range(1, 20), contract(21, { nomEntreprise: '' })])), { date: '2026-11-01' });
    await env.product.close();
  });
  after(() => env.cleanup());

  function dump(path: string): Record<string, unknown[]> {
    const db = new Database(path, { readonly: true });
    try {
      const tables = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name != 'runs' AND name NOT LIKE '%received%' ORDER BY name",
        )
        .all() as { name: string }[];
      return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
    } finally {
      db.close();
    }
  }

  for (const step of ['apply:contracts', 'apply:rejections', 'apply:changes', 'apply:run']) {
    test(`a crash at ${step} leaves the previous state intact`, async () => {
      const path = env.config.database;
      const before = dump(path);
      const store = openSqliteStore(path, {
        failpoint: (s) => {
          if (s === step) throw new Error(`injected crash at ${s}`);
        },
      });
      await store.init();
      const runner = createRunner({
        store,
        organizations: env.config.organizations,
        executor: inThreadExecutor({ store, spools: memorySpools, openInput: (job) => openMemoryInput(job, 1e9), now: () => new Date() }),
      });
      // day 2 changes a lot: updates, an archive, a fix, a new rejection
      const day2 = [
        ...range(2, 20).map((c, i) => (i === 0 ? { ...c, emailMaitreApprentissage: 'nouveau@entreprise.fr' } : c)),
        contract(21),
        contract(22, { emailApprenant: '' }),
      ];
      await assert.rejects(runner.importInput('cfa', snap(push(day2)), { date: '2026-11-02' }), /injected crash/);
      await store.close();
      assert.deepEqual(dump(path), before);
      const reopened = openSqliteStore(path);
      await reopened.init();
      const runs = (await reopened.historyDays('cfa', { limit: 5 })).days.flatMap((d) => d.runs);
      assert.ok(
        runs.some((r) => r.status === 'failed'),
        'the crashed run is recorded as failed',
      );
      await reopened.close();
    });
  }
});
