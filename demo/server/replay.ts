/**
 * Shared by the demo bootstrap (demo/server/main.ts) and the end-to-end tests: the demo
 * organisation's config and the replay of past days through the real runner.
 */
import type { OrgConfig } from '../../server/config/schema.ts';
import type { RunResult, Runner } from '../../server/runner/runner.ts';

export const DEMO_ORG_ID = 'cfa-demo';
export const DEMO_ORG_NAME = 'CFA Rhône-Alpes (démo)';
/** The fake ERP's seed for the demo and the e2e tests (its population has an "Hélène"). */
export const DEMO_SEED = 2025;

/** The demo organisation, pulling from the fake ERP's Ypareo-style endpoint. */
export function demoOrganization(opts: { erpUrl: string; erpApiKey: string; erpToken: string }): OrgConfig {
  return {
    id: DEMO_ORG_ID,
    name: DEMO_ORG_NAME,
    erpToken: opts.erpToken,
    source: {
      kind: 'pull',
      url: `${opts.erpUrl}/r/v1/contrats`,
      headers: { 'X-Auth-Token': opts.erpApiKey },
      pageSize: 1000,
      timeoutMs: 15_000,
      retries: 1,
    },
    schedule: '0 2 * * *',
    sessions: 'auto',
    groups: [],
    removalGuard: { maxRatio: 0.2 },
    updateGuard: { maxRatio: 0.3, minContracts: 20 },
    truncatedGuard: { maxMissingRatio: 0.05 },
    keepReceivedRuns: 30,
  };
}

/**
 * Days `0..lastDay` of the fake ERP, one dated run each, through the real runner: the ERP is
 * set to serve that day, then the organisation's source is pulled over HTTP as at night.
 */
export async function replayDays(opts: {
  runner: Runner;
  orgId: string;
  lastDay: number;
  /** Makes the fake ERP serve that day. */
  setDay: (day: number) => void;
  dateOf: (day: number) => string;
  onRun?: (date: string, result: RunResult) => void;
}): Promise<void> {
  for (let day = 0; day <= opts.lastDay; day++) {
    opts.setDay(day);
    const date = opts.dateOf(day);
    const result = await opts.runner.runSource(opts.orgId, { date });
    opts.onRun?.(date, result);
  }
}
