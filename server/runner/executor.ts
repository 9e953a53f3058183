/**
 * Where imports run. The runner hands jobs to an executor: this one runs them in the calling
 * thread (the browser mock, tests, small tools); the Node server's runs them in worker threads
 * (server/node/worker-executor.ts) so that the HTTP thread never stalls during an import.
 */
import type { syncDiffResult } from '../../contract/index.ts';
import { dryRunJob, type ImportJob, type JobDeps, type JobHooks, type JobOutcome, runJob } from './import-job.ts';

export interface ImportExecutor {
  run(job: ImportJob, hooks: JobHooks): Promise<JobOutcome>;
  dryRun(job: ImportJob, hooks: JobHooks): Promise<syncDiffResult>;
  /** Stops the executor's threads (their running jobs are aborted: nothing half applied). */
  close(): Promise<void>;
}

export function inThreadExecutor(deps: JobDeps): ImportExecutor {
  return {
    run: (job, hooks) => runJob(job, deps, hooks),
    dryRun: (job, hooks) => dryRunJob(job, deps, hooks),
    async close() {},
  };
}
