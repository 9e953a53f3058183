/**
 * A real PostgreSQL database for a test file: created under a random name through the admin
 * connection (ERP_SYNC_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres) and
 * dropped after. No server reachable: the tests fail, saying how to start one (never skipped).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.ERP_SYNC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** The test database's URL (same server and user as the admin URL). */
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  c.on('error', () => undefined);
  try {
    await c.connect();
  } catch (err) {
    throw new Error(
      `No PostgreSQL server at ${ADMIN_URL} (${(err as Error).message}). These tests need one: start it ` +
        '(Debian: `pg_ctlcluster 15 main start` or `service postgresql start`; missing: `apt-get install -y postgresql`), ' +
        'let the user connect over 127.0.0.1 (trust in pg_hba.conf), or point ERP_SYNC_TEST_PG_URL at another admin connection. ' +
        '`.ci/run` does all of this.',
    );
  }
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `erp_sync_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return testDatabase(name);
}

/**
 * A copy of a test database (CREATE DATABASE … TEMPLATE), for several runs to start from the
 * same state. Nothing may be connected to the original: a backend still ending after its
 * client left is waited for (a few seconds at most).
 */
export async function copyTestDatabase(from: TestDatabase): Promise<TestDatabase> {
  const name = `erp_sync_test_${randomBytes(6).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${from.name}`));
      return testDatabase(name);
    } catch (err) {
      // 55006: the template is being accessed by other users.
      if ((err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function testDatabase(name: string): TestDatabase {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A database for the whole test file, created on first use; `after(db.dropAll)` drops it. */
export function fileDatabase(): { get(): Promise<TestDatabase>; dropAll(): Promise<void> } {
  let db: Promise<TestDatabase> | null = null;
  return {
    get: () => {
      db ??= createTestDatabase();
      return db;
    },
    async dropAll() {
      if (db) await (await db).drop();
    },
  };
}

/** One pooled client of a test database, released (and its pool ended) after `fn`: its temp tables go with it. */
export async function withPgClient<T>(url: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const c = await pool.connect();
  try {
    return await fn(c);
  } finally {
    c.release();
    await pool.end();
  }
}

/** Every row of every table of a schema, in a deterministic order (what is committed). */
export async function dumpSchema(url: string, schema: string): Promise<Record<string, string[]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (
      await c.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
        [schema],
      )
    ).rows.map((r) => r.table_name);
    const out: Record<string, string[]> = {};
    for (const t of tables) {
      const rows = (await c.query(`SELECT * FROM "${schema}"."${t}"`)).rows as unknown[];
      out[t] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
    }
    return out;
  } finally {
    await c.end();
  }
}
