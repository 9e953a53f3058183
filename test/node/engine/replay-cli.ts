/**
 * Issue 2: three days of CSV exports (Windows-1252, a preamble line, `;`, CRLF) replayed in order
 * through the real CLI (`import --as-of`) on a real database (a SQLite file, a PostgreSQL
 * database: one test file each) give exactly the expected history.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Store } from '../../../server/store/store.ts';
import { contract, SECRET, type Flat } from './helpers.ts';

const columns: [string, string][] = [
  ['N° contrat', 'codeContrat'],
  ['Début', 'dateDebut'],
  ['Fin', 'dateFin'],
  ['Entreprise', 'nomEntreprise'],
  ['Code groupe', 'codeGroupe'],
  ['Groupe', 'nomGroupe'],
  ['Code site', 'codeSite'],
  ['Site', 'nomSite'],
  ['Code période', 'codePeriode'],
  ['Période', 'nomPeriode'],
  ['Code année', 'codeAnnee'],
  ['Année', 'nomAnnee'],
  ['Code formation', 'codeFormation'],
  ['Formation', 'nomFormation'],
  ['Code apprenant', 'codeApprenant'],
  ['Nom', 'nomApprenant'],
  ['Prénom', 'prenomApprenant'],
  ['Email', 'emailApprenant'],
  ['Code tuteur école', 'codePersonnel'],
  ['Nom tuteur école', 'nomPersonnel'],
  ['Prénom tuteur école', 'prenomPersonnel'],
  ['Email tuteur école', 'emailPersonnel'],
  ['Code tuteur entreprise', 'codeMaitreApprentissage'],
  ['Nom tuteur entreprise', 'nomMaitreApprentissage'],
  ['Prénom tuteur entreprise', 'prenomMaitreApprentissage'],
  ['Email tuteur entreprise', 'emailMaitreApprentissage'],
];

function csv(rows: Flat[]): Buffer {
  const cell = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [
    'Export Ypareo du jour;;;',
    columns.map((c) => c[0]).join(';'),
    ...rows.map((r) => columns.map(([, f]) => cell(r[f] ?? '')).join(';')),
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'); // latin1 = Windows-1252 for these accents
}

/** The database the CLI is configured with, and the same database opened by the test to read it. */
export interface ReplayDatabase {
  /** The config's `database` (relative paths are relative to the config file in `dir`). */
  setting: string;
  open(dir: string): Store;
  cleanup(): Promise<void>;
}

export function replayCliSuite(name: string, database: () => Promise<ReplayDatabase>): void {
  let dir: string;
  let configFile: string;
  let store: Store;
  let db: ReplayDatabase | undefined;

  function cli(...args: string[]) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });
  }

  before(async () => {
    db = await database();
    dir = mkdtempSync(join(tmpdir(), 'erp-sync-replay-'));
    configFile = join(dir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        database: db.setting,
        auth: { jwtSecret: SECRET },
        organizations: [
          {
            id: 'cfa',
            name: 'CFA Démo',
            erpToken: 'erp-token-0123456789abcdef',
            source: { kind: 'csv', path: 'drop', mapping: Object.fromEntries(columns), encoding: 'windows-1252' },
            removalGuard: { maxRatio: 0.5 },
          },
        ],
      }),
    );
    const c = (n: number, over: Flat = {}) => contract(n, { nomApprenant: `Hélène${n}`, ...over });
    writeFileSync(join(dir, 'day1.csv'), csv([c(1), c(2), c(3), c(4), c(5, { nomEntreprise: '' })]));
    writeFileSync(
      join(dir, 'day2.csv'),
      csv([c(1, { emailMaitreApprentissage: 'nouveau.tuteur@entreprise.fr' }), c(3, { emailApprenant: '' }), c(4), c(5)]),
    );
    writeFileSync(
      join(dir, 'day3.csv'),
      csv([c(1, { emailMaitreApprentissage: 'nouveau.tuteur@entreprise.fr', dateFin: '31/12/2027' }), c(3), c(4), c(5), c(6)]),
    );
  });

  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
    await db?.cleanup();
  });

  test(`${name}: the CLI imports each day and prints a summary`, () => {
    for (const [day, date] of [
      ['day1', '2026-11-02'],
      ['day2', '2026-11-03'],
      ['day3', '2026-11-04'],
    ]) {
      const r = cli('import', '--config', configFile, '--org', 'cfa', '--file', join(dir, `${day}.csv`), '--as-of', date);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`\\(csv, ${date}\\): succeeded`));
    }
  });

  test(`${name}: the CLI refuses clearly what it cannot run`, () => {
    const missing = cli('import', '--config', configFile, '--org', 'cfa', '--file', join(dir, 'nope.csv'));
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /cannot read .*nope\.csv: ENOENT/);
    const org = cli('import', '--config', configFile, '--org', 'other', '--file', join(dir, 'day1.csv'));
    assert.notEqual(org.status, 0);
    assert.match(org.stderr, /unknown organisation "other"/);
    const token = cli('token', '--config', configFile, '--org', 'cfa');
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout.trim(), /^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  test(`${name}: the history is exactly what the three exports changed`, async () => {
    store = (db as ReplayDatabase).open(dir);
    await store.init();
    const { days } = await store.historyDays('cfa', { limit: 10 });
    assert.deepEqual(
      days.map((d) => [d.date, d.added, d.updated, d.archived, d.rejected, d.fixed]),
      [
        ['2026-11-04', 1, 1, 0, 0, 1],
        ['2026-11-03', 0, 1, 1, 1, 1],
        ['2026-11-02', 4, 0, 0, 1, 0],
      ],
    );
    const changes = async (date: string) =>
      (await store.historyDay('cfa', date, { limit: 100, offset: 0 })).changes
        .map((ch) => ({
          kind: ch.kind,
          code: ch.codeContrat,
          fields: ch.kind === 'updated' ? ch.fields : undefined,
          reasons: ch.reasons.map((r) => r.code),
        }))
        .sort((a, b) => `${a.kind}${a.code}`.localeCompare(`${b.kind}${b.code}`));

    assert.deepEqual(await changes('2026-11-02'), [
      { kind: 'added', code: 'C00001', fields: undefined, reasons: [] },
      { kind: 'added', code: 'C00002', fields: undefined, reasons: [] },
      { kind: 'added', code: 'C00003', fields: undefined, reasons: [] },
      { kind: 'added', code: 'C00004', fields: undefined, reasons: [] },
      { kind: 'rejected', code: 'C00005', fields: undefined, reasons: ['EMPLOYER_MISSING'] },
    ]);
    assert.deepEqual(await changes('2026-11-03'), [
      { kind: 'archived', code: 'C00002', fields: undefined, reasons: [] },
      { kind: 'fixed', code: 'C00005', fields: undefined, reasons: ['EMPLOYER_MISSING'] },
      { kind: 'rejected', code: 'C00003', fields: undefined, reasons: ['LEARNER_EMAIL_MISSING'] },
      {
        kind: 'updated',
        code: 'C00001',
        fields: [{ field: 'emailMaitreApprentissage', before: 'tuteur00001@entreprise.fr', after: 'nouveau.tuteur@entreprise.fr' }],
        reasons: [],
      },
    ]);
    assert.deepEqual(await changes('2026-11-04'), [
      { kind: 'added', code: 'C00006', fields: undefined, reasons: [] },
      { kind: 'fixed', code: 'C00003', fields: undefined, reasons: ['LEARNER_EMAIL_MISSING'] },
      { kind: 'updated', code: 'C00001', fields: [{ field: 'dateFin', before: '2027-08-31', after: '2027-12-31' }], reasons: [] },
    ]);

    // C00003 was integrated, turned invalid on day 2: it kept its last valid data meanwhile.
    const c3 = await store.timeline('cfa', 'C00003');
    assert.deepEqual(
      c3.map((ch) => ch.kind),
      ['fixed', 'rejected', 'added'],
    );
    const learner = (await store.listContracts('cfa', { status: 'integrated', q: 'hélène6', limit: 10, offset: 0 })).items;
    assert.deepEqual(
      learner.map((i) => i.codeContrat),
      ['C00006'],
    );
  });
}
