/** The configured database as a Store: a SQLite file (the embedded default) or a PostgreSQL URL. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isPostgresUrl, openPostgresStore, postgresOptionsFromUrl } from '../store/postgres/index.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import type { Store } from '../store/store.ts';

export function isSharedDatabase(database: string): boolean {
  return isPostgresUrl(database);
}

export async function openStore(database: string): Promise<Store> {
  let store: Store;
  if (isPostgresUrl(database)) store = openPostgresStore(postgresOptionsFromUrl(database));
  else {
    if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
    store = openSqliteStore(database);
  }
  try {
    await store.init();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
