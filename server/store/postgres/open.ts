/**
 * The PostgreSQL store (pg): one database shared by any number of server instances. Reads and
 * short writes use a pool; each running run holds a connection of its own (run-holds.ts).
 */
import { createRequire } from 'node:module';
import type pg from 'pg';
import { createRunIdGenerator } from '../common/run-id.ts';
import type { Store } from '../store.ts';
import { anonymisePersonalData } from './anonymise.ts';
import { IntegratedRanks } from '../common/integrated-ranks.ts';
import { applyRun, flushSearchIndexes, holdRun } from './apply.ts';
import type { PgContext } from './context.ts';
import { searchSnapshotReady } from './search-integrated.ts';
import { migrate } from './migrations.ts';
import { checkedSchema, type PostgresOptions } from './options.ts';
import { listContracts, summary, syncContracts } from './read-contracts.ts';
import { historyDay, historyDays, timeline, trendOf } from './read-history.ts';
import { getContract, getRun, heldEffects, lastAppliedRun, readReceived, runRejections, stateReader } from './read-state.ts';
import { RunHolds } from './run-holds.ts';
import {
  abandonRun,
  appendReceived,
  appendReceivedBlocks,
  receivedBlockHashes,
  discardReceived,
  claimScheduledRun,
  failInterruptedRuns,
  failRun,
  heartbeat,
  lastScheduledClaim,
  openRun,
  pruneReceived,
  recordRunEvent,
  resumeHeld,
  upsertOrganization,
} from './write-runs.ts';

/**
 * The driver, loaded when a PostgreSQL store opens: a SQLite installation's processes and
 * import threads never load it (about 40 ms of each one's start, on the path of every CLI
 * import). A plain require: pg is CommonJS, and an import() inside a worker thread would not go
 * through the TypeScript loader the tests run under.
 */
const loadPg = (): typeof pg => createRequire(import.meta.url)('pg') as typeof pg;

/** The PostgreSQL store; `searchReady` resolves once an organisation's search snapshot is in memory (search-integrated.ts). */
export type PostgresStore = Store & { searchReady(orgId: string): Promise<void> };

export function openPostgresStore(opts: PostgresOptions): PostgresStore {
  const schema = checkedSchema(opts.schema);
  const driver = loadPg();
  const config: pg.ClientConfig = {
    connectionString: opts.url,
    // Every connection works in the installation's schema (public by default).
    options: `-c search_path=${schema}`,
    application_name: 'erp-sync',
  };
  const pool = new driver.Pool({ ...config, max: opts.poolSize ?? 10 });
  // An idle pooled connection dropped by the server must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  const ctx: PgContext = {
    pool,
    schema,
    holds: new RunHolds(pool),
    runIds: createRunIdGenerator(),
    ranks: new IntegratedRanks(),
    failpoint: opts.failpoint ?? (() => {}),
    async connect() {
      const client = new driver.Client(config);
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
  };
  let closed = false;

  return {
    async init() {
      const client = await pool.connect();
      try {
        await migrate(client, schema);
      } finally {
        client.release();
      }
      // A database written by an older version may hold a long pending list (apply.ts).
      await flushSearchIndexes(ctx);
    },
    async close() {
      if (closed) return;
      closed = true;
      await ctx.holds.releaseAll();
      await pool.end();
    },
    upsertOrganization: (org) => upsertOrganization(ctx, org),
    openRun: (orgId, input) => openRun(ctx, orgId, input),
    resumeHeld: (orgId, runId, input) => resumeHeld(ctx, orgId, runId, input),
    heartbeat: (orgId, runId, leaseUntil, progress) => heartbeat(ctx, orgId, runId, leaseUntil, progress),
    appendReceived: (orgId, runId, records) => appendReceived(ctx, orgId, runId, records),
    appendReceivedBlocks: (orgId, runId, blocks) => appendReceivedBlocks(ctx, orgId, runId, blocks),
    receivedBlockHashes: (orgId, runId) => receivedBlockHashes(ctx, orgId, runId),
    discardReceived: (orgId, runId) => discardReceived(ctx, orgId, runId),
    readReceived: (orgId, runId) => readReceived(ctx, orgId, runId),
    stateReader: (orgId) => stateReader(ctx, orgId),
    lastAppliedRun: (orgId) => lastAppliedRun(ctx, orgId),
    applyRun: (orgId, runId, outcome, facts, finishedAt) => applyRun(ctx, orgId, runId, outcome, facts, finishedAt),
    holdRun: (orgId, runId, hold, finishedAt) => holdRun(ctx, orgId, runId, hold, finishedAt),
    failRun: (orgId, runId, error, finishedAt, failure) => failRun(ctx, orgId, runId, error, finishedAt, failure),
    abandonRun: (orgId, runId, by, at) => abandonRun(ctx, orgId, runId, by, at),
    recordRunEvent: (orgId, runId, event) => recordRunEvent(ctx, orgId, runId, event),
    failInterruptedRuns: (now) => failInterruptedRuns(ctx, now),
    getRun: (orgId, runId) => getRun(ctx, orgId, runId),
    claimScheduledRun: (orgId, slot, at) => claimScheduledRun(ctx, orgId, slot, at),
    lastScheduledClaim: (orgId) => lastScheduledClaim(ctx, orgId),
    pruneReceived: (orgId, keep) => pruneReceived(ctx, orgId, keep),
    anonymisePersonalData: (orgId, o) => anonymisePersonalData(ctx, orgId, o),
    heldEffects: (orgId, runId, page) => heldEffects(ctx, orgId, runId, page),
    runRejections: (orgId, runId, page) => runRejections(ctx, orgId, runId, page),
    summary: (orgId) => summary(ctx, orgId),
    listContracts: (orgId, filter) => listContracts(ctx, orgId, filter),
    searchReady: (orgId) => searchSnapshotReady(ctx, orgId),
    getContract: (orgId, code) => getContract(ctx, orgId, code),
    timeline: (orgId, code) => timeline(ctx, orgId, code),
    historyDays: (orgId, o) => historyDays(ctx, orgId, o),
    historyDay: (orgId, date, o) => historyDay(ctx, orgId, date, o),
    trend: (orgId, days) => trendOf(ctx, orgId, days),
    syncContracts: (orgId, kind, page) => syncContracts(ctx, orgId, kind, page),
  };
}
