/**
 * Retention of personal data on a real SQLite file: `anonymise --dry-run` lists what would
 * change and changes nothing; `anonymise --org` anonymises that organisation only; the server's
 * daily job (here every second) does the others; a last run finds nothing left to do.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../../server/config/load.ts';
import { startServer } from '../../../server/node/start-server.ts';
import { ANONYMISED } from '../../../server/store/common/personal.ts';
import { openSqliteStore } from '../../../server/store/sqlite/index.ts';
import type { Store } from '../../../server/store/store.ts';
import { contract, SECRET } from '../engine/helpers.ts';

let dir: string;
let configFile: string;
const ORGS = ['cfa-a', 'cfa-b'];

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openSqliteStore(join(dir, 'erp-sync.sqlite'));
  await store.init();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The archived contracts' learner names, per organisation. */
const archivedNames = (store: Store, org: string) =>
  store
    .listContracts(org, { status: 'archived', limit: 50, offset: 0 })
    .then((r) => r.items.map((i) => `${i.codeContrat} ${i.data.nomApprenant}`));

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'erp-sync-retention-'));
  configFile = join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      database: 'erp-sync.sqlite',
      auth: { jwtSecret: SECRET },
      retention: { schedule: '* * * * * *' },
      organizations: ORGS.map((id, i) => ({
        id,
        name: id,
        erpToken: `erp-token-${id}-0123456789`,
        source: { kind: 'push' },
        removalGuard: { maxRatio: 1 },
        personalDataRetentionDays: 30 + i,
      })),
    }),
  );
  writeFileSync(join(dir, 'day1.json'), JSON.stringify(Array.from({ length: 10 }, (_, i) => contract(i + 1))));
  writeFileSync(join(dir, 'day2.json'), JSON.stringify(Array.from({ length: 7 }, (_, i) => contract(i + 1))));
  // Long ago: contracts 8 to 10 were archived on 2024-01-11.
  for (const org of ORGS) {
    for (const [day, date] of [
      ['day1', '2024-01-10'],
      ['day2', '2024-01-11'],
    ]) {
      const r = cli('import', '--config', configFile, '--org', org, '--file', join(dir, `${day}.json`), '--as-of', date);
      assert.equal(r.status, 0, r.stderr);
    }
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('--dry-run lists what would change, per organisation, and changes nothing', async () => {
  const r = cli('anonymise', '--config', configFile, '--dry-run');
  assert.equal(r.status, 0, r.stderr);
  for (const org of ORGS) {
    assert.match(r.stdout, new RegExp(`^${org}: personal data of contracts retired before \\S+ \\(dry run: nothing changed\\)$`, 'm'));
  }
  assert.equal(
    r.stdout.match(/would anonymise 3 contract\(s\), would rewrite 6 history entries, would drop 17 received record\(s\)/g)?.length,
    2,
  );
  assert.equal(r.stdout.match(/^ {2}- C0000(8|9)$|^ {2}- C00010$/gm)?.length, 6);
  await withStore(async (store) => {
    assert.deepEqual(await archivedNames(store, 'cfa-a'), ['C00008 NOM00008', 'C00009 NOM00009', 'C00010 NOM00010']);
  });
});

test('--org anonymises that organisation only', async () => {
  const r = cli('anonymise', '--config', configFile, '--org', 'cfa-b');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^cfa-b: .*\n {2}anonymise 3 contract\(s\), rewrite 6 history entries, drop 17 received record\(s\)$/m);
  assert.doesNotMatch(r.stdout, /cfa-a/);
  await withStore(async (store) => {
    assert.deepEqual(await archivedNames(store, 'cfa-b'), [`C00008 ${ANONYMISED}`, `C00009 ${ANONYMISED}`, `C00010 ${ANONYMISED}`]);
    assert.equal((await store.listContracts('cfa-b', { status: 'archived', q: 'NOM00008', limit: 5, offset: 0 })).total, 0);
    assert.equal((await store.getContract('cfa-b', 'C00001'))?.platform?.data.nomApprenant, 'NOM00001', 'live contracts keep their data');
    assert.deepEqual(await archivedNames(store, 'cfa-a'), ['C00008 NOM00008', 'C00009 NOM00009', 'C00010 NOM00010']);
  });
});

test('the server anonymises on its schedule; afterwards there is nothing left to do', async () => {
  const server = await startServer(loadConfig(configFile));
  try {
    const store = server.product.store;
    while ((await archivedNames(store, 'cfa-a')).some((n) => !n.endsWith(ANONYMISED))) await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      (await store.timeline('cfa-a', 'C00009')).map((c) => [c.kind, c.learner]),
      [
        ['archived', ANONYMISED],
        ['added', ANONYMISED],
      ],
    );
  } finally {
    await server.close();
  }
  const r = cli('anonymise', '--config', configFile);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.match(/anonymise 0 contract\(s\), rewrite 0 history entries, drop 0 received record\(s\)/g)?.length, 2);
});
