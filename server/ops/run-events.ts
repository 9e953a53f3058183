/**
 * What listens to the end of runs (the runner's onRunEnded): one line in the logs, metrics,
 * notifications. Each listener is isolated: one that throws never stops the others.
 */
import type { runSummary } from '../../contract/index.ts';
import type { RunResult } from '../runner/runner.ts';
import type { Logger } from './log.ts';
import { scrub } from './scrub.ts';

export type RunEndedListener = (orgId: string, run: runSummary, result: RunResult | null) => void;

export function fanOut(listeners: readonly (RunEndedListener | undefined)[], log: Logger): RunEndedListener {
  const active = listeners.filter((l): l is RunEndedListener => l !== undefined);
  return (orgId, run, result) => {
    for (const l of active) {
      try {
        l(orgId, run, result);
      } catch (err) {
        log.error('a run listener failed', err, { org: orgId, runId: run.id });
      }
    }
  };
}

/** The run's outcome as one structured line: ids, status and counts (never a record's content). */
export function logRunEnded(log: Logger): RunEndedListener {
  return (orgId, run) => {
    const c = run.counts;
    const fields = {
      org: orgId,
      runId: run.id,
      source: run.source,
      status: run.status,
      received: c.received,
      integrated: c.integrated,
      rejected: c.rejected,
      added: c.added,
      updated: c.updated,
      archived: c.archived,
      fixed: c.fixed,
      newlyRejected: c.newlyRejected,
      guards: run.held?.reasons.join(',') ?? undefined,
      error: run.error === null ? undefined : scrub(run.error),
    };
    if (run.status === 'failed') log.warn('run ended', fields);
    else log.info('run ended', fields);
  };
}
