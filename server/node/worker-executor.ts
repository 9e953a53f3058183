/**
 * Imports in worker threads (piscina): the HTTP thread only coordinates. Aborting a job
 * terminates its thread: its database transaction dies with it, nothing half applied.
 */
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { syncDiffResult } from '../../contract/index.ts';
import type { ImportProgress } from '../core/import-records.ts';
import type { ImportExecutor } from '../runner/executor.ts';
import type { ImportJob, JobHooks, JobOutcome } from '../runner/import-job.ts';
import { RunError } from '../runner/runner.ts';
import type { WorkerResult, WorkerSettings, WorkerTask } from './import-worker.ts';

export interface WorkerExecutorOptions extends WorkerSettings {
  workers: number;
  /** Heap bound of each import thread, MiB (config imports.heapMb). */
  heapMb?: number;
  /** Told when the readiness check of the workers fails (a module that does not load, a database that does not open). */
  onError?(msg: string, err: unknown): void;
}

export interface WorkerExecutor extends ImportExecutor {
  /** True once a worker has loaded and opened the database (checked at start), until close. */
  ready(): boolean;
  /** The heap limit an import thread reported when it became ready (bytes), null before. */
  heapLimit(): number | null;
}

/** The worker's module: the TypeScript source under tsx, the compiled file in a build (dist/server). */
const WORKER_FILE = new URL(import.meta.url.endsWith('.ts') ? './import-worker.ts' : './import-worker.js', import.meta.url).href;

function toError(e: { name: string; message: string; code?: RunError['code']; runId?: string }): Error {
  if (e.code) return new RunError(e.code, e.message, e.runId);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

export function workerExecutor(opts: WorkerExecutorOptions): WorkerExecutor {
  const settings: WorkerSettings = { database: opts.database, maxBodyBytes: opts.maxBodyBytes, nice: opts.nice };
  const pool = new Piscina({
    filename: WORKER_FILE,
    // One worker kept warm: a push is not made to wait for a thread to start.
    minThreads: 1,
    maxThreads: opts.workers,
    // A worker that imported a million records gives its memory back when idle (one is restarted).
    idleTimeout: 30_000,
    workerData: settings,
    ...(opts.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: opts.heapMb } } : {}),
  });

  let ready = false;
  let heapLimit: number | null = null;
  let closed = false;
  pool.run({ op: 'ping' } satisfies WorkerTask).then(
    (r: WorkerResult) => {
      ready = 'pong' in r;
      if ('pong' in r) heapLimit = r.heapLimit;
    },
    (err: unknown) => {
      // Closed before the check ended (a short-lived command): nothing to report.
      if (!closed) opts.onError?.('import workers are not ready', err);
    },
  );

  async function submit(op: 'run' | 'dry-run', job: ImportJob, hooks: JobHooks): Promise<WorkerResult> {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (p: ImportProgress) => hooks.onProgress?.(p));
    try {
      const task: WorkerTask = { op, job, port: port2 };
      return (await pool.run(task, { transferList: [port2], signal: hooks.signal })) as WorkerResult;
    } catch (err) {
      // Aborted: the reason says why (abandoned by an admin, server shutting down).
      if (hooks.signal?.aborted) throw hooks.signal.reason instanceof Error ? hooks.signal.reason : err;
      throw err;
    } finally {
      port1.close();
    }
  }

  return {
    async run(job, hooks): Promise<JobOutcome> {
      const r = await submit('run', job, hooks);
      if ('error' in r) throw toError(r.error);
      if ('ok' in r) return r.ok;
      throw new Error('unexpected worker answer');
    },
    async dryRun(job, hooks): Promise<syncDiffResult> {
      const r = await submit('dry-run', job, hooks);
      if ('error' in r) throw toError(r.error);
      if ('dry' in r) return r.dry;
      throw new Error('unexpected worker answer');
    },
    ready: () => ready && !closed,
    heapLimit: () => heapLimit,
    async close() {
      closed = true;
      await pool.destroy();
    },
  };
}
