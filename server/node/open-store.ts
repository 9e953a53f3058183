/** The configured database as a Store: a SQLite file (the embedded default). */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openSqliteStore } from '../store/sqlite/index.ts';
import type { Store } from '../store/store.ts';

export async function openStore(database: string): Promise<Store> {
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  const store = openSqliteStore(database);
  await store.init();
  return store;
}
