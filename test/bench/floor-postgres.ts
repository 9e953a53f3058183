/**
 * The PostgreSQL floor the PostgreSQL figures are ratios of, measured in the same run on the
 * same rows: JSON.parse of the data, plus one COPY of every row into a table with a primary key
 * and a JSONB column, committed: the least any import of those rows into PostgreSQL can cost.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface PostgresFloor {
  parseMs: number;
  copyMs: number;
  ms: number;
  tableBytes: number;
}

/** COPY's text format: backslash escapes, tab separates, newline ends a row (JSON text holds neither raw). */
const copyText = (s: string) => s.replace(/\\/g, '\\\\');

export async function measurePostgresFloor(body: string, url: string): Promise<PostgresFloor> {
  let t = performance.now();
  const rows = JSON.parse(body) as { codeContrat: string }[];
  const parseMs = performance.now() - t;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // Measured several times in a run (run.ts): each time from an empty table.
    await c.query('DROP TABLE IF EXISTS floor_contracts');
    await c.query('CREATE TABLE floor_contracts (id BIGINT PRIMARY KEY, code TEXT NOT NULL, data JSONB NOT NULL)');
    t = performance.now();
    await c.query('BEGIN');
    const lines = (function* () {
      for (let i = 0; i < rows.length; i += 1_000) {
        let chunk = '';
        for (let j = i; j < Math.min(i + 1_000, rows.length); j++) {
          chunk += `${j}\t${copyText(rows[j].codeContrat)}\t${copyText(JSON.stringify(rows[j]))}\n`;
        }
        yield chunk;
      }
    })();
    await pipeline(Readable.from(lines), c.query(copyFrom('COPY floor_contracts (id, code, data) FROM STDIN')));
    await c.query('COMMIT');
    const copyMs = performance.now() - t;
    const size = await c.query<{ n: string }>(`SELECT pg_total_relation_size('floor_contracts') AS n`);
    return { parseMs, copyMs, ms: parseMs + copyMs, tableBytes: Number(size.rows[0].n) };
  } finally {
    await c.end();
  }
}
