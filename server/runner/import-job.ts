/**
 * One import, start to end, wherever it runs: in the HTTP thread of the browser mock and the
 * tests, or in a worker thread of the Node server with its own database connection. Universal:
 * what reads files or sockets comes in as `openInput`, spools as `spools`.
 */
import { withMessage, type syncDiffResult } from '../../contract/index.ts';
import type { OrgConfig } from '../config/schema.ts';
import { importRecords, type ImportProgress, type ImportResult, type Verdict } from '../core/import-records.ts';
import type { SpoolFactory } from '../core/spool.ts';
import type { ReceivedRecord, RecordStream, Rejection, RunClock } from '../core/types.ts';
import { toSyncShape } from '../store/common/shape.ts';
import type { HeldEffect, ReceivedBlock, Store } from '../store/store.ts';
import { REJECTIONS_SHOWN, type RunInput } from './runner.ts';
import { importSettings } from './settings.ts';

/** What a job reads: an input given to the runner, the organisation's configured source, or a held run's records. */
export type JobInput = RunInput | { kind: 'configured' } | { kind: 'received'; runId: string };

/** A run to do, as plain data (it crosses to a worker thread). */
export interface ImportJob {
  org: OrgConfig;
  /** The opened run; null for a dry run. */
  runId: string | null;
  input: JobInput;
  clock: RunClock;
  bypassGuard: boolean;
}

export interface JobOutcome {
  status: 'succeeded' | 'held';
  rejections: Rejection[];
  rejectionsTotal: number;
}

export interface JobDeps {
  store: Store;
  spools: SpoolFactory;
  /** Opens what a job reads, except 'received' (read from the store here). */
  openInput(job: ImportJob): Promise<RecordStream>;
  now(): Date;
  /**
   * Reads a job's input on another thread (server/node/threaded-input.ts): its records, and
   * batch by batch their received blocks, encoded there. Null when the input is read here (in
   * memory, a pull source, a small file). Only used with a store that keeps blocks.
   * `knownBlocks`: hashes of blocks stored already, which the thread does not deflate again.
   * `read.exactLayout`: a CSV's layout not guessed from its start (see CsvGuessError).
   */
  openThreaded?(job: ImportJob, knownBlocks?: readonly string[], read?: { exactLayout?: boolean }): Promise<ThreadedInput | null>;
}

/** An input read on another thread: its records, and the blocks they are kept as. */
export interface ThreadedInput {
  stream: RecordStream;
  blocks: ReceivedBlockReader;
}

/** The received blocks of a threaded input, handed over batch by batch. */
export interface ReceivedBlockReader {
  /** The blocks of the stream's next batch not yet kept, which has `count` records. */
  next(count: number): Promise<ReceivedBlock[]>;
  /** Stops the reading thread (the run ended, failed or not). */
  close(): Promise<void>;
}

export interface JobHooks {
  onProgress?(p: ImportProgress): void;
  signal?: AbortSignal;
}

function streamOf(job: ImportJob, deps: JobDeps): Promise<RecordStream> {
  const input = job.input;
  if (input.kind === 'received') {
    const store = deps.store;
    return store.getRun(job.org.id, input.runId).then((run) => ({
      source: run?.source ?? 'push',
      meta: { approvedRun: input.runId },
      batches: () => store.readReceived(job.org.id, input.runId),
    }));
  }
  return deps.openInput(job);
}

/**
 * Batches being kept at most, before reading waits for them: each waits with its records (about
 * 1 MB) for the store to encode and write them, or with its blocks (a threaded input) to be written.
 */
const KEEP_AHEAD = 16;

/**
 * Keeps received batches in order without making reading wait for each: the store encodes and
 * compresses a batch (partly off this thread) while the next ones are read and checked. A run
 * never applies before every batch is kept (`done`), and a failed keep fails the run.
 */
function receivedKeeper(append: (batch: ReceivedRecord[]) => Promise<void>) {
  let chain: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  let pending = 0;
  return {
    async keep(batch: ReceivedRecord[]): Promise<void> {
      if (failure !== null) throw failure;
      pending++;
      chain = chain
        .then(() => (failure === null ? append(batch) : undefined))
        .catch((err: unknown) => {
          failure ??= err;
        })
        .finally(() => {
          pending--;
        });
      if (pending >= KEEP_AHEAD) await chain;
      if (failure !== null) throw failure;
    },
    /** Waits for every batch, failed or not. */
    settled: () => chain,
    /** Every batch kept, or the first failure. */
    async done(): Promise<void> {
      await chain;
      if (failure !== null) throw failure;
    },
  };
}

/** Progress, and the abort check that lets an in-thread job stop between batches. */
function progressOf(hooks: JobHooks): (p: ImportProgress) => void {
  return (p) => {
    hooks.signal?.throwIfAborted();
    hooks.onProgress?.(p);
  };
}

/** Batches of a spool, reporting the writing phase as they are consumed. */
async function* counted<T>(batches: AsyncIterable<T[]>, tick: (n: number) => void): AsyncIterable<T[]> {
  for await (const b of batches) {
    yield b;
    tick(b.length);
  }
}

/** What approving a held run would do, for its preview: contracts archived, fields updated. */
async function* effectsOf(result: ImportResult): AsyncIterable<HeldEffect[]> {
  for await (const batch of result.upserts.read()) {
    const out: HeldEffect[] = [];
    for (const u of batch) if (u.status === 'archived') out.push({ code: u.code, kind: 'archive', fields: [] });
    if (out.length) yield out;
  }
  for await (const batch of result.changes.read()) {
    const out: HeldEffect[] = [];
    for (const c of batch) {
      if ((c.kind === 'updated' || c.kind === 'fixed') && c.delta.length > 0 && c.whole === null) {
        out.push({ code: c.codeContrat, kind: 'update', fields: c.delta.map((d) => d.field) });
      }
    }
    if (out.length) yield out;
  }
}

async function firstOf<T>(batches: AsyncIterable<T[]>, n: number): Promise<T[]> {
  const out: T[] = [];
  for await (const b of batches) {
    for (const it of b) {
      if (out.length === n) return out;
      out.push(it);
    }
  }
  return out;
}

/** A CSV read with the layout its start gave, which its end contradicted (sources/csv/process.ts), maybe across threads. */
function isGuessError(err: unknown): boolean {
  return err instanceof Error && err.name === 'CsvGuessError';
}

export async function runJob(job: ImportJob, deps: JobDeps, hooks: JobHooks = {}): Promise<JobOutcome> {
  const { store } = deps;
  const orgId = job.org.id;
  const runId = job.runId;
  if (runId === null) throw new Error('runJob needs an opened run');
  // A reading thread may guess a CSV's layout from its start only when the run can start over.
  const discard = store.discardReceived?.bind(store);
  try {
    return await readAndApply(job, runId, deps, hooks, discard === undefined);
  } catch (err) {
    if (!isGuessError(err) || discard === undefined) throw err;
    // Nothing was applied: what was received is forgotten and the file read again, exactly.
    await discard(orgId, runId);
    return readAndApply(job, runId, deps, hooks, true);
  }
}

async function readAndApply(job: ImportJob, runId: string, deps: JobDeps, hooks: JobHooks, exactLayout: boolean): Promise<JobOutcome> {
  const { store } = deps;
  const orgId = job.org.id;
  const progress = progressOf(hooks);
  const appendBlocks = store.appendReceivedBlocks?.bind(store);
  // An unchanged export cuts the very blocks the latest run kept: they are not deflated again.
  const threaded =
    job.input.kind !== 'received' && appendBlocks && deps.openThreaded
      ? await deps.openThreaded(job, (await store.receivedBlockHashes?.(orgId, runId)) ?? [], { exactLayout })
      : null;
  const stream = threaded?.stream ?? (await streamOf(job, deps));
  const keeper = receivedKeeper(async (batch) => {
    if (threaded && appendBlocks) return appendBlocks(orgId, runId, await threaded.blocks.next(batch.length));
    return store.appendReceived(orgId, runId, batch);
  });
  const applyOrHold = async (): Promise<JobOutcome> => {
    // Read while a threaded input already reads its first batches.
    const state = await store.stateReader(orgId);
    const previousReceived = (await store.lastAppliedRun(orgId))?.counts.received ?? null;
    let result: ImportResult;
    try {
      result = await importRecords({
        stream,
        state,
        settings: importSettings(job.org, job.bypassGuard),
        clock: job.clock,
        spools: deps.spools,
        // An approval re-reads records already kept.
        onReceived: job.input.kind === 'received' ? undefined : keeper.keep,
        onProgress: progress,
        previousReceived,
      });
    } finally {
      // Whatever happened to the run, what was received is kept before it ends.
      await keeper.settled();
    }
    try {
      await keeper.done();
      const facts = { meta: stream.meta, truncated: stream.truncated === true };
      const finishedAt = () => deps.now().toISOString();
      if (result.status === 'held' && result.guard) {
        await store.holdRun(
          orgId,
          runId,
          { counts: result.counts, guard: result.guard, ...facts, effects: effectsOf(result), rejections: result.rejections.read() },
          finishedAt(),
        );
      } else {
        const total = result.upserts.count + result.rejections.count + result.changes.count;
        let done = 0;
        const tick = (n: number) => {
          done += n;
          progress({ phase: 'writing', done, total });
        };
        progress({ phase: 'writing', done, total });
        await store.applyRun(
          orgId,
          runId,
          {
            counts: result.counts,
            upserts: counted(result.upserts.read(), tick),
            rejections: counted(result.rejections.read(), tick),
            newSessions: result.newSessions,
            changes: counted(result.changes.read(), tick),
          },
          facts,
          finishedAt(),
        );
        await store.pruneReceived(orgId, job.org.keepReceivedRuns);
      }
      return {
        status: result.status,
        rejections: await firstOf(result.rejections.read(), REJECTIONS_SHOWN),
        rejectionsTotal: result.rejections.count,
      };
    } finally {
      await result.dispose();
    }
  };
  try {
    return await applyOrHold();
  } finally {
    await threaded?.blocks.close();
  }
}

/** The public sync API's dry run: what the input would change, as four arrays of contracts. */
export async function dryRunJob(job: ImportJob, deps: JobDeps, hooks: JobHooks = {}): Promise<syncDiffResult> {
  const stream = await streamOf(job, deps);
  const out: syncDiffResult = {
    same: [],
    added: [],
    updated: [],
    removed: [],
    rejected: [],
    counts: { same: 0, added: 0, updated: 0, removed: 0, rejected: 0 },
  };
  const asSent = (raw: unknown): Record<string, unknown> =>
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : { value: raw };
  const onVerdict = (v: Verdict) => {
    switch (v.kind) {
      case 'same':
        out.same.push(asSent(v.raw));
        break;
      case 'added':
      case 'fixed':
        out.added.push(asSent(v.raw));
        break;
      case 'updated':
        out.updated.push({ ...asSent(v.raw), changes: v.fields });
        break;
      case 'removed':
        out.removed.push(toSyncShape(v.contract.data));
        break;
    }
  };
  const result = await importRecords({
    stream,
    state: await deps.store.stateReader(job.org.id),
    settings: importSettings(job.org, true),
    clock: job.clock,
    spools: deps.spools,
    onProgress: progressOf(hooks),
    onVerdict,
  });
  try {
    for await (const batch of result.rejections.read()) {
      for (const r of batch) {
        out.rejected.push({
          index: r.index,
          codeContrat: r.data.codeContrat || r.code,
          reasons: r.reasons.map((x) => withMessage(x, 'fr')),
        });
      }
    }
    out.counts = {
      same: out.same.length,
      added: out.added.length,
      updated: out.updated.length,
      removed: out.removed.length,
      rejected: out.rejected.length,
    };
    return out;
  } finally {
    await result.dispose();
  }
}
