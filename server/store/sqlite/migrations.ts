/**
 * Versioned schema. Append new migrations; never edit an applied one. Each runs in its own
 * transaction together with the schema_version bump, so a crash leaves a known version.
 */
import type Database from 'better-sqlite3';

// Folded sort columns (nom_f...) are computed in JS with core fold(): SQLite has no NFD.
// The FTS tables index the same folded columns (searchText in common/search.ts) through triggers,
// so a row and its index entry can never drift apart, and a rollback undoes both.
const v1 = `
CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  org TEXT NOT NULL REFERENCES organizations(id),
  source TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'held', 'superseded')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  date TEXT NOT NULL,
  counts TEXT NOT NULL,
  error TEXT,
  held TEXT
);
CREATE INDEX runs_org_date ON runs(org, date);
CREATE INDEX runs_org_started ON runs(org, started_at, id);
CREATE INDEX runs_status ON runs(status);

-- Every received record, verbatim, before any processing (pos = order in the snapshot).
CREATE TABLE run_records (
  run_id TEXT NOT NULL REFERENCES runs(id),
  pos INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  line INTEGER,
  raw TEXT NOT NULL,
  fields TEXT NOT NULL,
  malformed TEXT,
  PRIMARY KEY (run_id, pos)
) WITHOUT ROWID;

CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  org TEXT NOT NULL REFERENCES organizations(id),
  code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('integrated', 'archived')),
  data TEXT NOT NULL,
  s_site TEXT NOT NULL,
  s_periode TEXT NOT NULL,
  s_formation TEXT NOT NULL,
  s_annee TEXT NOT NULL,
  s_groupe TEXT NOT NULL,
  since TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  nom_f TEXT NOT NULL,
  prenom_f TEXT NOT NULL,
  formation_f TEXT NOT NULL,
  company_f TEXT NOT NULL,
  group_f TEXT NOT NULL,
  site_f TEXT NOT NULL,
  date_debut TEXT NOT NULL,
  date_fin TEXT NOT NULL,
  f_code TEXT NOT NULL,
  f_name TEXT NOT NULL,
  search TEXT NOT NULL,
  UNIQUE (org, code)
);
-- The default listing order (learner, then code) reads straight from this index.
CREATE INDEX contracts_learner ON contracts(org, status, nom_f, prenom_f, code);

-- The open rejections of each org: replaced as a whole by every applied run.
CREATE TABLE rejections (
  id INTEGER PRIMARY KEY,
  org TEXT NOT NULL REFERENCES organizations(id),
  code TEXT NOT NULL,
  data TEXT NOT NULL,
  reasons TEXT NOT NULL,
  since TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  idx INTEGER NOT NULL,
  nom_f TEXT NOT NULL,
  prenom_f TEXT NOT NULL,
  formation_f TEXT NOT NULL,
  company_f TEXT NOT NULL,
  group_f TEXT NOT NULL,
  site_f TEXT NOT NULL,
  date_debut TEXT NOT NULL,
  date_fin TEXT NOT NULL,
  f_code TEXT NOT NULL,
  f_name TEXT NOT NULL,
  search TEXT NOT NULL,
  UNIQUE (org, code)
);

-- One row per (rejection, distinct reason code): the reason filter and chip counts, indexed,
-- without json_each scans. Also joined from contracts by code (an integrated contract's reasons).
CREATE TABLE rejection_reasons (
  org TEXT NOT NULL,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (org, code, reason)
) WITHOUT ROWID;
CREATE INDEX rejection_reasons_reason ON rejection_reasons(org, reason);

CREATE TABLE sessions (
  org TEXT NOT NULL REFERENCES organizations(id),
  site TEXT NOT NULL,
  periode TEXT NOT NULL,
  formation TEXT NOT NULL,
  annee TEXT NOT NULL,
  groupe TEXT NOT NULL,
  PRIMARY KEY (org, site, periode, formation, annee, groupe)
) WITHOUT ROWID;

CREATE TABLE changes (
  id INTEGER PRIMARY KEY,
  org TEXT NOT NULL REFERENCES organizations(id),
  run_id TEXT NOT NULL REFERENCES runs(id),
  date TEXT NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  learner TEXT NOT NULL,
  formation TEXT NOT NULL,
  fields TEXT NOT NULL,
  reasons TEXT NOT NULL,
  search TEXT NOT NULL
);
CREATE INDEX changes_org_date ON changes(org, date);
CREATE INDEX changes_org_code ON changes(org, code);

-- External-content FTS (the text lives once, in the table's search column); detail=none
-- because the queries are prefix words only, never phrases: a smaller, cheaper index.
CREATE VIRTUAL TABLE contracts_fts USING fts5(search, content = 'contracts', content_rowid = 'id', detail = none,
  tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER contracts_fts_ai AFTER INSERT ON contracts BEGIN
  INSERT INTO contracts_fts(rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER contracts_fts_ad AFTER DELETE ON contracts BEGIN
  INSERT INTO contracts_fts(contracts_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER contracts_fts_au AFTER UPDATE OF search ON contracts WHEN old.search IS NOT new.search BEGIN
  INSERT INTO contracts_fts(contracts_fts, rowid, search) VALUES ('delete', old.id, old.search);
  INSERT INTO contracts_fts(rowid, search) VALUES (new.id, new.search);
END;

CREATE VIRTUAL TABLE rejections_fts USING fts5(search, content = 'rejections', content_rowid = 'id', detail = none,
  tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER rejections_fts_ai AFTER INSERT ON rejections BEGIN
  INSERT INTO rejections_fts(rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER rejections_fts_ad AFTER DELETE ON rejections BEGIN
  INSERT INTO rejections_fts(rejections_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
`;

// The process that opened a run: SQLite lives on one machine, so a run left `running` by a
// process that no longer exists was interrupted, while one held by a live process is in progress.
const v2 = `ALTER TABLE runs ADD COLUMN pid INTEGER;`;

// Where a record filed under an internal key came from (contractItem.origin), as JSON.
const v3 = `ALTER TABLE rejections ADD COLUMN origin TEXT;`;

/** Ordered: migrations[i] brings the schema from version i to version i + 1. */
export const migrations: readonly string[] = [v1, v2, v3];

/** Applies the missing migrations; returns the resulting schema version. Safe to call on every open. */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const read = db.prepare<[], { version: number }>('SELECT version FROM schema_version');
  const current = (): number => read.get()?.version ?? 0;
  if (current() > migrations.length) {
    throw new Error(`database schema version ${current()} is newer than this program (${migrations.length})`);
  }
  const apply = db.transaction((i: number) => {
    // Re-read inside the (IMMEDIATE, hence exclusive) transaction: another process opening
    // the same fresh file may have applied it meanwhile.
    if (current() > i) return;
    db.exec(migrations[i]);
    db.prepare('DELETE FROM schema_version').run();
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(i + 1);
  });
  for (let i = current(); i < migrations.length; i++) apply.immediate(i);
  return current();
}
