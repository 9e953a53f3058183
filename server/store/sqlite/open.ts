/**
 * The SQLite store (better-sqlite3): the embedded default. Calls are synchronous underneath;
 * the async interface lets a networked database replace it without touching callers.
 */
import Database from 'better-sqlite3';
import type { Store } from '../store.ts';
import { createRunIdGenerator } from '../common/run-id.ts';
import { createContext, type SqliteContext } from './context.ts';
import { migrate } from './migrations.ts';
import { getContract, getRun, getRunRecords, loadState } from './read-state.ts';
import { listContracts, summary, syncContracts } from './read-contracts.ts';
import { historyDay, historyDays, timeline, trendOf } from './read-history.ts';
import { applyRun, failInterruptedRuns, failRun, pruneReceived, startRun, upsertOrganization } from './write.ts';

export interface SqliteStoreOptions {
  /** Test hook: called with 'apply:contracts' | 'apply:rejections' | 'apply:changes' | 'apply:run' inside applyRun's transaction. */
  failpoint?: (step: string) => void;
  /** How long a writer waits for another process's lock before SQLITE_BUSY (ms). */
  busyTimeoutMs?: number;
}

export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): Store {
  const db = new Database(path);
  // WAL: readers (the HTTP API) never block on the nightly run's write transaction.
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  // Longer than the longest write transaction (a 100,000-contract first import applies in ~20 s):
  // a push arriving while another process applies a run waits instead of failing.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 60_000))}`);
  const failpoint = opts.failpoint ?? (() => {});

  let ctx: SqliteContext | null = null;
  // Statements can only be prepared once the schema exists, hence after init().
  const c = (): SqliteContext => {
    if (!ctx) throw new Error('SQLite store used before init()');
    return ctx;
  };

  return {
    async init() {
      migrate(db);
      ctx ??= createContext(db, failpoint, createRunIdGenerator());
    },
    async close() {
      if (db.open) db.close();
    },
    async upsertOrganization(org) {
      upsertOrganization(c(), org);
    },
    async failInterruptedRuns(finishedAt) {
      return failInterruptedRuns(c(), finishedAt);
    },
    async startRun(orgId, input, records) {
      return startRun(c(), orgId, input, records);
    },
    async loadState(orgId) {
      return loadState(c(), orgId);
    },
    async applyRun(orgId, runId, outcome, finishedAt) {
      applyRun(c(), orgId, runId, outcome, finishedAt);
    },
    async failRun(orgId, runId, error, finishedAt) {
      failRun(c(), orgId, runId, error, finishedAt);
    },
    async getRun(orgId, runId) {
      return getRun(c(), orgId, runId);
    },
    async pruneReceived(orgId, keep) {
      return pruneReceived(c(), orgId, keep);
    },
    async getRunRecords(orgId, runId) {
      return getRunRecords(c(), orgId, runId);
    },
    async summary(orgId) {
      return summary(c(), orgId);
    },
    async listContracts(orgId, filter) {
      return listContracts(c(), orgId, filter);
    },
    async getContract(orgId, code) {
      return getContract(c(), orgId, code);
    },
    async timeline(orgId, code) {
      return timeline(c(), orgId, code);
    },
    async historyDays(orgId, opts) {
      return historyDays(c(), orgId, opts);
    },
    async historyDay(orgId, date, opts) {
      return historyDay(c(), orgId, date, opts);
    },
    async trend(orgId, days) {
      return trendOf(c(), orgId, days);
    },
    async syncContracts(orgId, kind, page) {
      return syncContracts(c(), orgId, kind, page);
    },
  };
}
