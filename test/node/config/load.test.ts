import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, parseConfig } from '../../../server/config/load.ts';
import { postgresOptionsFromUrl } from '../../../server/store/postgres/index.ts';

const valid = () => ({
  database: 'data/erp-sync.sqlite',
  port: 8787,
  auth: { jwtSecret: 'a-very-long-secret-of-at-least-32-chars' },
  organizations: [
    { id: 'cfa-lyon', name: 'CFA Lyon', erpToken: 'erp-token-lyon-0123456789', source: { kind: 'push' } },
    {
      id: 'cfa-grenoble',
      name: 'CFA Grenoble',
      erpToken: 'erp-token-grenoble-0123456789',
      source: { kind: 'csv', path: 'drop/', mapping: { 'Code contrat': 'codeContrat' } },
    },
  ],
});

test('a valid config gets its defaults', () => {
  const c = parseConfig(valid());
  assert.equal(c.organizations[0].schedule, '0 2 * * *');
  assert.equal(c.organizations[0].sessions, 'auto');
  assert.deepEqual(c.organizations[0].removalGuard, { maxRatio: 0.2 });
  const csv = c.organizations[1].source;
  assert.equal(csv.kind, 'csv');
  if (csv.kind === 'csv') {
    assert.equal(csv.encoding, 'auto');
    assert.equal(csv.dateFormat, 'DD/MM/YYYY');
  }
});

test('an error names the bad key', () => {
  const bad = valid();
  (bad.organizations[1].source as { mapping: Record<string, string> }).mapping = { 'Code contrat': 'codeContra' };
  assert.throws(
    () => parseConfig(bad),
    (e: Error) => e instanceof ConfigError && /organizations\.1\.source\.mapping\.Code contrat/.test(e.message),
  );
  const noSecret = { ...valid(), auth: { jwtSecret: 'short' } };
  assert.throws(() => parseConfig(noSecret), /auth\.jwtSecret: at least 32 characters/);
  const unknownKind = valid();
  (unknownKind.organizations[0] as { source: unknown }).source = { kind: 'ftp' };
  assert.throws(() => parseConfig(unknownKind), /organizations\.0\.source/);
});

test('duplicate organisation ids and shared ERP tokens are refused', () => {
  const dupId = valid();
  dupId.organizations[1].id = 'cfa-lyon';
  assert.throws(() => parseConfig(dupId), /organizations\.1\.id: duplicate id "cfa-lyon"/);
  const dupToken = valid();
  dupToken.organizations[1].erpToken = dupToken.organizations[0].erpToken;
  assert.throws(() => parseConfig(dupToken), /organizations\.1\.erpToken/);
});

test('loadConfig resolves paths against the file and reports unreadable or invalid JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-config-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(valid()));
  const c = loadConfig(file);
  assert.equal(c.database, join(dir, 'data/erp-sync.sqlite'));
  const csv = c.organizations[1].source;
  assert.equal(csv.kind === 'csv' && csv.path, join(dir, 'drop'));
  writeFileSync(file, '{"database": ');
  assert.throws(() => loadConfig(file), /is not valid JSON/);
  assert.throws(() => loadConfig(join(dir, 'missing.json')), /Cannot read config .*ENOENT/);
});

test('database: a SQLite path, a PostgreSQL URL, or a PostgreSQL object (kept as one URL with schema and pool size)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-config-'));
  const file = join(dir, 'config.json');
  const url = 'postgres://erp@db.internal:5432/erp_sync';
  writeFileSync(file, JSON.stringify({ ...valid(), database: url }));
  assert.equal(loadConfig(file).database, url, 'a URL is not a path to resolve');
  writeFileSync(file, JSON.stringify({ ...valid(), database: { url, poolSize: 20, schema: 'cfa_north' } }));
  const asUrl = loadConfig(file).database;
  assert.deepEqual(postgresOptionsFromUrl(asUrl), { url, poolSize: 20, schema: 'cfa_north' });
  assert.deepEqual(postgresOptionsFromUrl(url), { url, poolSize: undefined, schema: undefined });
  assert.throws(() => parseConfig({ ...valid(), database: { url, schema: 'Bad-Name' } }), /database/);
  assert.throws(() => parseConfig({ ...valid(), database: { url: 'mysql://x' } }), /database/);
});
