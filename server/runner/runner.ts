/**
 * The seam between the HTTP layer (and the CLI and scheduler) and the import machinery. The
 * runner coordinates runs (one at a time per organisation, leases, heartbeats, approvals,
 * abandons); an ImportExecutor does the work, in this thread or in a worker.
 */
import type { actor, runProgress, runSummary, syncDiffResult } from '../../contract/index.ts';
import type { Rejection, Snapshot } from '../core/types.ts';

/** How many rejections a run's answer carries; the rest are paged from the run's route. */
export const REJECTIONS_SHOWN = 100;

/** A push body as received: in memory (browser mock, tests) or spooled to a file (Node server). */
export type ReceivedBody =
  | { kind: 'bytes'; bytes: Uint8Array; format: BodyFormat }
  | { kind: 'file'; path: string; size: number; format: BodyFormat };

/** A JSON array of contracts, NDJSON (one contract per line), or told by the first character. */
export type BodyFormat = 'json' | 'ndjson' | 'auto';

/** What a run reads. */
export type RunInput =
  | { kind: 'snapshot'; snapshot: Snapshot }
  | { kind: 'body'; body: ReceivedBody }
  /** A file given to the CLI: a JSON array or NDJSON (push shape), or a CSV read with the organisation's mapping. */
  | { kind: 'file'; path: string };

export interface RunResult {
  runId: string;
  run: runSummary;
  /** The run's first rejections by position (REJECTIONS_SHOWN at most). */
  rejections: Rejection[];
  rejectionsTotal: number;
}

export interface StartOptions {
  /** Replays: the day the run is dated (YYYY-MM-DD), 01:00 Paris time. */
  date?: string;
  /** The admin who asked for it (recorded as the run's 'started' event). */
  by?: actor | null;
  /** Told how far the run is (the CLI draws it). */
  onProgress?: (p: runProgress) => void;
}

export interface Runner {
  /** One run from a given input (push, CLI file, tests). Resolves when the run is over. */
  importInput(orgId: string, input: RunInput, opts?: StartOptions): Promise<RunResult>;
  /** The same, resolved as soon as the run is opened (a very large push is answered 202). */
  startInput(orgId: string, input: RunInput, opts?: StartOptions): Promise<{ runId: string; done: Promise<RunResult> }>;
  /** What an input would change, changing nothing. */
  dryRun(orgId: string, input: RunInput): Promise<syncDiffResult>;
  /** Reads the organisation's configured source (csv or pull) and runs it; resolves when the run is over. */
  runSource(orgId: string, opts?: StartOptions): Promise<RunResult>;
  /** Opens a run of the configured source and answers at once: reading the source happens inside the run. */
  startSource(orgId: string, opts?: StartOptions): Promise<{ runId: string; done: Promise<RunResult> }>;
  /** Applies a held run (guards bypassed) against the current state. */
  approve(orgId: string, runId: string, opts?: { by?: actor | null }): Promise<RunResult>;
  /** An admin gives up a run stuck as running; its work, if still going here, is stopped. */
  abandon(orgId: string, runId: string, by: actor): Promise<runSummary>;
  /** Whether the org's source can be run on demand. */
  canRun(orgId: string): boolean;
  /** Stops accepting runs; running ones finish (or are stopped past `deadlineMs`, rolled back). */
  close(opts?: { deadlineMs?: number }): Promise<void>;
}

/** Thrown when a run cannot start or cannot complete; `code` feeds the API error shape. */
export class RunError extends Error {
  constructor(
    readonly code:
      | 'ORG_UNKNOWN'
      | 'RUN_IN_PROGRESS'
      | 'SOURCE_FAILED'
      | 'NOT_RUNNABLE'
      | 'RUN_NOT_FOUND'
      | 'RUN_NOT_HELD'
      | 'RUN_NOT_RUNNING'
      | 'INVALID_BODY'
      | 'INVALID_ENCODING'
      | 'PAYLOAD_TOO_LARGE'
      | 'SHUTTING_DOWN',
    message: string,
    readonly runId?: string,
  ) {
    super(message);
    this.name = 'RunError';
  }
}
