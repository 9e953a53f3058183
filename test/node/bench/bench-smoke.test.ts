/**
 * `npm run bench` at 2,000 contracts: proves the bench code works end to end (CLI imports, the
 * server, search, a push during admin traffic, the same on PostgreSQL) and prints every row. No timing is asserted:
 * the figures are read in the README, measured at 100,000 contracts.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test('the bench runs at 2,000 contracts and prints every figure', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/run.ts'], {
    cwd: root,
    env: { ...process.env, BENCH_CONTRACTS: '2000' },
    encoding: 'utf8',
    timeout: 600_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  for (const label of [
    'floor: JSON.parse + one SQLite insert transaction',
    'first import: CSV file through the CLI',
    'next day: 2 % changed, 0.5 % added, 0.5 % removed',
    'the same snapshot again',
    'storage after three daily imports',
    'search by first name, one at a time (HTTP)',
    'search by first name, 20 at a time (HTTP)',
    'push of the first day to another organisation (HTTP, end to end)',
    'admin API of another organisation during that import',
    'server process',
    'PostgreSQL floor: JSON.parse + one COPY into a JSONB table',
    'PostgreSQL: first import, CSV file through the CLI',
    'PostgreSQL: next day, 2 % changed, 0.5 % added, 0.5 % removed',
    'PostgreSQL: search by first name, one at a time (HTTP)',
    'PostgreSQL: server process',
  ]) {
    assert.ok(out.includes(label), `the bench prints « ${label} »\n${out}`);
  }
  // Every time is a ratio to the floor; every load ran without an error; the push applied.
  assert.match(out, /first import: CSV file through the CLI\s+\d+\.\d\d×/);
  // Each import timed three times, each on its own copy of its starting database: the median shown with the three.
  for (const label of [
    'first import: CSV file through the CLI',
    'the same snapshot again',
    'PostgreSQL: next day, 2 % changed, 0.5 % added, 0.5 % removed',
  ]) {
    assert.match(
      out,
      new RegExp(`${label.replace(/[.+]/g, '\\$&')}\\s+\\d+\\.\\d\\d×\\s+\\d+ ms\\s+median of 3 \\(\\d+, \\d+, \\d+ ms\\)`),
    );
  }
  // Each import's CPU time and the ratio it bounds from below on this machine's cores: the CLI's
  // own on SQLite, the whole machine's on PostgreSQL (its server works too).
  for (const label of [
    'first import: CSV file through the CLI',
    'next day: 2 % changed, 0.5 % added, 0.5 % removed',
    'the same snapshot again',
  ]) {
    assert.match(
      out,
      new RegExp(
        `${label.replace(/[.+]/g, '\\$&')}.*CPU \\d+\\.\\d s \\(the CLI, all its threads\\): at least \\d+\\.\\d\\d s on \\d+ cores = \\d+\\.\\d\\d× the floor`,
      ),
    );
  }
  assert.match(out, /PostgreSQL: first import, CSV file through the CLI.*CPU \d+\.\d s \(the machine: the CLI and PostgreSQL\): at least/);
  // The PostgreSQL rows are ratios to their own floor (COPY into a JSONB table, same run).
  assert.match(out, /PostgreSQL floor: JSON\.parse \+ one COPY into a JSONB table\s+1\.00×/);
  assert.match(out, /PostgreSQL: first import, CSV file through the CLI\s+\d+\.\d\d×/);
  assert.match(out, /PostgreSQL: next day, 2 % changed, 0\.5 % added, 0\.5 % removed\s+\d+\.\d\d×/);
  assert.doesNotMatch(out, /[1-9]\d* errors/);
  assert.match(out, /run succeeded/);
  assert.match(out, /peak RSS \d+ MB/);
});
