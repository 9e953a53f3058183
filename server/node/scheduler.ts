/** Daily runs of file and pull sources, on each organisation's cron (Europe/Paris). */
import { Cron } from 'croner';
import type { OrgConfig } from '../config/schema.ts';
import type { Runner } from '../runner/runner.ts';

export interface Scheduler {
  stop(): void;
  /** Next planned run per organisation (ISO), for logs and tests. */
  next(): Record<string, string | null>;
}

export function startScheduler(
  orgs: readonly OrgConfig[],
  runner: Runner,
  log: { info(m: string): void; error(m: string, e?: unknown): void },
): Scheduler {
  const jobs = orgs
    .filter((o) => o.source.kind !== 'push')
    .map((o) => ({
      org: o.id,
      job: new Cron(
        o.schedule,
        { timezone: 'Europe/Paris', protect: true, catch: (e) => log.error(`scheduled run of ${o.id} failed`, e) },
        async () => {
          log.info(`scheduled run of ${o.id}`);
          const result = await runner.runSource(o.id);
          log.info(`run ${result.runId} of ${o.id}: ${result.run.status}`);
        },
      ),
    }));
  return {
    stop: () => {
      for (const j of jobs) j.job.stop();
    },
    next: () => Object.fromEntries(jobs.map((j) => [j.org, j.job.nextRun()?.toISOString() ?? null])),
  };
}
