export { openSqliteStore, type SqliteStoreOptions } from './open.ts';
export { migrations } from './migrations.ts';
