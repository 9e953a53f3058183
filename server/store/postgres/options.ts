/**
 * Where the PostgreSQL store connects: a URL, how many pooled connections, and which schema
 * (several installations, or the tests, can share one database in separate schemas).
 */
export interface PostgresOptions {
  url: string;
  /** Pooled connections for reads and writes; each running run holds one more of its own. */
  poolSize?: number;
  /** The schema holding the tables (created if missing); `public` by default. */
  schema?: string;
  /** Test hook: called with 'apply:contracts' | 'apply:rejections' | 'apply:changes' | 'apply:run' | 'hold:run' inside the transaction. */
  failpoint?: (step: string) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name goes into SQL text (search_path, CREATE SCHEMA): only plain lowercase identifiers. */
export function checkedSchema(schema: string | undefined): string {
  const s = schema ?? 'public';
  if (!SCHEMA_NAME.test(s)) throw new Error(`invalid PostgreSQL schema name: ${JSON.stringify(s)} (lowercase letters, digits, _)`);
  return s;
}

/** True for a database setting that names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/**
 * The options of a `database` setting that is a PostgreSQL URL: `schema` and `poolSize` query
 * parameters are ours (the config's object form becomes them), the rest is pg's.
 */
export function postgresOptionsFromUrl(database: string): PostgresOptions {
  const url = new URL(database);
  const schema = url.searchParams.get('schema') ?? undefined;
  const pool = url.searchParams.get('poolSize');
  url.searchParams.delete('schema');
  url.searchParams.delete('poolSize');
  const poolSize = pool === null ? undefined : Number(pool);
  if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize >= 1)) throw new Error(`invalid poolSize in ${database}`);
  return { url: url.toString(), schema, poolSize };
}
