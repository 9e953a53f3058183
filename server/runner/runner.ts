/**
 * The seam between the HTTP layer and the import machinery. The HTTP layer (and the CLI and
 * scheduler) ask the runner; the runner reads sources, calls the pure core and the store.
 */
import type { runSummary, syncDiffResult } from '../../contract/index.ts';
import type { RunOutcome, Snapshot } from '../core/types.ts';

export interface RunResult {
  runId: string;
  run: runSummary;
  /** Absent when the run failed before the pipeline produced an outcome. */
  outcome?: RunOutcome;
}

export interface Runner {
  /** One run from a received snapshot (push, or a file given to the CLI). One run at a time per org. */
  importSnapshot(orgId: string, snapshot: Snapshot, opts?: { date?: string }): Promise<RunResult>;
  /** What a snapshot would change, without changing anything. */
  dryRun(orgId: string, snapshot: Snapshot): Promise<syncDiffResult>;
  /** Reads the org's configured source (csv or pull) and runs it; resolves when the run is over. */
  runSource(orgId: string, opts?: { date?: string }): Promise<RunResult>;
  /** Starts runSource in the background; resolves with the run id as soon as the run is opened. */
  startSource(orgId: string): Promise<{ runId: string }>;
  /** Applies a held run (guard bypassed), against the current state. */
  approve(orgId: string, runId: string): Promise<RunResult>;
  /** Whether the org's source can be run on demand. */
  canRun(orgId: string): boolean;
}

/** Thrown when a run cannot start or cannot complete; `code` feeds the API error shape. */
export class RunError extends Error {
  constructor(
    readonly code: 'ORG_UNKNOWN' | 'RUN_IN_PROGRESS' | 'SOURCE_FAILED' | 'NOT_RUNNABLE' | 'RUN_NOT_FOUND' | 'RUN_NOT_HELD',
    message: string,
    readonly runId?: string,
  ) {
    super(message);
    this.name = 'RunError';
  }
}
