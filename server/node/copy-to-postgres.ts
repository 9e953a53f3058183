/**
 * Moving an installation up from SQLite to PostgreSQL (`erp-sync copy --from F --to URL`):
 * every table, row for row, ids kept (run ids, change order, received blocks), into an empty
 * PostgreSQL schema, in ONE transaction that commits only if every table's count matches.
 * The SQLite file is brought to the current schema first (its own migrations), then read only.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { contractRecord } from '../../contract/index.ts';
import { decodeRecord } from '../store/common/record-codec.ts';
import { openPostgresStore, postgresOptionsFromUrl } from '../store/postgres/index.ts';
import { indexedWords } from '../store/postgres/search.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';

/** A copy refused or undone (a non-empty target, counts that differ): nothing was copied. */
export class CopyRefusedError extends Error {
  override name = 'CopyRefusedError';
}

export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
}

type Row = Record<string, unknown>;

interface TableCopy {
  table: string;
  /** Columns as PostgreSQL receives them, with their types (for unnest). */
  columns: [name: string, type: string][];
  /** SQLite query giving those columns (in order of the primary key, for a stable copy). */
  select: string;
  /** Extra SQL expressions computed in PostgreSQL from the copied columns. */
  computed?: { column: string; from: string; value(row: Row): unknown };
  /** A BIGSERIAL id whose sequence must continue after the copied ids. */
  serial?: boolean;
}

const text = (names: string[]): [string, string][] => names.map((n) => [n, 'text']);
const SORT = ['nom_f', 'prenom_f', 'formation_f', 'company_f', 'group_f', 'site_f', 'date_debut', 'date_fin', 'f_code', 'f_name'];

/** In the order foreign keys need. */
const TABLES: TableCopy[] = [
  { table: 'organizations', columns: text(['id', 'name']), select: 'SELECT id, name FROM organizations ORDER BY id' },
  {
    table: 'runs',
    columns: [
      ...text([
        'id',
        'org',
        'source',
        'status',
        'started_at',
        'finished_at',
        'date',
        'counts',
        'error',
        'failure',
        'held',
        'lease_until',
        'meta',
      ]),
      ['truncated', 'boolean'],
      ['progress', 'text'],
    ],
    select: `SELECT id, org, source, status, started_at, finished_at, date, counts, error, failure, held, lease_until, meta,
      truncated = 1 AS truncated, progress FROM runs ORDER BY id`,
  },
  {
    table: 'run_events',
    columns: [['id', 'bigint'], ...text(['run_id', 'at', 'action', 'actor_sub', 'actor_name'])],
    select: 'SELECT id, run_id, at, action, actor_sub, actor_name FROM run_events ORDER BY id',
    serial: true,
  },
  {
    table: 'received_chunks',
    columns: [
      ['id', 'bigint'],
      ['hash', 'text'],
      ['records', 'int'],
      ['body', 'bytea'],
    ],
    select: 'SELECT id, hash, records, body FROM received_chunks ORDER BY id',
    serial: true,
  },
  {
    table: 'run_received',
    columns: [
      ['run_id', 'text'],
      ['seq', 'int'],
      ['first', 'int'],
      ['chunk', 'bigint'],
    ],
    select: 'SELECT run_id, seq, first, chunk FROM run_received ORDER BY run_id, seq',
  },
  {
    table: 'contracts',
    columns: [
      ['id', 'bigint'],
      ...text([
        'org',
        'code',
        'status',
        'data',
        's_site',
        's_periode',
        's_formation',
        's_annee',
        's_groupe',
        'since',
        'updated_at',
        ...SORT,
      ]),
      ['hash', 'text'],
    ],
    select: `SELECT id, org, code, status, data, s_site, s_periode, s_formation, s_annee, s_groupe, since, updated_at, ${SORT.join(', ')},
      hash FROM contracts ORDER BY id`,
    // The indexed words are PostgreSQL's own (SQLite keeps them in its FTS index): computed from the data.
    computed: {
      column: 'words',
      from: "array_to_tsvector(string_to_array(w, ' '))",
      value: (r) => indexedWords(decodeRecord(r.data as string)),
    },
    serial: true,
  },
  {
    table: 'rejections',
    columns: [
      ['id', 'bigint'],
      ...text(['org', 'code', 'data', 'reasons', 'since', 'updated_at']),
      ['idx', 'int'],
      ...text(['origin', ...SORT]),
    ],
    // When each was last received: the organisation's latest applied run, as SQLite reads it
    // (store/sqlite/write-rejections.ts); PostgreSQL writes it on every row.
    select: `SELECT x.id, x.org, x.code, x.data, x.reasons, x.since,
        COALESCE((SELECT r.finished_at FROM runs r WHERE r.org = x.org AND r.status = 'succeeded'
          ORDER BY r.started_at DESC, r.id DESC LIMIT 1), x.updated_at) AS updated_at,
        x.idx, x.origin, ${SORT.map((c) => `x.${c}`).join(', ')} FROM rejections x ORDER BY x.id`,
    computed: {
      column: 'words',
      from: "array_to_tsvector(string_to_array(w, ' '))",
      value: (r) => indexedWords(JSON.parse(r.data as string) as contractRecord),
    },
    serial: true,
  },
  {
    table: 'rejection_reasons',
    columns: text(['org', 'code', 'reason']),
    select: 'SELECT org, code, reason FROM rejection_reasons ORDER BY org, code, reason',
  },
  {
    table: 'sessions',
    columns: text(['org', 'site', 'periode', 'formation', 'annee', 'groupe']),
    select: 'SELECT org, site, periode, formation, annee, groupe FROM sessions ORDER BY 1, 2, 3, 4, 5, 6',
  },
  {
    table: 'changes',
    columns: [
      ['id', 'bigint'],
      ...text([
        'org',
        'run_id',
        'date',
        'at',
        'kind',
        'code',
        'learner',
        'formation',
        'delta',
        'whole',
        'legacy_fields',
        'reasons',
        'search',
        'origin',
      ]),
    ],
    select: `SELECT id, org, run_id, date, at, kind, code, learner, formation, delta, whole, legacy_fields, reasons, search, origin
      FROM changes ORDER BY id`,
    serial: true,
  },
  {
    table: 'held_effects',
    columns: text(['run_id', 'kind', 'code', 'fields']),
    select: 'SELECT run_id, kind, code, fields FROM held_effects ORDER BY 1, 2, 3',
  },
  {
    table: 'held_rejections',
    columns: [['run_id', 'text'], ['code', 'text'], ['idx', 'int'], ...text(['data', 'reasons', 'since', 'origin'])],
    select: 'SELECT run_id, code, idx, data, reasons, since, origin FROM held_rejections ORDER BY 1, 2',
  },
  {
    table: 'schedule_claims',
    columns: text(['org', 'slot', 'claimed_at']),
    select: 'SELECT org, slot, claimed_at FROM schedule_claims ORDER BY 1, 2',
  },
];

const ROWS_PER_STATEMENT = 2_000;

async function insertRows(c: pg.PoolClient, t: TableCopy, rows: Row[]): Promise<void> {
  const names = t.columns.map(([n]) => n);
  const types = t.columns.map(([, type]) => type);
  const params: unknown[][] = names.map((n) => rows.map((r) => r[n] ?? null));
  if (t.computed) {
    const compute = t.computed.value;
    params.push(rows.map((r) => compute(r)));
    types.push('text');
  }
  const alias = [...names, ...(t.computed ? ['w'] : [])];
  const unnest = `unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) AS t(${alias.join(', ')})`;
  const target = [...names, ...(t.computed ? [t.computed.column] : [])];
  const values = [...names, ...(t.computed ? [t.computed.from] : [])];
  await c.query(`INSERT INTO ${t.table} (${target.join(', ')}) SELECT ${values.join(', ')} FROM ${unnest}`, params);
}

/**
 * Copies the SQLite installation at `from` into the PostgreSQL database `to` (a URL, with
 * `?schema=` if wanted), which must hold no organisation yet. Returns every table's counts.
 */
export async function copyToPostgres(from: string, to: string, onTable: (t: TableCount) => void = () => {}): Promise<TableCount[]> {
  const source = openSqliteStore(from);
  await source.init();
  await source.close();
  const target = openPostgresStore(postgresOptionsFromUrl(to));
  await target.init();
  await target.close();

  const options = postgresOptionsFromUrl(to);
  const pool = new pg.Pool({ connectionString: options.url, options: `-c search_path=${options.schema ?? 'public'}`, max: 1 });
  const sqlite = new Database(from, { readonly: true, fileMustExist: true });
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const existing = await c.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM organizations');
    if (existing.rows[0].n > 0)
      throw new CopyRefusedError(`the target database already holds ${existing.rows[0].n} organisation(s): copy into an empty one`);
    const counts: TableCount[] = [];
    for (const t of TABLES) {
      let batch: Row[] = [];
      for (const row of sqlite.prepare<[], Row>(t.select).iterate()) {
        batch.push(row);
        if (batch.length >= ROWS_PER_STATEMENT) {
          await insertRows(c, t, batch);
          batch = [];
        }
      }
      if (batch.length > 0) await insertRows(c, t, batch);
      if (t.serial)
        await c.query(`SELECT setval(pg_get_serial_sequence('${t.table}', 'id'), GREATEST((SELECT MAX(id) FROM ${t.table}), 1))`);
      const n = (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${t.table}`).get() as { n: number }).n;
      const m = (await c.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${t.table}`)).rows[0].n;
      const count = { table: t.table, sqlite: n, postgres: m };
      counts.push(count);
      onTable(count);
    }
    const wrong = counts.filter((x) => x.sqlite !== x.postgres);
    if (wrong.length > 0)
      throw new CopyRefusedError(`counts differ, nothing copied: ${wrong.map((x) => `${x.table} ${x.sqlite} ≠ ${x.postgres}`).join(', ')}`);
    await c.query('COMMIT');
    return counts;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
    sqlite.close();
    await pool.end();
  }
}
