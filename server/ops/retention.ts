/**
 * Retention of personal data, per organisation: each one's cutoff is now minus its
 * personalDataRetentionDays; the store does the work (Store.anonymisePersonalData). Run daily by
 * the server (scheduleRetention) and on demand by the CLI (`anonymise`, with a dry run).
 */
import { Cron } from 'croner';
import { DEFAULT_RETENTION_DAYS, type OrgConfig } from '../config/schema.ts';
import type { AnonymiseReport, Store } from '../store/store.ts';
import type { Logger } from './log.ts';

export interface OrgRetention extends AnonymiseReport {
  org: string;
  /** The cutoff applied (ISO). */
  before: string;
}

export function retentionCutoff(org: OrgConfig, now: Date): string {
  const days = org.personalDataRetentionDays ?? DEFAULT_RETENTION_DAYS;
  return new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString();
}

export async function applyRetention(
  store: Store,
  orgs: readonly OrgConfig[],
  opts: { now: Date; dryRun: boolean; log: Logger; onAnonymised?(orgId: string, contracts: number): void },
): Promise<OrgRetention[]> {
  const out: OrgRetention[] = [];
  for (const o of orgs) {
    const before = retentionCutoff(o, opts.now);
    const report = await store.anonymisePersonalData(o.id, { before, dryRun: opts.dryRun });
    out.push({ org: o.id, before, ...report });
    if (!opts.dryRun) opts.onAnonymised?.(o.id, report.codes.length);
    opts.log.info(opts.dryRun ? 'retention dry run' : 'retention applied', {
      org: o.id,
      before,
      contracts: report.codes.length,
      changes: report.changes,
      receivedRecords: report.receivedRecords,
    });
  }
  return out;
}

/** Daily, on `schedule` (Europe/Paris); a run still going when the next is due is skipped. */
export function scheduleRetention(schedule: string, job: () => Promise<unknown>, log: Logger): { stop(): void } {
  const cron = new Cron(schedule, { timezone: 'Europe/Paris', protect: true, catch: (e) => log.error('retention failed', e) }, async () => {
    await job();
  });
  return { stop: () => cron.stop() };
}
