/**
 * Versioned schema. Append new migrations; never edit an applied one. Each runs in its own
 * transaction together with the schema_version bump, so a crash leaves a known version.
 */
import type Database from 'better-sqlite3';
import type { contractRecord } from '../../../contract/index.ts';
import { fingerprint } from '../../core/fingerprint.ts';
import type { ReceivedRecord } from '../../core/types.ts';
import { BLOCK_RECORDS, blockOf, keepBlock } from './received.ts';
import { ftsWords, orgTokens } from './search-index.ts';
import { decodeRecord } from '../common/record-codec.ts';

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

/**
 * v4, the national-scale layout (issues #8/#9): received records as compressed, content-addressed
 * blocks instead of two JSON copies per record per run; compact history (a whole contract is not
 * copied into every "added" change: store/common/history.ts rebuilds it); a fingerprint per
 * contract so a run reads only the contracts it changes; full-text search scoped by organisation
 * (every indexed word carries the organisation's token, so one CFA's search never walks another's
 * postings); runs held by a renewed lease instead of a process id; admins' actions on runs; what a
 * held run would do, for its preview. Existing data is carried over.
 */
function v4(db: Database.Database): void {
  db.exec(`
    ALTER TABLE runs ADD COLUMN lease_until TEXT;
    ALTER TABLE runs ADD COLUMN meta TEXT;
    ALTER TABLE runs ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE runs ADD COLUMN progress TEXT;
    CREATE INDEX runs_org_status ON runs(org, status);

    CREATE TABLE run_events (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES runs(id),
      at TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('started', 'approved', 'abandoned')),
      actor_sub TEXT NOT NULL,
      actor_name TEXT
    );
    CREATE INDEX run_events_run ON run_events(run_id, id);

    -- One compressed block per ~1,000 received records, stored once whatever the number of runs
    -- that received exactly those records (an unchanged export adds no block).
    CREATE TABLE received_chunks (
      id INTEGER PRIMARY KEY,
      hash TEXT NOT NULL UNIQUE,
      records INTEGER NOT NULL,
      body BLOB NOT NULL
    );
    CREATE TABLE run_received (
      run_id TEXT NOT NULL REFERENCES runs(id),
      seq INTEGER NOT NULL,
      first INTEGER NOT NULL,
      chunk INTEGER NOT NULL REFERENCES received_chunks(id),
      PRIMARY KEY (run_id, seq)
    ) WITHOUT ROWID;
    CREATE INDEX run_received_chunk ON run_received(chunk);

    CREATE TABLE held_effects (
      run_id TEXT NOT NULL REFERENCES runs(id),
      kind TEXT NOT NULL CHECK (kind IN ('archive', 'update')),
      code TEXT NOT NULL,
      fields TEXT,
      PRIMARY KEY (run_id, kind, code)
    ) WITHOUT ROWID;

    ALTER TABLE contracts ADD COLUMN hash TEXT NOT NULL DEFAULT '';
    -- Covering: a run reads every contract's fingerprint from the index alone, not from the rows.
    CREATE INDEX contracts_fingerprints ON contracts(org, code, status, hash);

    CREATE TABLE changes_v4 (
      id INTEGER PRIMARY KEY,
      org TEXT NOT NULL REFERENCES organizations(id),
      run_id TEXT NOT NULL REFERENCES runs(id),
      date TEXT NOT NULL,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      code TEXT NOT NULL,
      learner TEXT NOT NULL,
      formation TEXT NOT NULL,
      delta TEXT NOT NULL,
      whole TEXT CHECK (whole IN ('after', 'before')),
      legacy_fields TEXT,
      reasons TEXT NOT NULL,
      search TEXT NOT NULL
    );
    INSERT INTO changes_v4 (id, org, run_id, date, at, kind, code, learner, formation, delta, whole, legacy_fields, reasons, search)
      SELECT id, org, run_id, date, at, kind, code, learner, formation, '[]', NULL, fields, reasons, search FROM changes;
    DROP TABLE changes;
    ALTER TABLE changes_v4 RENAME TO changes;
    CREATE INDEX changes_org_date ON changes(org, date);
    CREATE INDEX changes_org_code ON changes(org, code, id);

    DROP TRIGGER contracts_fts_ai;
    DROP TRIGGER contracts_fts_ad;
    DROP TRIGGER contracts_fts_au;
    DROP TABLE contracts_fts;
    DROP TRIGGER rejections_fts_ai;
    DROP TRIGGER rejections_fts_ad;
    DROP TABLE rejections_fts;
    -- Contentless: the words live only in the index; rows are deleted from it by rowid.
    CREATE VIRTUAL TABLE contracts_fts USING fts5(words, content = '', contentless_delete = 1, detail = none,
      tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE rejections_fts USING fts5(words, content = '', contentless_delete = 1, detail = none,
      tokenize = 'unicode61 remove_diacritics 2');
  `);

  // Carried over: fingerprints, the organisation-scoped index, received records as blocks.
  const token = orgTokens(db);
  const setHash = db.prepare('UPDATE contracts SET hash = ? WHERE id = ?');
  const addContractWords = db.prepare('INSERT INTO contracts_fts (rowid, words) VALUES (?, ?)');
  for (const r of db.prepare<[], { id: number; org: string; data: string }>('SELECT id, org, data FROM contracts').iterate()) {
    const data = decodeRecord(r.data);
    setHash.run(fingerprint(data), r.id);
    addContractWords.run(r.id, ftsWords(token(r.org), data));
  }
  const addRejectionWords = db.prepare('INSERT INTO rejections_fts (rowid, words) VALUES (?, ?)');
  for (const r of db.prepare<[], { id: number; org: string; data: string }>('SELECT id, org, data FROM rejections').iterate()) {
    addRejectionWords.run(r.id, ftsWords(token(r.org), JSON.parse(r.data) as contractRecord));
  }
  const runsWithRecords = db.prepare<[], { run_id: string }>('SELECT DISTINCT run_id FROM run_records').all();
  const rows = db.prepare<[string], { idx: number; line: number | null; raw: string; fields: string; malformed: string | null }>(
    'SELECT idx, line, raw, fields, malformed FROM run_records WHERE run_id = ? ORDER BY pos',
  );
  for (const { run_id } of runsWithRecords) {
    const records: ReceivedRecord[] = rows.all(run_id).map((r) => {
      const rec: ReceivedRecord = {
        index: r.idx,
        raw: JSON.parse(r.raw) as unknown,
        fields: JSON.parse(r.fields) as ReceivedRecord['fields'],
      };
      if (r.malformed !== null) rec.malformed = r.malformed;
      if (r.line !== null) rec.line = r.line;
      return rec;
    });
    let seq = 0;
    for (let i = 0; i < records.length; i += BLOCK_RECORDS) {
      keepBlock(db, run_id, seq++, i, blockOf(records.slice(i, i + BLOCK_RECORDS)));
    }
  }
  db.exec(`
    DROP TABLE run_records;
    ALTER TABLE contracts DROP COLUMN search;
    ALTER TABLE rejections DROP COLUMN search;
  `);
}

// A held run's rejections, kept for its push caller to page through (the org's open rejections
// are the last applied run's; a held run applies none).
const v5 = `
CREATE TABLE held_rejections (
  run_id TEXT NOT NULL REFERENCES runs(id),
  code TEXT NOT NULL,
  idx INTEGER NOT NULL,
  data TEXT NOT NULL,
  reasons TEXT NOT NULL,
  since TEXT NOT NULL,
  origin TEXT,
  PRIMARY KEY (run_id, code)
) WITHOUT ROWID;
CREATE INDEX held_rejections_idx ON held_rejections(run_id, idx);
`;

// Screens need words, not keys: where a keyless rejected record came from, and what kind of failure a run had.
const v6 = `
ALTER TABLE changes ADD COLUMN origin TEXT;
ALTER TABLE runs ADD COLUMN failure TEXT;
UPDATE runs SET failure = CASE WHEN error = 'interrupted' THEN 'interrupted' ELSE 'internal' END WHERE status = 'failed';
`;

// Scheduled imports claimed per occurrence: several processes on one database run each once.
const v7 = `
CREATE TABLE schedule_claims (
  org TEXT NOT NULL REFERENCES organizations(id),
  slot TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (org, slot)
) WITHOUT ROWID;
`;

/** Ordered: migrations[i] brings the schema from version i to version i + 1. */
export const migrations: readonly Migration[] = [v1, v2, v3, v4, v5, v6, v7];

type Migration = string | ((db: Database.Database) => void);

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
    const m = migrations[i];
    if (typeof m === 'string') db.exec(m);
    else m(db);
    db.prepare('DELETE FROM schema_version').run();
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(i + 1);
  });
  for (let i = current(); i < migrations.length; i++) apply.immediate(i);
  return current();
}
