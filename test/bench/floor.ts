/**
 * The physical floor every figure is a ratio of, measured in the same run on the same rows:
 * JSON.parse of the data, plus one better-sqlite3 transaction inserting every row into a table
 * with a primary key and a JSON column.
 */
import { rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface Floor {
  parseMs: number;
  insertMs: number;
  ms: number;
  fileBytes: number;
}

export function measureFloor(body: string, path: string): Floor {
  // Measured several times in a run (run.ts): each time into a new file.
  for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
  let t = performance.now();
  const rows = JSON.parse(body) as { codeContrat: string }[];
  const parseMs = performance.now() - t;
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE contracts (id INTEGER PRIMARY KEY, code TEXT NOT NULL, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO contracts (id, code, data) VALUES (?, ?, ?)');
  t = performance.now();
  db.transaction(() => {
    rows.forEach((r, i) => {
      insert.run(i, r.codeContrat, JSON.stringify(r));
    });
  })();
  const insertMs = performance.now() - t;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { parseMs, insertMs, ms: parseMs + insertMs, fileBytes: statSync(path).size };
}

/**
 * The floor measured `times` times, the median kept: one measurement moved by 40 % from one
 * run to the next on this machine (an insert of 0.9 s, then of 1.7 s), and every ratio with it.
 */
export async function medianFloor<F extends { ms: number }>(
  times: number,
  measure: () => F | Promise<F>,
): Promise<{ median: F; all: F[] }> {
  const all: F[] = [];
  for (let i = 0; i < times; i++) all.push(await measure());
  const sorted = [...all].sort((a, b) => a.ms - b.ms);
  return { median: sorted[Math.floor(sorted.length / 2)], all };
}
