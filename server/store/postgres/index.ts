export { openPostgresStore } from './open.ts';
export { migrations } from './migrations.ts';
export { isPostgresUrl, type PostgresOptions } from './options.ts';
