/**
 * Versioned schema. Append new migrations; never edit an applied one. They run at start under
 * an advisory lock, so instances starting together migrate once: the others wait, then find
 * the version already reached. Each migration commits together with its version bump.
 *
 * Text that is sorted or compared (codes, dates, folded names) is COLLATE "C": code point
 * order, as SQLite's binary collation and the memory store's compareText, whatever the
 * database's locale. JSON is kept as text, as written: read back exactly as SQLite does.
 * Searched words are folded in TypeScript (common/search.ts) and indexed as given
 * (array_to_tsvector, no parser, no dictionary), so the search rule is SQLite's exactly.
 */
import type pg from 'pg';
import { exec, one } from './context.ts';

const v1 = `
CREATE TABLE organizations (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE runs (
  id TEXT COLLATE "C" PRIMARY KEY,
  org TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  source TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'held', 'superseded')),
  started_at TEXT COLLATE "C" NOT NULL,
  finished_at TEXT,
  date TEXT COLLATE "C" NOT NULL,
  counts TEXT NOT NULL,
  error TEXT,
  failure TEXT,
  held TEXT,
  lease_until TEXT COLLATE "C",
  meta TEXT,
  truncated BOOLEAN NOT NULL DEFAULT FALSE,
  progress TEXT
);
CREATE INDEX runs_org_date ON runs(org, date);
CREATE INDEX runs_org_started ON runs(org, started_at, id);
CREATE INDEX runs_org_status ON runs(org, status);
CREATE INDEX runs_running ON runs(status) WHERE status = 'running';

CREATE TABLE run_events (
  id BIGSERIAL PRIMARY KEY,
  run_id TEXT COLLATE "C" NOT NULL REFERENCES runs(id),
  at TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('started', 'approved', 'abandoned')),
  actor_sub TEXT NOT NULL,
  actor_name TEXT
);
CREATE INDEX run_events_run ON run_events(run_id, id);

-- One compressed block per ~1,000 received records, stored once whatever the number of runs
-- that received exactly those records (an unchanged export adds no block).
CREATE TABLE received_chunks (
  id BIGSERIAL PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  records INTEGER NOT NULL,
  body BYTEA NOT NULL
);
CREATE TABLE run_received (
  run_id TEXT COLLATE "C" NOT NULL REFERENCES runs(id),
  seq INTEGER NOT NULL,
  first INTEGER NOT NULL,
  chunk BIGINT NOT NULL REFERENCES received_chunks(id),
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX run_received_chunk ON run_received(chunk);

CREATE TABLE contracts (
  id BIGSERIAL PRIMARY KEY,
  org TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  code TEXT COLLATE "C" NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('integrated', 'archived')),
  data TEXT NOT NULL,
  s_site TEXT NOT NULL,
  s_periode TEXT NOT NULL,
  s_formation TEXT NOT NULL,
  s_annee TEXT NOT NULL,
  s_groupe TEXT NOT NULL,
  since TEXT COLLATE "C" NOT NULL,
  updated_at TEXT NOT NULL,
  nom_f TEXT COLLATE "C" NOT NULL,
  prenom_f TEXT COLLATE "C" NOT NULL,
  formation_f TEXT COLLATE "C" NOT NULL,
  company_f TEXT COLLATE "C" NOT NULL,
  group_f TEXT COLLATE "C" NOT NULL,
  site_f TEXT COLLATE "C" NOT NULL,
  date_debut TEXT COLLATE "C" NOT NULL,
  date_fin TEXT COLLATE "C" NOT NULL,
  f_code TEXT NOT NULL,
  f_name TEXT NOT NULL,
  hash TEXT NOT NULL,
  words TSVECTOR NOT NULL,
  UNIQUE (org, code)
);
-- The default listing order (learner, then code) reads straight from this index.
CREATE INDEX contracts_learner ON contracts(org, status, nom_f, prenom_f, code);
CREATE INDEX contracts_words ON contracts USING GIN (words);

-- The open rejections of each org: replaced as a whole by every applied run.
CREATE TABLE rejections (
  id BIGSERIAL PRIMARY KEY,
  org TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  code TEXT COLLATE "C" NOT NULL,
  data TEXT NOT NULL,
  reasons TEXT NOT NULL,
  since TEXT COLLATE "C" NOT NULL,
  updated_at TEXT NOT NULL,
  idx INTEGER NOT NULL,
  origin TEXT,
  nom_f TEXT COLLATE "C" NOT NULL,
  prenom_f TEXT COLLATE "C" NOT NULL,
  formation_f TEXT COLLATE "C" NOT NULL,
  company_f TEXT COLLATE "C" NOT NULL,
  group_f TEXT COLLATE "C" NOT NULL,
  site_f TEXT COLLATE "C" NOT NULL,
  date_debut TEXT COLLATE "C" NOT NULL,
  date_fin TEXT COLLATE "C" NOT NULL,
  f_code TEXT NOT NULL,
  f_name TEXT NOT NULL,
  words TSVECTOR NOT NULL,
  UNIQUE (org, code)
);
CREATE INDEX rejections_words ON rejections USING GIN (words);
CREATE INDEX rejections_idx ON rejections(org, idx, code);

CREATE TABLE rejection_reasons (
  org TEXT COLLATE "C" NOT NULL,
  code TEXT COLLATE "C" NOT NULL,
  reason TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (org, code, reason)
);
CREATE INDEX rejection_reasons_reason ON rejection_reasons(org, reason);

CREATE TABLE sessions (
  org TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  site TEXT NOT NULL,
  periode TEXT NOT NULL,
  formation TEXT NOT NULL,
  annee TEXT NOT NULL,
  groupe TEXT NOT NULL,
  PRIMARY KEY (org, site, periode, formation, annee, groupe)
);

CREATE TABLE changes (
  id BIGSERIAL PRIMARY KEY,
  org TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  run_id TEXT COLLATE "C" NOT NULL REFERENCES runs(id),
  date TEXT COLLATE "C" NOT NULL,
  at TEXT COLLATE "C" NOT NULL,
  kind TEXT NOT NULL,
  code TEXT COLLATE "C" NOT NULL,
  learner TEXT NOT NULL,
  formation TEXT NOT NULL,
  delta TEXT NOT NULL,
  whole TEXT CHECK (whole IN ('after', 'before')),
  legacy_fields TEXT,
  reasons TEXT NOT NULL,
  search TEXT NOT NULL,
  origin TEXT
);
CREATE INDEX changes_org_date ON changes(org, date);
CREATE INDEX changes_org_code ON changes(org, code, id);

CREATE TABLE held_effects (
  run_id TEXT COLLATE "C" NOT NULL REFERENCES runs(id),
  kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('archive', 'update')),
  code TEXT COLLATE "C" NOT NULL,
  fields TEXT,
  PRIMARY KEY (run_id, kind, code)
);

CREATE TABLE held_rejections (
  run_id TEXT COLLATE "C" NOT NULL REFERENCES runs(id),
  code TEXT COLLATE "C" NOT NULL,
  idx INTEGER NOT NULL,
  data TEXT NOT NULL,
  reasons TEXT NOT NULL,
  since TEXT NOT NULL,
  origin TEXT,
  PRIMARY KEY (run_id, code)
);
CREATE INDEX held_rejections_idx ON held_rejections(run_id, idx);
`;

// Scheduled imports claimed per occurrence: however many instances fire, one runs it.
const v2 = `
CREATE TABLE schedule_claims (
  org TEXT COLLATE "C" NOT NULL REFERENCES organizations(id),
  slot TEXT COLLATE "C" NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (org, slot)
);
`;

// The token of the connection holding a running run (run-holds.ts): its advisory lock's key.
const v3 = `ALTER TABLE runs ADD COLUMN holder TEXT;`;

/**
 * The per-row foreign key checks of the two tables a run fills by the hundred thousand. Each
 * check is a lookup in organizations or runs: 0.3 s of a 100,000-contract first import's COPY of
 * contracts, 0.8 s of the 1.3 s COPY of its changes. They could only ever fail on a bug: these
 * rows are written inside the transaction that applies their run, after it has locked that run's
 * row, of that very organisation (apply.ts assertApplicable), and no organisation or run is
 * ever deleted. The other tables keep theirs (a few rows per run).
 */
const v4 = `
ALTER TABLE contracts DROP CONSTRAINT IF EXISTS contracts_org_fkey;
ALTER TABLE changes DROP CONSTRAINT IF EXISTS changes_org_fkey;
ALTER TABLE changes DROP CONSTRAINT IF EXISTS changes_run_id_fkey;
`;

/** Ordered: migrations[i] brings the schema from version i to version i + 1. */
export const migrations: readonly string[] = [v1, v2, v3, v4];

/** Applies the missing migrations under an advisory lock; returns the resulting schema version. */
export async function migrate(client: pg.PoolClient, schema: string): Promise<number> {
  const key = `hashtextextended('erp-sync:migrate:' || $1, 0)`;
  await client.query(`SELECT pg_advisory_lock(${key})`, [schema]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const current = async () => (await one<{ version: number }>(client, 'SELECT version FROM schema_version'))?.version ?? 0;
    const start = await current();
    if (start > migrations.length) {
      throw new Error(`database schema version ${start} is newer than this program (${migrations.length})`);
    }
    for (let i = start; i < migrations.length; i++) {
      await client.query('BEGIN');
      try {
        await client.query(migrations[i]);
        await exec(client, 'DELETE FROM schema_version');
        await exec(client, 'INSERT INTO schema_version (version) VALUES ($1)', [i + 1]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return await current();
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${key})`, [schema]);
  }
}
