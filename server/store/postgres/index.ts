export { openPostgresStore, type PostgresStore } from './open.ts';
export { migrations } from './migrations.ts';
export { isPostgresUrl, postgresOptionsFromUrl, type PostgresOptions } from './options.ts';
