/**
 * The memory store's write path. applyRun builds the org's next state aside and swaps it in
 * with plain assignments at the end, so an exception leaves the previous state untouched.
 */
import { sessionKey } from '../../../contract/index.ts';
import type { ReceivedRecord, RunOutcome } from '../../core/types.ts';
import type { OrgInfo, StartRunInput } from '../store.ts';
import { lastByCode, zeroCounts } from '../common/shape.ts';
import { jsonClone, memChange, memContract, memRejection, orgData, type MemoryDb, type MemRun } from './state.ts';

export function upsertOrganization(db: MemoryDb, org: OrgInfo): void {
  db.orgs.set(org.id, { id: org.id, name: org.name });
  if (!db.data.has(org.id)) db.data.set(org.id, orgData(db, org.id));
}

export function pruneReceived(db: MemoryDb, orgId: string, keep: number): number {
  const runs = [...db.runs.values()].filter((r) => r.orgId === orgId);
  let dropped = 0;
  // Insertion order is creation order: the newest runs are at the end.
  runs.slice(0, Math.max(0, runs.length - Math.max(0, Math.floor(keep)))).forEach((r) => {
    if (r.summary.status === 'held') return;
    dropped += r.records.length;
    r.records = [];
  });
  return dropped;
}

export function startRun(db: MemoryDb, orgId: string, input: StartRunInput, records: readonly ReceivedRecord[]): string {
  if (!db.orgs.has(orgId)) throw new Error(`organization ${orgId} not found`);
  const id = db.runIds.next();
  const kept: ReceivedRecord[] = records.map((r) => {
    const rec: ReceivedRecord = { index: r.index, raw: jsonClone(r.raw), fields: jsonClone(r.fields) };
    if (r.malformed !== undefined) rec.malformed = r.malformed;
    if (r.line !== undefined) rec.line = r.line;
    return rec;
  });
  db.runs.set(id, {
    orgId,
    records: kept,
    summary: {
      id,
      source: input.source,
      status: 'running',
      startedAt: input.startedAt,
      finishedAt: null,
      date: input.date,
      counts: zeroCounts(records.length),
      error: null,
      held: null,
    },
  });
  return id;
}

function applicableRun(db: MemoryDb, orgId: string, runId: string): MemRun {
  const run = db.runs.get(runId);
  if (!run || run.orgId !== orgId) throw new Error(`run ${runId} not found`);
  if (run.summary.status !== 'running' && run.summary.status !== 'held') {
    throw new Error(`run ${runId} is ${run.summary.status}, cannot apply`);
  }
  return run;
}

export function applyRun(db: MemoryDb, orgId: string, runId: string, outcome: RunOutcome, finishedAt: string): void {
  const run = applicableRun(db, orgId, runId);
  const counts = jsonClone(outcome.counts);
  if (outcome.status === 'held') {
    db.runs.set(runId, { ...run, summary: { ...run.summary, status: 'held', counts, held: jsonClone(outcome.guard), finishedAt } });
    // Only the newest snapshot may be approved: an older held one is stale.
    for (const [id, r] of db.runs) {
      if (r.orgId === orgId && id !== runId && r.summary.status === 'held')
        db.runs.set(id, { ...r, summary: { ...r.summary, status: 'superseded' } });
    }
    return;
  }

  // ---- build aside ----
  const prev = orgData(db, orgId);
  const contracts = new Map(prev.contracts);
  for (const c of lastByCode(outcome.upserts)) contracts.set(c.code, memContract(c));
  const sessions = new Set(prev.sessions);
  for (const s of outcome.newSessions) sessions.add(sessionKey(s));
  const rejections = new Map(lastByCode(outcome.rejections).map((r) => [r.code, memRejection(r, finishedAt)] as const));
  const added = outcome.changes.map((c) => memChange({ ...c, runId }));
  const runs = new Map(db.runs);
  runs.set(runId, { ...run, summary: { ...run.summary, status: 'succeeded', counts, held: null, error: null, finishedAt } });
  for (const [id, r] of runs) {
    if (r.orgId === orgId && id !== runId && r.summary.status === 'held')
      runs.set(id, { ...r, summary: { ...r.summary, status: 'superseded' } });
  }

  // ---- swap (assignments only: nothing below can throw) ----
  db.data.set(orgId, { contracts, rejections, sessions, changes: prev.changes.concat(added) });
  db.runs = runs;
}

export function failRun(db: MemoryDb, orgId: string, runId: string, error: string, finishedAt: string): void {
  const run = db.runs.get(runId);
  if (!run || run.orgId !== orgId) throw new Error(`run ${runId} not found`);
  if (run.summary.status !== 'running' && run.summary.status !== 'held') return;
  db.runs.set(runId, { ...run, summary: { ...run.summary, status: 'failed', error, finishedAt } });
}

export function failInterruptedRuns(db: MemoryDb, finishedAt: string): number {
  let n = 0;
  for (const [id, run] of db.runs) {
    if (run.summary.status !== 'running') continue;
    db.runs.set(id, { ...run, summary: { ...run.summary, status: 'failed', error: 'interrupted', finishedAt } });
    n++;
  }
  return n;
}
