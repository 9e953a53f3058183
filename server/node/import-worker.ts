/**
 * An import worker thread (piscina): its own database connection, its own event loop, so the
 * HTTP thread answers while an import parses, checks and writes a million records. Results and
 * errors come back as plain data; progress through the task's message port.
 */
import type { MessagePort } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { workerData } from 'node:worker_threads';
import type { syncDiffResult } from '../../contract/index.ts';
import type { ImportProgress } from '../core/import-records.ts';
import { dryRunJob, type ImportJob, type JobOutcome, runJob } from '../runner/import-job.ts';
import { RunError } from '../runner/runner.ts';
import type { Store } from '../store/store.ts';
import { lowerThisThreadPriority } from './background-priority.ts';
import { fileSpools } from './file-spool.ts';
import { openNodeInput } from './open-input.ts';
import { openStore } from './open-store.ts';
import { threadedInputs } from './threaded-input.ts';

export interface WorkerSettings {
  database: string;
  maxBodyBytes: number;
  /** CPU priority of this thread (config imports.nice). */
  nice: number;
}

export type WorkerTask =
  | {
      op: 'run' | 'dry-run';
      job: ImportJob;
      port: MessagePort;
    }
  /** Readiness: the worker loads and opens its database connection. */
  | { op: 'ping' };

export interface SerializedError {
  name: string;
  message: string;
  code?: RunError['code'];
  runId?: string;
}

export type WorkerResult =
  | { ok: JobOutcome }
  | { dry: syncDiffResult }
  /** Ready, and the heap this thread may use (bytes: V8's limit, imports.heapMb plus the young generation). */
  | { pong: true; heapLimit: number }
  | { error: SerializedError };

const settings = workerData as WorkerSettings;
// Imports yield the CPU to the HTTP thread (background-priority.ts).
if (settings.nice > 0) lowerThisThreadPriority(settings.nice);
let store: Promise<Store> | null = null;
const openThreaded = threadedInputs({ maxBodyBytes: settings.maxBodyBytes, nice: settings.nice });

export default async function task(t: WorkerTask): Promise<WorkerResult> {
  store ??= openStore(settings.database);
  if (t.op === 'ping') {
    await store;
    return { pong: true, heapLimit: getHeapStatistics().heap_size_limit };
  }
  const { op, job, port } = t;
  const deps = {
    store: await store,
    spools: fileSpools(),
    openInput: (j: ImportJob) => openNodeInput(j, settings.maxBodyBytes),
    now: () => new Date(),
    openThreaded,
  };
  let last = 0;
  let phase = '';
  const onProgress = (p: ImportProgress) => {
    // A few messages a second are plenty for a progress bar; a new phase is always told.
    const t = Date.now();
    if (t - last < 200 && p.phase === phase) return;
    last = t;
    phase = p.phase;
    port.postMessage(p);
  };
  try {
    if (op === 'dry-run') return { dry: await dryRunJob(job, deps, { onProgress }) };
    return { ok: await runJob(job, deps, { onProgress }) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return {
      error: { name: e.name, message: e.message, ...(err instanceof RunError ? { code: err.code, runId: err.runId } : {}) },
    };
  } finally {
    port.close();
  }
}
