/**
 * Prometheus metrics (prom-client), one registry per server (tests run several in one process):
 * runs by organisation and outcome, their duration and records, held runs, HTTP requests by
 * matched route pattern (never the raw path: bounded cardinality, no codes or names in labels),
 * notifications, anonymisation, and Node's default metrics (event-loop lag, heap, GC, handles).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { runSummary } from '../../contract/index.ts';

export interface Metrics {
  registry: Registry;
  /** A run ended (applied, held or failed). */
  runEnded(orgId: string, run: runSummary): void;
  /** The organisation's held run, or null (at start: what the store says). */
  setHeld(orgId: string, runId: string | null): void;
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  notification(channel: 'email' | 'webhook', outcome: 'sent' | 'failed'): void;
  anonymised(orgId: string, contracts: number): void;
  /** The Prometheus text exposition. */
  render(): Promise<string>;
  contentType: string;
}

const RUN_STATUSES = ['succeeded', 'held', 'failed'] as const;
const RECORD_KINDS = ['received', 'integrated', 'rejected'] as const;

/** When a run's work started: an approved held run is timed from its approval, not its first read. */
function startOf(run: runSummary): number {
  const approved = run.events.filter((e) => e.action === 'approved').at(-1);
  return Date.parse(approved?.at ?? run.startedAt);
}

export function createMetrics(orgIds: readonly string[]): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const counter = (name: string, help: string, labelNames: string[]) => new Counter({ name, help, labelNames, registers: [registry] });
  const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });
  const histogram = (name: string, help: string, labelNames: string[], buckets: number[]) =>
    new Histogram({ name, help, labelNames, buckets, registers: [registry] });

  const runs = counter('erp_sync_runs_total', 'Runs ended, by organisation and outcome (succeeded, held, failed).', ['org', 'status']);
  const duration = histogram(
    'erp_sync_run_duration_seconds',
    'Duration of runs, from start (or approval) to end.',
    ['org', 'status'],
    [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
  );
  const records = counter('erp_sync_run_records_total', 'Records of ended runs: received, integrated, rejected (not integrated).', [
    'org',
    'kind',
  ]);
  const lastRecords = gauge(
    'erp_sync_last_run_records',
    'Records of the last ended run of each organisation: received, integrated, rejected.',
    ['org', 'kind'],
  );
  const held = gauge('erp_sync_held_runs', 'Runs held by a guard, awaiting an admin’s approval (0 or 1 per organisation).', ['org']);
  const http = histogram(
    'erp_sync_http_request_duration_seconds',
    'HTTP requests by method, matched route pattern and status.',
    ['method', 'route', 'status'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  const notifications = counter(
    'erp_sync_notifications_total',
    'Notifications by channel (email, webhook) and outcome (sent, failed after its retries).',
    ['channel', 'outcome'],
  );
  const anonymised = counter('erp_sync_anonymised_contracts_total', 'Retired contracts whose personal data was anonymised.', ['org']);
  // Every series exists from the start, so rate() and alerts see a 0 before the first event.
  for (const org of orgIds) {
    for (const status of RUN_STATUSES) runs.labels(org, status).inc(0);
    for (const kind of RECORD_KINDS) records.labels(org, kind).inc(0);
    held.labels(org).set(0);
    anonymised.labels(org).inc(0);
  }
  const heldRun = new Map<string, string>();

  return {
    registry,
    runEnded(orgId, run) {
      if (run.status === 'running') return;
      runs.labels(orgId, run.status).inc();
      const seconds = (Date.parse(run.finishedAt ?? '') - startOf(run)) / 1000;
      if (Number.isFinite(seconds) && seconds >= 0) duration.labels(orgId, run.status).observe(seconds);
      const c = run.counts;
      const values = { received: c.received, integrated: c.integrated, rejected: c.rejected };
      for (const kind of RECORD_KINDS) {
        records.labels(orgId, kind).inc(values[kind]);
        lastRecords.labels(orgId, kind).set(values[kind]);
      }
      // A new held run supersedes the older one; an applied run supersedes any; a failed one
      // only ends the held state when it was the held run itself (a failed approval).
      if (run.status === 'held') heldRun.set(orgId, run.id);
      else if (run.status === 'succeeded' || heldRun.get(orgId) === run.id) heldRun.delete(orgId);
      held.labels(orgId).set(heldRun.has(orgId) ? 1 : 0);
    },
    setHeld(orgId, runId) {
      if (runId === null) heldRun.delete(orgId);
      else heldRun.set(orgId, runId);
      held.labels(orgId).set(runId === null ? 0 : 1);
    },
    httpRequest(method, route, status, seconds) {
      http.labels(method, route, String(status)).observe(seconds);
    },
    notification(channel, outcome) {
      notifications.labels(channel, outcome).inc();
    },
    anonymised(orgId, contracts) {
      anonymised.labels(orgId).inc(contracts);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
