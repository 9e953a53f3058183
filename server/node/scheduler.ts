/**
 * Daily runs of file and pull sources, on each organisation's cron (Europe/Paris). Every
 * instance on the same database plans the same runs; each occurrence is claimed in the
 * database first (Store.claimScheduledRun), so one instance runs it, whichever fires first.
 * At start, an occurrence missed while every instance was down (the last one before now, within
 * a day, after an earlier claimed one) is claimed and run at once.
 */
import { Cron } from 'croner';
import type { OrgConfig } from '../config/schema.ts';
import type { Runner } from '../runner/runner.ts';
import type { Store } from '../store/store.ts';

export interface Scheduler {
  stop(): void;
  /** Next planned run per organisation (ISO), for logs and tests. */
  next(): Record<string, string | null>;
  /** Settles once the catch-up of missed occurrences (started with the scheduler) is done. */
  caughtUp: Promise<void>;
}

export type ScheduleClaims = Pick<Store, 'claimScheduledRun' | 'lastScheduledClaim'>;

/** A missed occurrence older than this is not run late: the next one comes sooner than that would help. */
const CATCH_UP_WITHIN_MS = 24 * 60 * 60 * 1000;

export function startScheduler(
  orgs: readonly OrgConfig[],
  runner: Runner,
  log: { info(m: string): void; error(m: string, e?: unknown): void },
  claims: ScheduleClaims,
  now: () => Date = () => new Date(),
): Scheduler {
  const run = async (orgId: string, slot: Date, why: string) => {
    if (!(await claims.claimScheduledRun(orgId, slot.toISOString(), now().toISOString()))) {
      log.info(`scheduled run of ${orgId} (${slot.toISOString()}) already taken by another instance`);
      return;
    }
    log.info(`${why} of ${orgId} (${slot.toISOString()})`);
    const result = await runner.runSource(orgId);
    log.info(`run ${result.runId} of ${orgId}: ${result.run.status}`);
  };
  const jobs = orgs
    .filter((o) => o.source.kind !== 'push')
    .map((o) => {
      const job: Cron = new Cron(
        o.schedule,
        { timezone: 'Europe/Paris', protect: true, catch: (e) => log.error(`scheduled run of ${o.id} failed`, e) },
        // The occurrence that fired: the latest planned instant up to now (milliseconds stripped).
        () => run(o.id, job.previousRuns(1, new Date(now().getTime() + 1))[0] ?? now(), 'scheduled run'),
      );
      return { org: o.id, job };
    });
  const caughtUp = Promise.all(
    jobs.map(async ({ org, job }) => {
      try {
        const missed = job.previousRuns(1, now())[0];
        if (!missed || now().getTime() - missed.getTime() > CATCH_UP_WITHIN_MS) return;
        const last = await claims.lastScheduledClaim(org);
        // Never scheduled before (a new installation): nothing was missed.
        if (last === null || last >= missed.toISOString()) return;
        await run(org, missed, 'missed scheduled run caught up');
      } catch (e) {
        log.error(`catching up the scheduled run of ${org} failed`, e);
      }
    }),
  ).then(() => undefined);
  return {
    stop: () => {
      for (const j of jobs) j.job.stop();
    },
    next: () => Object.fromEntries(jobs.map((j) => [j.org, j.job.nextRun()?.toISOString() ?? null])),
    caughtUp,
  };
}
