/**
 * What every SQLite module receives: the connection, a prepared-statement cache and the
 * failpoint hook. Statements are prepared once per SQL text (the listing queries are built
 * from a few filter combinations, so the cache stays small).
 */
import type Database from 'better-sqlite3';
import type { RunIdGenerator } from '../common/run-id.ts';

export type Statement<R> = Database.Statement<unknown[], R>;

export interface SqliteContext {
  db: Database.Database;
  stmt<R = unknown>(sql: string): Statement<R>;
  /** Test hook called between the steps of applyRun, inside its transaction. */
  failpoint(step: string): void;
  runIds: RunIdGenerator;
}

export function createContext(db: Database.Database, failpoint: (step: string) => void, runIds: RunIdGenerator): SqliteContext {
  const cache = new Map<string, Statement<unknown>>();
  return {
    db,
    failpoint,
    runIds,
    stmt<R>(sql: string): Statement<R> {
      let s = cache.get(sql);
      if (!s) {
        s = db.prepare<unknown[], unknown>(sql);
        cache.set(sql, s);
      }
      return s as Statement<R>;
    },
  };
}
