/**
 * SQLite test helpers: real database files in a temp directory, and a full dump of every
 * table (through a second connection, i.e. what is committed on disk).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export async function tempDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'erp-sync-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Every row of every table (FTS shadow tables included), in a deterministic order. */
export function dumpDatabase(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .all()
      .map((t) => t.name);
    const out: Record<string, string[]> = {};
    for (const t of tables) {
      const rows = db.prepare<[], unknown>(`SELECT * FROM "${t.replace(/"/g, '""')}"`).all();
      out[t] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
    }
    return out;
  } finally {
    db.close();
  }
}
