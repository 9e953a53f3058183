import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emptyRecord, type contractRecord } from '../../../contract/index.ts';
import { fingerprint } from '../../../server/core/fingerprint.ts';
import type { Change, IntegratedContract } from '../../../server/core/types.ts';
import { migrations, openSqliteStore } from '../../../server/store/sqlite/index.ts';
import { ORG, T, applyOutcome, change, counts, data, guardOf, outcome, rec, run2Outcome, seed, sessionOf, startRun } from './fixtures.ts';
import { CUTOFF, retiredScenario } from './retention-checks.ts';
import { observe, storeSuite } from './store-suite.ts';
import { dumpDatabase, tempDir } from './sqlite-helpers.ts';

storeSuite('sqlite', async () => {
  const tmp = await tempDir();
  const store = openSqliteStore(join(tmp.dir, 'store.db'));
  return {
    store,
    async cleanup() {
      await store.close();
      await tmp.cleanup();
    },
  };
});

test('sqlite: migrations are versioned and idempotent across opens', async () => {
  const tmp = await tempDir();
  const path = join(tmp.dir, 'm.db');
  try {
    for (let i = 0; i < 2; i++) {
      const store = openSqliteStore(path);
      await store.init();
      await store.init();
      await store.upsertOrganization({ id: ORG, name: `CFA ${i}` });
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    try {
      assert.deepEqual(db.prepare('SELECT version FROM schema_version').all(), [{ version: migrations.length }]);
      assert.deepEqual(db.prepare('SELECT id, name FROM organizations').all(), [{ id: ORG, name: 'CFA 1' }]);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  } finally {
    await tmp.cleanup();
  }
});

test('sqlite: a crash at any step of applyRun leaves every table exactly as before', async () => {
  const tmp = await tempDir();
  const path = join(tmp.dir, 'f.db');
  let failAt: string | null = null;
  const seen: string[] = [];
  const store = openSqliteStore(path, {
    failpoint: (step) => {
      seen.push(step);
      if (step === failAt) throw new Error(`failpoint ${step}`);
    },
  });
  try {
    await seed(store);
    // Held runs of the org get superseded by the apply: have one so that step writes too.
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
    const before = dumpDatabase(path);
    const observed = await observe(store);
    for (const step of ['apply:contracts', 'apply:rejections', 'apply:changes', 'apply:run']) {
      failAt = step;
      await assert.rejects(applyOutcome(store, ORG, run, next(), '2025-09-04T04:00:01.000Z'), new RegExp(`failpoint ${step}`));
      assert.deepEqual(dumpDatabase(path), before, `after a crash at ${step}`);
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
    await tmp.cleanup();
  }
});

test('sqlite: the database file reopened from disk shows the same data', async () => {
  const tmp = await tempDir();
  const path = join(tmp.dir, 'r.db');
  try {
    const a = openSqliteStore(path);
    await seed(a);
    const seen = await observe(a);
    const filters = [
      { status: 'integrated', q: 'dupont helene', limit: 50, offset: 0 },
      { status: 'rejected', reason: 'EMPLOYER_MISSING', limit: 50, offset: 0 },
    ] as const;
    const lists = await Promise.all(filters.map((f) => a.listContracts(ORG, f)));
    const day = await a.historyDay(ORG, '2025-09-02', { q: 'hélène', limit: 50, offset: 0 });
    await a.close();

    const b = openSqliteStore(path);
    await b.init();
    try {
      assert.deepEqual(await observe(b), seen);
      assert.deepEqual(await Promise.all(filters.map((f) => b.listContracts(ORG, f))), lists);
      assert.deepEqual(await b.historyDay(ORG, '2025-09-02', { q: 'hélène', limit: 50, offset: 0 }), day);
      // Ids generated after a reopen still sort after the existing ones.
      const newer = await startRun(b, ORG, { source: 'push', startedAt: '2025-09-09T00:00:00.000Z', date: '2025-09-09' }, []);
      const last = (await b.historyDays(ORG, { limit: 2 })).days[1].runs.at(-1)?.id ?? '';
      assert.ok(newer > last);
    } finally {
      await b.close();
    }
  } finally {
    await tmp.cleanup();
  }
});

test('sqlite: 100,000 contracts applied in one run and loaded back', async () => {
  const N = 100_000;
  const tmp = await tempDir();
  const store = openSqliteStore(join(tmp.dir, 'big.db'));
  try {
    await store.init();
    await store.upsertOrganization({ id: ORG, name: 'Big CFA' });
    const base: contractRecord = { ...emptyRecord(), ...data.C001 };
    const upserts: IntegratedContract[] = [];
    const changes: Change[] = [];
    for (let i = 0; i < N; i++) {
      const code = `K${String(i).padStart(6, '0')}`;
      const d: contractRecord = {
        ...base,
        codeContrat: code,
        codeApprenant: `A${i}`,
        nomApprenant: `NOM${i % 5000}`,
        prenomApprenant: `Prénom${i % 977}`,
        emailApprenant: `a${i}@example.org`,
        codeGroupe: `G${i % 200}`,
      };
      upserts.push({ code, status: 'integrated', data: d, session: sessionOf(d), since: T.run1, updatedAt: T.run1, hash: fingerprint(d) });
      changes.push(change('added', d, T.run1));
    }
    // Received records are left out: storing 100k raw records is another ~100 MB of writes that
    // would double the test's time without testing anything more than the small startRun test.
    const run = await startRun(store, ORG, { source: 'push', startedAt: T.run1, date: '2025-09-01' }, []);
    let t = performance.now();
    await applyOutcome(
      store,
      ORG,
      run,
      outcome({
        counts: counts({ received: N, integrated: N, added: N }),
        upserts,
        newSessions: Array.from({ length: 200 }, (_, g) => ({ ...sessionOf(base), codeGroupe: `G${g}` })),
        changes,
      }),
      T.run1end,
    );
    const applyMs = performance.now() - t;
    t = performance.now();
    const state = await store.stateReader(ORG);
    const loadMs = performance.now() - t;
    t = performance.now();
    const found = await store.listContracts(ORG, { status: 'integrated', q: 'nom4999 prenom1', limit: 50, offset: 0 });
    const page = await store.listContracts(ORG, { status: 'integrated', limit: 50, offset: 50_000 });
    const searchMs = performance.now() - t;
    assert.equal(state.fingerprints.size, N);
    assert.equal(state.sessions.size, 200);
    assert.equal(page.total, N);
    assert.equal(page.items.length, 50);
    assert.ok(found.total > 0);
    assert.equal((await store.summary(ORG)).totals.integrated, N);
    console.log(
      `100k contracts: applyRun ${applyMs.toFixed(0)} ms, stateReader ${loadMs.toFixed(0)} ms, ` +
        `search + deep page ${searchMs.toFixed(1)} ms (${found.total} hits)`,
    );
  } finally {
    await store.close();
    await tmp.cleanup();
  }
});

test('sqlite: after anonymising, no row of any table and no search index term holds a retired person', async () => {
  const tmp = await tempDir();
  const path = join(tmp.dir, 'retention.db');
  const store = openSqliteStore(path);
  try {
    await retiredScenario(store);
    // Received blocks are deflated: checked through the API by the suite, not here.
    const rows = () => JSON.stringify(dumpDatabase(path));
    const terms = () => {
      const db = new Database(path);
      try {
        db.exec('CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, contracts_fts, row)');
        return db
          .prepare<[], { term: string }>('SELECT term FROM temp.words')
          .all()
          .map((r) => r.term);
      } finally {
        db.close();
      }
    };
    const names = ['ARNAUD', 'Chloé', 'BERNARD', 'Léa'];
    assert.deepEqual(
      names.filter((n) => rows().includes(n)),
      names,
      'before: the retired people are in the rows',
    );
    assert.ok(terms().some((t) => t.endsWith('arnaud')));
    await store.anonymisePersonalData(ORG, { before: CUTOFF, dryRun: false });
    assert.deepEqual(
      names.filter((n) => rows().includes(n)),
      [],
    );
    assert.deepEqual(
      terms().filter((t) => /arnaud|chloe/.test(t)),
      [],
    );
    assert.ok(rows().includes('DUPONT'), 'live contracts stay');
  } finally {
    await store.close();
    await tmp.cleanup();
  }
});
