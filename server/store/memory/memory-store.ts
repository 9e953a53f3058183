/**
 * The in-memory Store: tests, and the browser mock (MSW runs the real Hono app over it).
 * Same semantics as the SQLite store; the shared suite in test/node/store checks both.
 */
import type { Store } from '../store.ts';
import { createRunIdGenerator } from '../common/run-id.ts';
import type { MemoryDb } from './state.ts';
import { getContract, listContracts, loadState, summary, syncContracts } from './read-contracts.ts';
import { getRunRecords, historyDay, historyDays, timeline, trendOf } from './read-history.ts';
import { applyRun, failInterruptedRuns, failRun, pruneReceived, startRun, upsertOrganization } from './write.ts';

export function createMemoryStore(): Store {
  const db: MemoryDb = { orgs: new Map(), data: new Map(), runs: new Map(), runIds: createRunIdGenerator() };
  return {
    async init() {},
    async close() {},
    async upsertOrganization(org) {
      upsertOrganization(db, org);
    },
    async failInterruptedRuns(finishedAt) {
      return failInterruptedRuns(db, finishedAt);
    },
    async pruneReceived(orgId, keep) {
      return pruneReceived(db, orgId, keep);
    },
    async startRun(orgId, input, records) {
      return startRun(db, orgId, input, records);
    },
    async loadState(orgId) {
      return loadState(db, orgId);
    },
    async applyRun(orgId, runId, outcome, finishedAt) {
      applyRun(db, orgId, runId, outcome, finishedAt);
    },
    async failRun(orgId, runId, error, finishedAt) {
      failRun(db, orgId, runId, error, finishedAt);
    },
    async getRun(orgId, runId) {
      const run = db.runs.get(runId);
      return run && run.orgId === orgId ? structuredClone(run.summary) : null;
    },
    async getRunRecords(orgId, runId) {
      return getRunRecords(db, orgId, runId);
    },
    async summary(orgId) {
      return summary(db, orgId);
    },
    async listContracts(orgId, filter) {
      return listContracts(db, orgId, filter);
    },
    async getContract(orgId, code) {
      return getContract(db, orgId, code);
    },
    async timeline(orgId, code) {
      return timeline(db, orgId, code);
    },
    async historyDays(orgId, opts) {
      return historyDays(db, orgId, opts);
    },
    async historyDay(orgId, date, opts) {
      return historyDay(db, orgId, date, opts);
    },
    async trend(orgId, days) {
      return trendOf(db, orgId, days);
    },
    async syncContracts(orgId, kind, page) {
      return syncContracts(db, orgId, kind, page);
    },
  };
}
