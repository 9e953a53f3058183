import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emptyRecord, type contractRecord } from '../../../contract/index.ts';
import { fingerprint } from '../../../server/core/fingerprint.ts';
import type { Change, IntegratedContract } from '../../../server/core/types.ts';
import { migrations, openSqliteStore } from '../../../server/store/sqlite/index.ts';
import {
  ORG,
  R,
  T,
  applyOutcome,
  change,
  counts,
  data,
  guardOf,
  outcome,
  rec,
  run2Outcome,
  seed,
  sessionOf,
  startRun,
} from './fixtures.ts';
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

test('sqlite: one organisation’s data never slows another’s — every search and count is scoped by the organisation', async () => {
  const tmp = await tempDir();
  const path = join(tmp.dir, 'orgs.db');
  const store = openSqliteStore(path);
  try {
    await store.init();
    await store.upsertOrganization({ id: 'small', name: 'Small CFA' });
    await store.upsertOrganization({ id: 'big', name: 'Big CFA' });
    // The big organisation holds 50 times more rejections, of people with the same names.
    const rejectionsOf = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const d = rec({ ...data.C005, codeContrat: `R${i}`, codeApprenant: `L${i}`, nomApprenant: 'BERNARD', prenomApprenant: 'Léa' });
        return { code: d.codeContrat, data: d, reasons: [R.employer], since: T.run1, index: i, origin: null };
      });
    for (const [org, n] of [
      ['small', 20],
      ['big', 1000],
    ] as const) {
      const run = await startRun(store, org, { source: 'push', startedAt: T.run1, date: '2025-09-01' }, []);
      await applyOutcome(store, org, run, outcome({ rejections: rejectionsOf(n) }), T.run1end);
    }
    const found = await store.listContracts('small', {
      status: 'rejected',
      q: 'bernard lea',
      reason: 'EMPLOYER_MISSING',
      limit: 50,
      offset: 0,
    });
    assert.equal(found.total, 20);
    assert.deepEqual(found.reasonCounts, [{ code: 'EMPLOYER_MISSING', count: 20 }]);

    const db = new Database(path, { readonly: true });
    try {
      // The full-text index answers for one organisation: its words carry the organisation's token.
      const token = (org: string) =>
        `o${(db.prepare('SELECT rowid FROM organizations WHERE id = ?').get(org) as { rowid: number }).rowid.toString(36).padStart(4, '0')}`;
      const matches = (org: string) =>
        (
          db.prepare('SELECT COUNT(*) AS n FROM rejections_fts WHERE rejections_fts MATCH ?').get(`"${token(org)}bernard"*`) as {
            n: number;
          }
        ).n;
      assert.deepEqual([matches('small'), matches('big')], [20, 1000]);
      // And no query of the Données tables walks a table or another organisation's index entries.
      const plan = (sql: string, params: Record<string, unknown>) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
      const scoped = { org: 'small', q: `"${token('small')}bernard"*`, reason: 'EMPLOYER_MISSING' };
      for (const sql of [
        'SELECT COUNT(*) FROM rejections_fts f CROSS JOIN rejections x ON x.id = f.rowid WHERE x.org = @org AND f.rejections_fts MATCH @q',
        `SELECT rr.reason, COUNT(*) FROM rejections_fts f CROSS JOIN rejections x ON x.id = f.rowid
           JOIN rejection_reasons rr ON rr.org = x.org AND rr.code = x.code WHERE x.org = @org AND f.rejections_fts MATCH @q GROUP BY rr.reason`,
        `SELECT COUNT(*) FROM rejections x WHERE x.org = @org
           AND EXISTS (SELECT 1 FROM rejection_reasons rr WHERE rr.org = x.org AND rr.code = x.code AND rr.reason = @reason)`,
      ]) {
        const steps = plan(sql, scoped);
        assert.ok(
          steps.every((d) => !/^SCAN (rejections|rejection_reasons|contracts)\b/.test(d) && !/^SCAN x\b|^SCAN rr\b/.test(d)),
          `no full scan: ${steps.join(' | ')}`,
        );
        assert.ok(
          steps.some((d) => /VIRTUAL TABLE INDEX|\(org=\?/.test(d)),
          `starts from the organisation's index entries: ${steps.join(' | ')}`,
        );
      }
    } finally {
      db.close();
    }
  } finally {
    await store.close();
    await tmp.cleanup();
  }
});
