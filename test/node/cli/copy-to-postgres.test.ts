/**
 * `erp-sync copy --from <sqlite file> --to <postgres url>`: an installation moved up reads the
 * same through the Store on PostgreSQL as on SQLite (runs, received records, contracts,
 * rejections, history, a held run and its preview, schedule claims), counts verified; the
 * copied installation goes on working (ids continue); a non-empty target is refused.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openPostgresStore, postgresOptionsFromUrl } from '../../../server/store/postgres/index.ts';
import { openSqliteStore } from '../../../server/store/sqlite/index.ts';
import type { Store } from '../../../server/store/store.ts';
import {
  applyOutcome,
  change,
  data,
  guardOf,
  integrated,
  ORG,
  ORG2,
  outcome,
  receivedOf,
  rec,
  seed,
  startRun,
  T,
} from '../store/fixtures.ts';
import { tempDir } from '../store/sqlite-helpers.ts';
import { observe } from '../store/store-suite.ts';
import { fileDatabase } from '../support/postgres.ts';

const db = fileDatabase();
after(() => db.dropAll());

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });
}

/** Everything the APIs read of an installation, for both organisations. */
async function everything(store: Store, ids: { runs: string[]; held: string }) {
  const out: unknown[] = [];
  for (const org of [ORG, ORG2]) {
    out.push(await observe(store, org));
    for (const status of ['integrated', 'rejected', 'archived'] as const) {
      out.push(await store.listContracts(org, { status, q: 'dupont', limit: 50, offset: 0 }));
    }
    out.push(await store.syncContracts(org, 'received', { limit: 100, page: 1 }));
    out.push(await store.lastScheduledClaim(org));
  }
  for (const id of ids.runs) {
    out.push(await store.getRun(ORG, id), await receivedOf(store, ORG, id), await store.runRejections(ORG, id, { limit: 50, offset: 0 }));
  }
  out.push(await store.heldEffects(ORG, ids.held, { limit: 50, offset: 0 }));
  out.push(await store.timeline(ORG, 'C001'), await store.historyDay(ORG, '2025-09-02', { limit: 50, offset: 0 }));
  return out;
}

test('copy: a SQLite installation moved to PostgreSQL reads the same, keeps working, and a non-empty target is refused', async () => {
  const tmp = await tempDir();
  const file = join(tmp.dir, 'erp-sync.sqlite');
  const { url } = await db.get();
  const to = `${url}?schema=moved`;
  const sqlite = openSqliteStore(file);
  let pgStore: Store | null = null;
  try {
    const s = await seed(sqlite);
    const held = await startRun(sqlite, ORG, { source: 'push', startedAt: '2025-09-04T04:00:00.000Z', date: '2025-09-04' }, []);
    await applyOutcome(
      sqlite,
      ORG,
      held,
      outcome({ status: 'held', guard: guardOf({ wouldArchive: 4, integrated: 4 }) }),
      '2025-09-04T04:00:01.000Z',
      [{ code: 'C001', kind: 'archive', fields: [] }],
    );
    await sqlite.claimScheduledRun(ORG, '2025-09-04T00:00:00.000Z', '2025-09-04T00:00:00.100Z');
    await sqlite.recordRunEvent(ORG, s.run2, { at: T.run2end, action: 'approved', by: { sub: 'u-1', name: 'Claire' } });
    const ids = { runs: [s.run1, s.run2, s.run3, held], held };
    const expected = await everything(sqlite, ids);
    await sqlite.close();

    const r = cli('copy', '--from', file, '--to', to);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^contracts\s+\d+ rows$/m);
    assert.match(r.stdout, /copied and verified: \d+ rows in 13 tables/);

    pgStore = openPostgresStore(postgresOptionsFromUrl(to));
    await pgStore.init();
    assert.deepEqual(await everything(pgStore, ids), expected);

    // It goes on: a new run applies on top, its change after the copied ones in the history.
    const next = await startRun(pgStore, ORG, { source: 'push', startedAt: '2025-09-05T04:00:00.000Z', date: '2025-09-05' }, []);
    const newcomer = rec({ ...data.C003, codeContrat: 'C077', nomApprenant: 'NOUVEAU' });
    await applyOutcome(
      pgStore,
      ORG,
      next,
      outcome({
        upserts: [integrated(newcomer, '2025-09-05T04:00:00.000Z')],
        changes: [change('added', newcomer, '2025-09-05T04:00:00.000Z')],
      }),
      '2025-09-05T04:00:01.000Z',
    );
    assert.deepEqual(
      (await pgStore.timeline(ORG, 'C077')).map((c) => c.kind),
      ['added'],
    );
    assert.equal((await pgStore.getRun(ORG, held))?.status, 'superseded');

    const again = cli('copy', '--from', file, '--to', to);
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /^erp-sync: the target database already holds 2 organisation/);
  } finally {
    await pgStore?.close();
    await tmp.cleanup();
  }
});
