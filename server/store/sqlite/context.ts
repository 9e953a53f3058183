/**
 * What every SQLite module receives: two connections to one file — `db` for reads and short
 * writes, `writer` for the long transaction that applies a run, so a reader never sees a run
 * half applied even in one process — a prepared-statement cache per connection, the
 * organisation tokens of the search index, and the failpoint hook.
 *
 * Nobody waits on SQLite's lock synchronously (that would freeze the event loop of the HTTP
 * server while another process imports): connections have a tiny busy timeout, and writes
 * retry asynchronously with backoff until `maxWaitMs`, then fail with StoreBusyError (503).
 */
import type Database from 'better-sqlite3';
import { IntegratedRanks } from '../common/integrated-ranks.ts';
import type { RunIdGenerator } from '../common/run-id.ts';
import { StoreBusyError } from '../store.ts';
import { orgTokens } from './search-index.ts';

export type Statement<R> = Database.Statement<unknown[], R>;

export interface SqliteContext {
  db: Database.Database;
  writer: Database.Database;
  stmt<R = unknown>(sql: string): Statement<R>;
  wstmt<R = unknown>(sql: string): Statement<R>;
  /** Test hook called between the steps of applyRun, inside its transaction. */
  failpoint(step: string): void;
  runIds: RunIdGenerator;
  /** The search index token of an organisation. */
  orgToken(orgId: string): string;
  /** The integrated contracts' orders per applied run, for searches (common/integrated-ranks.ts). */
  ranks: IntegratedRanks;
  /** Runs `fn` in an IMMEDIATE transaction on `conn`, waiting for the write lock without blocking. */
  write<T>(conn: Database.Database, fn: () => T | Promise<T>): Promise<T>;
}

function cached(conn: Database.Database): <R>(sql: string) => Statement<R> {
  const cache = new Map<string, Statement<unknown>>();
  return <R>(sql: string): Statement<R> => {
    let s = cache.get(sql);
    if (!s) {
      s = conn.prepare<unknown[], unknown>(sql);
      cache.set(sql, s);
    }
    return s as Statement<R>;
  };
}

export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createContext(
  db: Database.Database,
  writer: Database.Database,
  opts: { failpoint: (step: string) => void; runIds: RunIdGenerator; maxWaitMs: number },
): SqliteContext {
  const tokens = orgTokens(db);
  // One transaction at a time per connection in this process: an apply awaiting its spools must
  // not see another write begin on its connection (SQLite nests no transactions).
  const queues = new Map<Database.Database, Promise<unknown>>();
  const serial = <T>(conn: Database.Database, job: () => Promise<T>): Promise<T> => {
    const prev = queues.get(conn) ?? Promise.resolve();
    const next = prev.then(job, job);
    queues.set(
      conn,
      next.catch(() => undefined),
    );
    return next;
  };
  return {
    db,
    writer,
    stmt: cached(db),
    wstmt: writer === db ? cached(db) : cached(writer),
    failpoint: opts.failpoint,
    runIds: opts.runIds,
    orgToken: tokens,
    ranks: new IntegratedRanks(),
    write(conn, fn) {
      return serial(conn, () => writeNow(conn, fn, opts.maxWaitMs));
    },
  };
}

async function writeNow<T>(conn: Database.Database, fn: () => T | Promise<T>, maxWaitMs: number): Promise<T> {
  const deadline = Date.now() + maxWaitMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 250)) {
    try {
      conn.exec('BEGIN IMMEDIATE');
      break;
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (Date.now() >= deadline) throw new StoreBusyError(Math.max(1, Math.ceil(maxWaitMs / 1000)));
      await sleep(wait);
    }
  }
  try {
    const out = await fn();
    conn.exec('COMMIT');
    return out;
  } catch (err) {
    if (conn.inTransaction) conn.exec('ROLLBACK');
    throw err;
  }
}
