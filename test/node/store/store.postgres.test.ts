import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { migrations, openPostgresStore } from '../../../server/store/postgres/index.ts';
import type { Store } from '../../../server/store/store.ts';
import { dumpSchema, fileDatabase } from '../support/postgres.ts';
import {
  data,
  guardOf,
  integrated,
  ORG,
  outcome,
  rec,
  renamingRun,
  run2Outcome,
  seed,
  sessionOf,
  startRun,
  applyOutcome,
  change,
  T,
} from './fixtures.ts';
import { CUTOFF, retiredScenario } from './retention-checks.ts';
import { observe, storeSuite } from './store-suite.ts';

const db = fileDatabase();
after(() => db.dropAll());

let schemas = 0;
/** A fresh schema of the file's database per store: every test starts empty. */
async function freshStore(opts: { failpoint?: (step: string) => void } = {}): Promise<{ store: Store; url: string; schema: string }> {
  const { url } = await db.get();
  const schema = `t${++schemas}_${process.pid}`;
  return { store: openPostgresStore({ url, schema, poolSize: 4, ...opts }), url, schema };
}

storeSuite('postgres', async () => {
  const { store } = await freshStore();
  return { store, cleanup: () => store.close() };
});

test('postgres: instances starting together migrate once, under the advisory lock', async () => {
  const { url, schema } = await freshStore();
  const stores = Array.from({ length: 4 }, () => openPostgresStore({ url, schema, poolSize: 2 }));
  try {
    await Promise.all(stores.map((s) => s.init()));
    await Promise.all(stores.map((s) => s.init()));
    await stores[0].upsertOrganization({ id: ORG, name: 'CFA' });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const v = await c.query(`SELECT version FROM "${schema}".schema_version`);
      assert.deepEqual(v.rows, [{ version: migrations.length }]);
    } finally {
      await c.end();
    }
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});

test('postgres: a crash at any step of applyRun leaves every table exactly as before', async () => {
  let failAt: string | null = null;
  const seen: string[] = [];
  const { store, url, schema } = await freshStore({
    failpoint: (step) => {
      seen.push(step);
      if (step === failAt) throw new Error(`failpoint ${step}`);
    },
  });
  try {
    await seed(store);
    const held = await startRun(store, ORG, { source: 'push', startedAt: '2025-09-03T09:00:00.000Z', date: '2025-09-03' }, []);
    await applyOutcome(
      store,
      ORG,
      held,
      outcome({ status: 'held', guard: guardOf({ wouldArchive: 4, integrated: 4 }) }),
      '2025-09-03T09:00:01.000Z',
      [{ code: 'C001', kind: 'archive', fields: [] }],
    );
    const run = await startRun(store, ORG, { source: 'push', startedAt: '2025-09-04T04:00:00.000Z', date: '2025-09-04' }, []);
    const next = (): ReturnType<typeof run2Outcome> => ({
      ...run2Outcome(),
      upserts: [
        {
          code: 'C007',
          status: 'integrated',
          data: rec({ ...data.C003, codeContrat: 'C007', nomApprenant: 'NOUVEAU' }),
          session: sessionOf(data.C003),
          since: 'x',
          updatedAt: 'x',
          hash: 'h',
        },
      ],
      newSessions: [{ ...sessionOf(data.C003), codeGroupe: 'G7' }],
      changes: [change('added', data.C003, '2025-09-04T04:00:00.000Z', { codeContrat: 'C007' })],
    });
    const before = await dumpSchema(url, schema);
    const observed = await observe(store);
    for (const step of ['apply:contracts', 'apply:rejections', 'apply:changes', 'apply:run']) {
      failAt = step;
      await assert.rejects(applyOutcome(store, ORG, run, next(), '2025-09-04T04:00:01.000Z'), new RegExp(`failpoint ${step}`));
      assert.deepEqual(await dumpSchema(url, schema), before, `after a crash at ${step}`);
      assert.deepEqual(await observe(store), observed, `reads after a crash at ${step}`);
    }
    failAt = null;
    seen.length = 0;
    await applyOutcome(store, ORG, run, next(), '2025-09-04T04:00:01.000Z');
    assert.deepEqual(seen, ['apply:contracts', 'apply:rejections', 'apply:changes', 'apply:run']);
    assert.equal((await store.getRun(ORG, held))?.status, 'superseded');
    assert.equal((await store.getContract(ORG, 'C007'))?.platform?.data.nomApprenant, 'NOUVEAU');
  } finally {
    await store.close();
  }
});

test('postgres: after anonymising, no row of any table holds a retired person (indexed words included)', async () => {
  const { store, url, schema } = await freshStore();
  try {
    await retiredScenario(store);
    const rows = async () => JSON.stringify(await dumpSchema(url, schema));
    const names = ['ARNAUD', 'Chloé', 'BERNARD', 'Léa'];
    const before = await rows();
    assert.deepEqual(
      names.filter((n) => before.includes(n)),
      names,
      'before: the retired people are in the rows',
    );
    assert.ok(before.includes("'arnaud'"), 'before: indexed among the words');
    await store.anonymisePersonalData(ORG, { before: CUTOFF, dryRun: false });
    const afterRows = await rows();
    assert.deepEqual(
      names.filter((n) => afterRows.includes(n)),
      [],
    );
    assert.ok(!/'arnaud'|'chloe'/.test(afterRows), 'no indexed word of theirs');
    assert.ok(afterRows.includes('DUPONT'), 'live contracts stay');
  } finally {
    await store.close();
  }
});

test('postgres: an instance searching from memory sees at once a run applied by another instance', async () => {
  const { url, schema } = await freshStore();
  const a = openPostgresStore({ url, schema, poolSize: 2 });
  const b = openPostgresStore({ url, schema, poolSize: 2 });
  const codes = async (s: Store, q: string) =>
    (await s.listContracts(ORG, { status: 'integrated', q, limit: 50, offset: 0 })).items.map((i) => i.codeContrat);
  try {
    await seed(a);
    await b.init();
    // The first search finds no snapshot: answered by SQL while `a` reads its organisation's
    // words and ranks; the next ones from memory.
    assert.deepEqual(await codes(a, 'emery'), ['C003']);
    await a.searchReady(ORG);
    assert.deepEqual(await codes(a, 'emery'), ['C003']);
    assert.deepEqual(await codes(a, 'durand'), ['C004']);
    await renamingRun(b);
    // `a` still holds the snapshot of the run before: its key tells it is stale.
    assert.deepEqual(await codes(a, 'emery'), [], 'not by its old name');
    assert.deepEqual(await codes(a, 'rousseau'), ['C003'], 'by its new one');
    await a.searchReady(ORG);
    // From the new snapshot, in memory.
    assert.deepEqual(await codes(a, 'emery'), [], 'not by its old name');
    assert.deepEqual(await codes(a, 'rousseau'), ['C003'], 'by its new one');
    assert.deepEqual(await codes(a, 'durand'), [], 'archived');
    assert.deepEqual(await codes(a, 'atelier'), ['C010', 'C003'], 'added');
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('postgres: a run held by a connection that died is interrupted at once by the next opening, lease or not', async () => {
  const { url, schema } = await freshStore();
  const a = openPostgresStore({ url, schema, poolSize: 2 });
  const b = openPostgresStore({ url, schema, poolSize: 2 });
  try {
    await a.init();
    await b.init();
    await a.upsertOrganization({ id: ORG, name: 'CFA' });
    const open = (s: Store, now: string) =>
      s.openRun(ORG, { source: 'push', startedAt: now, date: now.slice(0, 10), now, leaseUntil: '2999-01-01T00:00:00.000Z' });
    const first = await open(a, '2025-09-04T04:00:00.000Z');
    // Alive (its connection holds the run): refused from the other instance, with the run's id.
    await assert.rejects(
      open(b, '2025-09-04T04:01:00.000Z'),
      (err: Error) => err.name === 'RunInProgressError' && err.message.includes(first),
    );
    // The first instance goes away without a word (its connections close): its lease is far off, yet the run is over.
    await a.close();
    const second = await open(b, '2025-09-04T04:02:00.000Z');
    const old = await b.getRun(ORG, first);
    assert.deepEqual([old?.status, old?.failure, old?.finishedAt], ['failed', 'interrupted', '2025-09-04T04:02:00.000Z']);
    assert.equal((await b.getRun(ORG, second))?.status, 'running');
  } finally {
    await a.close();
    await b.close();
  }
});

test('postgres: a run opened in one thread and ended in another (an import worker) frees its connection, and can be approved anywhere at once', async () => {
  const { url, schema } = await freshStore();
  // `opener` opens runs as the HTTP thread does; `worker` holds and applies them as an import worker does.
  const opener = openPostgresStore({ url, schema, poolSize: 2 });
  const worker = openPostgresStore({ url, schema, poolSize: 2 });
  const other = openPostgresStore({ url, schema, poolSize: 2 });
  const c = new pg.Client({ connectionString: url });
  try {
    await opener.init();
    await worker.init();
    await other.init();
    await c.connect();
    await opener.upsertOrganization({ id: ORG, name: 'CFA' });
    const run = await startRun(opener, ORG, { source: 'push', startedAt: '2025-09-03T09:00:00.000Z', date: '2025-09-03' }, []);
    await applyOutcome(
      worker,
      ORG,
      run,
      outcome({ status: 'held', guard: guardOf({ wouldArchive: 4, integrated: 4 }) }),
      '2025-09-03T09:00:01.000Z',
      [],
    );
    // Right away, another instance takes it back to work for its approval: the old tenure's lock does not count.
    assert.equal(await other.resumeHeld(ORG, run, { now: '2025-09-03T10:00:00.000Z', leaseUntil: '2999-01-01T00:00:00.000Z' }), true);
    await applyOutcome(other, ORG, run, outcome({}), '2025-09-03T10:00:01.000Z');
    assert.equal((await other.getRun(ORG, run))?.status, 'succeeded');
    // The opener learns the run is over and lets its connection go (no lock left behind by any tenure).
    const advisoryLocks = async () =>
      (
        await c.query<{ n: number }>(
          `SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
      ).rows[0].n;
    for (let waited = 0; (await advisoryLocks()) > 0; waited += 100) {
      assert.ok(waited < 60_000, 'the opener released its hold');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await c.end();
    await Promise.all([opener.close(), worker.close(), other.close()]);
  }
});

test('postgres: statistics are refreshed after a run that reshapes the contracts table, not after an ordinary night', async () => {
  const { store, url, schema } = await freshStore();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // What the planner believes the table holds: -1 until analysed (PostgreSQL 14 and later).
  const believed = async () =>
    (
      await c.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = (quote_ident($1) || '.contracts')::regclass`, [
        schema,
      ])
    ).rows[0].n;
  const contracts = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => integrated(rec({ codeContrat: `K${String(from + i).padStart(6, '0')}` }), T.run1));
  const apply = async (at: string, upserts: ReturnType<typeof contracts>) => {
    const run = await startRun(store, ORG, { source: 'push', startedAt: at, date: at.slice(0, 10) }, []);
    await applyOutcome(store, ORG, run, outcome({ upserts }), at);
  };
  try {
    await store.init();
    await store.upsertOrganization({ id: ORG, name: 'CFA' });
    // A first import: the planner would otherwise believe the table empty.
    await apply('2025-09-01T04:00:00.000Z', contracts(0, 12_000));
    assert.equal(await believed(), 12_000);
    // 1,100 more rows: over the 1,000-row floor but under a tenth of the table, the estimate still holds.
    await apply('2025-09-02T04:00:00.000Z', contracts(12_000, 1_100));
    assert.equal(await believed(), 12_000);
    // 1,500 more: over a tenth of what the planner believes, refreshed.
    await apply('2025-09-03T04:00:00.000Z', contracts(13_100, 1_500));
    assert.equal(await believed(), 14_600);
  } finally {
    await c.end();
    await store.close();
  }
});
