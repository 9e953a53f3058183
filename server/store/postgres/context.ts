/**
 * What every PostgreSQL module receives: the pool, query helpers, transactions, the run
 * holds (run-holds.ts), the run id generator and the failpoint hook.
 */
import type pg from 'pg';
import type { IntegratedRanks } from '../common/integrated-ranks.ts';
import type { RunIdGenerator } from '../common/run-id.ts';
import type { RunHolds } from './run-holds.ts';

/** A pooled client or a run's own connection: both query the same way. */
export type Queryable = pg.Pool | pg.PoolClient | pg.Client;

export interface PgContext {
  pool: pg.Pool;
  schema: string;
  holds: RunHolds;
  runIds: RunIdGenerator;
  /** The integrated contracts' orders per applied run, for searches (common/integrated-ranks.ts). */
  ranks: IntegratedRanks;
  failpoint(step: string): void;
  /** A connection of its own, outside the pool (a run's lock lives as long as it). */
  connect(): Promise<pg.Client>;
}

export async function rows<R>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<R[]> {
  const r = await db.query(sql, params as unknown[]);
  return r.rows as R[];
}

export async function one<R>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
  return (await rows<R>(db, sql, params))[0];
}

export async function exec(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<number> {
  const r = await db.query(sql, params as unknown[]);
  return r.rowCount ?? 0;
}

/** Runs `fn` in one transaction on a pooled client: committed if it returns, rolled back if it throws. */
export async function transaction<T>(ctx: PgContext, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await ctx.pool.connect();
  let broken = false;
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    try {
      await c.query('ROLLBACK');
    } catch {
      // The connection itself failed: it must not go back to the pool.
      broken = true;
    }
    throw err;
  } finally {
    c.release(broken);
  }
}

/** Placeholders for a statement assembled from fixed fragments: `p(value)` binds a value and returns `$n`. */
export function binder(): { params: unknown[]; p(value: unknown): string } {
  const params: unknown[] = [];
  return {
    params,
    p(value) {
      params.push(value);
      return `$${params.length}`;
    },
  };
}
