/**
 * The SQLite store (better-sqlite3): the embedded default, one file. Calls are synchronous
 * underneath; the async interface lets a networked database replace it without touching callers,
 * and lets writes wait for the lock without blocking (context.ts).
 */
import Database from 'better-sqlite3';
import type { Store } from '../store.ts';
import { createRunIdGenerator } from '../common/run-id.ts';
import { createContext, type SqliteContext } from './context.ts';
import { anonymisePersonalData } from './anonymise.ts';
import { migrate } from './migrations.ts';
import { listContracts, summary, syncContracts } from './read-contracts.ts';
import { historyDay, historyDays, timeline, trendOf } from './read-history.ts';
import { getContract, getRun, heldEffects, lastAppliedRun, readReceived, runRejections, stateReader } from './read-state.ts';
import {
  abandonRun,
  appendReceived,
  appendReceivedBlocks,
  receivedBlockHashes,
  discardReceived,
  applyRun,
  claimScheduledRun,
  failInterruptedRuns,
  failRun,
  heartbeat,
  holdRun,
  lastScheduledClaim,
  openRun,
  pruneReceived,
  recordRunEvent,
  resumeHeld,
  upsertOrganization,
} from './write.ts';

export interface SqliteStoreOptions {
  /** Test hook: called with 'apply:contracts' | 'apply:rejections' | 'apply:changes' | 'apply:run' | 'hold:run' inside the transaction. */
  failpoint?: (step: string) => void;
  /** How long a write waits for another process's lock before failing with StoreBusyError (ms). */
  maxWaitMs?: number;
}

function connect(path: string): Database.Database {
  const db = new Database(path);
  // A contract row is ~1 KB: 8 KiB pages hold them with less slack than 4 KiB ones (a file ~15 %
  // smaller). Only a new database takes it; an existing one keeps its page size.
  db.pragma('page_size = 8192');
  // WAL: readers (the HTTP API) never block on a run's write transaction.
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  // Short on purpose: waits for the lock happen asynchronously (context.ts), never in a blocking call.
  db.pragma('busy_timeout = 20');
  return db;
}

export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): Store {
  const db = connect(path);
  // A second connection for applying runs: readers on `db` never see a run half applied. An
  // in-memory database is private to its connection, so it keeps one.
  const writer = path === ':memory:' || path === '' ? db : connect(path);
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
      ctx ??= createContext(db, writer, { failpoint, runIds: createRunIdGenerator(), maxWaitMs: opts.maxWaitMs ?? 60_000 });
    },
    async close() {
      if (writer !== db && writer.open) writer.close();
      if (db.open) db.close();
    },
    upsertOrganization: (org) => upsertOrganization(c(), org),
    openRun: (orgId, input) => openRun(c(), orgId, input),
    resumeHeld: (orgId, runId, input) => resumeHeld(c(), orgId, runId, input),
    heartbeat: (orgId, runId, leaseUntil, progress) => heartbeat(c(), orgId, runId, leaseUntil, progress),
    appendReceived: (orgId, runId, records) => appendReceived(c(), orgId, runId, records),
    appendReceivedBlocks: (orgId, runId, blocks) => appendReceivedBlocks(c(), orgId, runId, blocks),
    receivedBlockHashes: (orgId, runId) => receivedBlockHashes(c(), orgId, runId),
    discardReceived: (orgId, runId) => discardReceived(c(), orgId, runId),
    readReceived: (orgId, runId) => readReceived(c(), orgId, runId),
    stateReader: async (orgId) => stateReader(c(), orgId),
    lastAppliedRun: async (orgId) => lastAppliedRun(c(), orgId),
    applyRun: (orgId, runId, outcome, facts, finishedAt) => applyRun(c(), orgId, runId, outcome, facts, finishedAt),
    holdRun: (orgId, runId, hold, finishedAt) => holdRun(c(), orgId, runId, hold, finishedAt),
    failRun: (orgId, runId, error, finishedAt, failure) => failRun(c(), orgId, runId, error, finishedAt, failure),
    abandonRun: (orgId, runId, by, at) => abandonRun(c(), orgId, runId, by, at),
    recordRunEvent: (orgId, runId, event) => recordRunEvent(c(), orgId, runId, event),
    failInterruptedRuns: (now) => failInterruptedRuns(c(), now),
    getRun: async (orgId, runId) => getRun(c(), orgId, runId),
    claimScheduledRun: (orgId, slot, at) => claimScheduledRun(c(), orgId, slot, at),
    lastScheduledClaim: (orgId) => lastScheduledClaim(c(), orgId),
    pruneReceived: (orgId, keep) => pruneReceived(c(), orgId, keep),
    anonymisePersonalData: (orgId, opts) => anonymisePersonalData(c(), orgId, opts),
    heldEffects: async (orgId, runId, page) => heldEffects(c(), orgId, runId, page),
    runRejections: async (orgId, runId, page) => runRejections(c(), orgId, runId, page),
    summary: async (orgId) => summary(c(), orgId),
    listContracts: async (orgId, filter) => listContracts(c(), orgId, filter),
    getContract: async (orgId, code) => getContract(c(), orgId, code),
    timeline: async (orgId, code) => timeline(c(), orgId, code),
    historyDays: async (orgId, opts) => historyDays(c(), orgId, opts),
    historyDay: async (orgId, date, opts) => historyDay(c(), orgId, date, opts),
    trend: async (orgId, days) => trendOf(c(), orgId, days),
    syncContracts: async (orgId, kind, page) => syncContracts(c(), orgId, kind, page),
  };
}
