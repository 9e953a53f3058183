/**
 * The memory store's write path. applyRun builds the org's next state aside and swaps it in
 * with plain assignments at the end, so an exception leaves the previous state untouched.
 */
import { sessionKey, type runEvent, type runFailure, type runProgress, type runSummary } from '../../../contract/index.ts';
import type { OutcomeStreams, ReceivedRecord } from '../../core/types.ts';
import { zeroCounts } from '../common/shape.ts';
import { type HoldInput, type OpenRunInput, type OrgInfo, RunInProgressError, type RunReadFacts } from '../store.ts';
import { jsonClone, memChange, memContract, memRejection, orgData, type MemRejection, type MemoryDb, type MemRun } from './state.ts';

export function upsertOrganization(db: MemoryDb, org: OrgInfo): void {
  db.orgs.set(org.id, { id: org.id, name: org.name });
  if (!db.data.has(org.id)) db.data.set(org.id, orgData(db, org.id));
}

function setSummary(db: MemoryDb, runId: string, run: MemRun, patch: Partial<runSummary>, extra: Partial<MemRun> = {}): void {
  db.runs.set(runId, { ...run, ...extra, summary: { ...run.summary, ...patch } });
}

function interrupt(db: MemoryDb, now: string, orgId?: string): number {
  let n = 0;
  for (const [id, run] of db.runs) {
    if (run.summary.status !== 'running' || (orgId !== undefined && run.orgId !== orgId)) continue;
    if (run.leaseUntil !== null && run.leaseUntil >= now) continue;
    setSummary(
      db,
      id,
      run,
      { status: 'failed', error: 'interrupted', failure: 'interrupted', finishedAt: now, progress: null },
      { leaseUntil: null },
    );
    n++;
  }
  return n;
}

export function openRun(db: MemoryDb, orgId: string, input: OpenRunInput): string {
  if (!db.orgs.has(orgId)) throw new Error(`organization ${orgId} not found`);
  interrupt(db, input.now, orgId);
  for (const [id, run] of db.runs) if (run.orgId === orgId && run.summary.status === 'running') throw new RunInProgressError(id);
  const id = db.runIds.next();
  const events: runEvent[] = input.startedBy ? [{ at: input.now, action: 'started', by: { ...input.startedBy } }] : [];
  db.runs.set(id, {
    orgId,
    records: [],
    leaseUntil: input.leaseUntil,
    effects: [],
    heldRejections: [],
    summary: {
      id,
      source: input.source,
      status: 'running',
      startedAt: input.startedAt,
      finishedAt: null,
      date: input.date,
      counts: zeroCounts(0),
      error: null,
      failure: null,
      held: null,
      truncated: false,
      progress: null,
      events,
    },
  });
  return id;
}

function runOf(db: MemoryDb, orgId: string, runId: string): MemRun {
  const run = db.runs.get(runId);
  if (!run || run.orgId !== orgId) throw new Error(`run ${runId} not found`);
  return run;
}

export function resumeHeld(db: MemoryDb, orgId: string, runId: string, input: { now: string; leaseUntil: string }): boolean {
  interrupt(db, input.now, orgId);
  for (const [id, run] of db.runs) if (run.orgId === orgId && run.summary.status === 'running') throw new RunInProgressError(id);
  const run = db.runs.get(runId);
  if (!run || run.orgId !== orgId || run.summary.status !== 'held') return false;
  setSummary(db, runId, run, { status: 'running' }, { leaseUntil: input.leaseUntil });
  return true;
}

export function heartbeat(db: MemoryDb, orgId: string, runId: string, leaseUntil: string, progress: runProgress | null): boolean {
  const run = db.runs.get(runId);
  if (!run || run.orgId !== orgId || run.summary.status !== 'running') return false;
  setSummary(db, runId, run, { progress: progress && { ...progress } }, { leaseUntil });
  return true;
}

export function appendReceived(db: MemoryDb, orgId: string, runId: string, records: readonly ReceivedRecord[]): void {
  const run = runOf(db, orgId, runId);
  for (const r of records) {
    const rec: ReceivedRecord = { index: r.index, raw: jsonClone(r.raw), fields: jsonClone(r.fields) };
    if (r.malformed !== undefined) rec.malformed = r.malformed;
    if (r.line !== undefined) rec.line = r.line;
    run.records.push(rec);
  }
}

/** A run may receive its outcome while running, or later when an admin approves it while held. */
function applicableRun(db: MemoryDb, orgId: string, runId: string): MemRun {
  const run = runOf(db, orgId, runId);
  if (run.summary.status !== 'running' && run.summary.status !== 'held') {
    throw new Error(`run ${runId} is ${run.summary.status}, cannot apply`);
  }
  return run;
}

/** Only the newest snapshot may be approved: older held runs are stale once another run ends. */
function supersede(runs: Map<string, MemRun>, orgId: string, runId: string): void {
  for (const [id, r] of runs) {
    if (r.orgId === orgId && id !== runId && r.summary.status === 'held') {
      runs.set(id, { ...r, effects: [], heldRejections: [], summary: { ...r.summary, status: 'superseded' } });
    }
  }
}

export async function applyRun(
  db: MemoryDb,
  orgId: string,
  runId: string,
  outcome: OutcomeStreams,
  facts: RunReadFacts,
  finishedAt: string,
): Promise<void> {
  applicableRun(db, orgId, runId);
  // ---- build aside ----
  const prev = orgData(db, orgId);
  const contracts = new Map(prev.contracts);
  for await (const batch of outcome.upserts) for (const c of batch) contracts.set(c.code, memContract(c));
  const sessions = new Set(prev.sessions);
  for (const s of outcome.newSessions) sessions.add(sessionKey(s));
  const rejections = new Map<string, MemRejection>();
  for await (const batch of outcome.rejections) for (const r of batch) rejections.set(r.code, memRejection(r, finishedAt));
  let seq = db.nextSeq;
  const added = [];
  for await (const batch of outcome.changes) {
    for (const c of batch) added.push(memChange({ ...c, runId, seq: seq++, legacyFields: null }));
  }
  // The run may have been abandoned meanwhile: read it again before the swap.
  const run = applicableRun(db, orgId, runId);
  const runs = new Map(db.runs);
  runs.set(runId, {
    ...run,
    leaseUntil: null,
    effects: [],
    heldRejections: [],
    summary: {
      ...run.summary,
      status: 'succeeded',
      counts: jsonClone(outcome.counts),
      held: null,
      error: null,
      finishedAt,
      truncated: facts.truncated,
      progress: null,
    },
  });
  supersede(runs, orgId, runId);

  // ---- swap (assignments only: nothing below can throw) ----
  db.data.set(orgId, { contracts, rejections, sessions, changes: prev.changes.concat(added) });
  db.runs = runs;
  db.nextSeq = seq;
}

export async function holdRun(db: MemoryDb, orgId: string, runId: string, hold: HoldInput, finishedAt: string): Promise<void> {
  applicableRun(db, orgId, runId);
  const effects = [];
  for await (const batch of hold.effects) for (const e of batch) effects.push({ ...e, fields: [...e.fields] });
  const heldRejections = [];
  for await (const batch of hold.rejections) for (const r of batch) heldRejections.push(jsonClone(r));
  const run = applicableRun(db, orgId, runId);
  const runs = new Map(db.runs);
  runs.set(runId, {
    ...run,
    leaseUntil: null,
    effects,
    heldRejections,
    summary: {
      ...run.summary,
      status: 'held',
      counts: jsonClone(hold.counts),
      held: jsonClone(hold.guard),
      finishedAt,
      truncated: hold.truncated,
      progress: null,
    },
  });
  supersede(runs, orgId, runId);
  db.runs = runs;
}

export function failRun(
  db: MemoryDb,
  orgId: string,
  runId: string,
  error: string,
  finishedAt: string,
  failure: runFailure = 'internal',
): void {
  const run = runOf(db, orgId, runId);
  if (run.summary.status !== 'running' && run.summary.status !== 'held') return;
  setSummary(db, runId, run, { status: 'failed', error, failure, finishedAt, progress: null }, { leaseUntil: null });
}

export function abandonRun(db: MemoryDb, orgId: string, runId: string, by: runEvent['by'], at: string): boolean {
  const run = db.runs.get(runId);
  if (!run || run.orgId !== orgId || run.summary.status !== 'running') return false;
  setSummary(
    db,
    runId,
    run,
    {
      status: 'failed',
      error: 'abandoned',
      failure: 'abandoned',
      finishedAt: at,
      progress: null,
      events: [...run.summary.events, { at, action: 'abandoned', by: { ...by } }],
    },
    { leaseUntil: null },
  );
  return true;
}

export function recordRunEvent(db: MemoryDb, orgId: string, runId: string, event: runEvent): void {
  const run = runOf(db, orgId, runId);
  setSummary(db, runId, run, { events: [...run.summary.events, jsonClone(event)] });
}

export function failInterruptedRuns(db: MemoryDb, now: string): number {
  return interrupt(db, now);
}

export function pruneReceived(db: MemoryDb, orgId: string, keep: number): number {
  const runs = [...db.runs.values()].filter((r) => r.orgId === orgId);
  let dropped = 0;
  // Insertion order is creation order: the newest runs are at the end.
  for (const r of runs.slice(0, Math.max(0, runs.length - Math.max(0, Math.floor(keep))))) {
    if (r.summary.status === 'held') continue;
    dropped += r.records.length;
    r.records = [];
  }
  return dropped;
}
