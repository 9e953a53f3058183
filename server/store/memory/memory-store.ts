/**
 * The in-memory Store: tests, and the browser mock (MSW runs the real Hono app over it).
 * Same semantics as the SQLite store; the shared suite in test/node/store checks both.
 */
import type { Store } from '../store.ts';
import { createRunIdGenerator } from '../common/run-id.ts';
import { anonymisePersonalData } from './anonymise.ts';
import type { MemoryDb } from './state.ts';
import { getContract, listContracts, stateReader, summary, syncContracts } from './read-contracts.ts';
import { heldEffects, historyDay, historyDays, lastAppliedRun, readReceived, runRejections, timeline, trendOf } from './read-history.ts';
import {
  abandonRun,
  appendReceived,
  applyRun,
  failInterruptedRuns,
  failRun,
  heartbeat,
  holdRun,
  openRun,
  pruneReceived,
  recordRunEvent,
  resumeHeld,
  upsertOrganization,
} from './write.ts';

export function createMemoryStore(): Store {
  const db: MemoryDb = { orgs: new Map(), data: new Map(), runs: new Map(), runIds: createRunIdGenerator(), nextSeq: 1, claims: new Map() };
  return {
    async init() {},
    async close() {},
    upsertOrganization: async (org) => upsertOrganization(db, org),
    openRun: async (orgId, input) => openRun(db, orgId, input),
    resumeHeld: async (orgId, runId, input) => resumeHeld(db, orgId, runId, input),
    heartbeat: async (orgId, runId, leaseUntil, progress) => heartbeat(db, orgId, runId, leaseUntil, progress),
    appendReceived: async (orgId, runId, records) => appendReceived(db, orgId, runId, records),
    readReceived: (orgId, runId) => readReceived(db, orgId, runId),
    stateReader: async (orgId) => stateReader(db, orgId),
    lastAppliedRun: async (orgId) => lastAppliedRun(db, orgId),
    applyRun: (orgId, runId, outcome, facts, finishedAt) => applyRun(db, orgId, runId, outcome, facts, finishedAt),
    holdRun: (orgId, runId, hold, finishedAt) => holdRun(db, orgId, runId, hold, finishedAt),
    failRun: async (orgId, runId, error, finishedAt, failure) => failRun(db, orgId, runId, error, finishedAt, failure),
    abandonRun: async (orgId, runId, by, at) => abandonRun(db, orgId, runId, by, at),
    recordRunEvent: async (orgId, runId, event) => recordRunEvent(db, orgId, runId, event),
    failInterruptedRuns: async (now) => failInterruptedRuns(db, now),
    async getRun(orgId, runId) {
      const run = db.runs.get(runId);
      return run && run.orgId === orgId ? structuredClone(run.summary) : null;
    },
    async claimScheduledRun(orgId, slot) {
      if (!db.orgs.has(orgId)) throw new Error(`organization ${orgId} not found`);
      const claimed = db.claims.get(orgId) ?? new Set<string>();
      db.claims.set(orgId, claimed);
      if (claimed.has(slot)) return false;
      claimed.add(slot);
      return true;
    },
    async lastScheduledClaim(orgId) {
      // Imports' slots are instants (a digit first); other jobs' start with their name.
      const slots = [...(db.claims.get(orgId) ?? [])].filter((x) => /^\d/.test(x)).sort();
      return slots.at(-1) ?? null;
    },
    pruneReceived: async (orgId, keep) => pruneReceived(db, orgId, keep),
    anonymisePersonalData: async (orgId, opts) => anonymisePersonalData(db, orgId, opts),
    heldEffects: async (orgId, runId, page) => heldEffects(db, orgId, runId, page),
    runRejections: async (orgId, runId, page) => runRejections(db, orgId, runId, page),
    summary: async (orgId) => summary(db, orgId),
    listContracts: async (orgId, filter) => listContracts(db, orgId, filter),
    getContract: async (orgId, code) => getContract(db, orgId, code),
    timeline: async (orgId, code) => timeline(db, orgId, code),
    historyDays: async (orgId, opts) => historyDays(db, orgId, opts),
    historyDay: async (orgId, date, opts) => historyDay(db, orgId, date, opts),
    trend: async (orgId, days) => trendOf(db, orgId, days),
    syncContracts: async (orgId, kind, page) => syncContracts(db, orgId, kind, page),
  };
}
