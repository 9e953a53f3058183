/**
 * A fake CFA wired to the REAL machinery: the fake ERP behind an in-process `fetch`, the real
 * pull source, the real runner and pipeline, a store. `seedStore` replays days through it, one
 * dated run per day, so the history the widgets show is what the product would have recorded.
 * Browser-safe.
 */
import type { OrgConfig, PullSourceConfig } from '../server/config/schema.ts';
import { memorySpools } from '../server/core/spool.ts';
import { snapshotStream } from '../server/core/run-import.ts';
import type { ReceivedRecord, RecordStream } from '../server/core/types.ts';
import { createRunner } from '../server/runner/create-runner.ts';
import { inThreadExecutor } from '../server/runner/executor.ts';
import { openMemoryInput } from '../server/runner/open-input.ts';
import type { Runner, RunResult } from '../server/runner/runner.ts';
import { pullSource } from '../server/sources/pull/index.ts';
import type { Store } from '../server/store/store.ts';
import { createErpApi, erpFetch, CONTRATS_PATH } from './fake-erp/api.ts';
import { addDays } from './fake-erp/dates.ts';
import { generateErp } from './fake-erp/generate.ts';
import type { FakeErp } from './fake-erp/types.ts';

export const MOCK_ORG_ID = 'cfa-demo';
export const MOCK_ORG_NAME = 'CFA Rhône-Alpes (démo)';
const ERP_URL = `https://erp.cfa-rhone-alpes.example${CONTRATS_PATH}`;
const ERP_API_KEY = 'fake-erp-demo-key';
/** Days the ERP keeps changing after the seeded ones: each on-demand run reads the next day. */
const FUTURE_DAYS = 60;

/** How the fake ERP answers the next reads. */
export interface ErpControl {
  /** The ERP day served (0 .. erp.options.days - 1). */
  day: number;
  /** 'unreachable': connection refused; 'truncated': a broken export with a third of the contracts. */
  mode: 'ok' | 'unreachable' | 'truncated';
  /** After seeding: each read serves the next day, so "Lancer maintenant" finds news. */
  advanceOnRead: boolean;
  /** How long applying a run takes (ms): a slow database keeps an on-demand run running. */
  applyDelayMs: number;
  /**
   * How long reading the ERP takes (ms), spread over the records: a slow ERP keeps a run running
   * with its progress moving, and (unlike a slow apply) an abandon stops it between two pieces.
   */
  readDelayMs: number;
}

export interface MockRuntime {
  store: Store;
  runner: Runner;
  org: OrgConfig;
  erp: FakeErp;
  control: ErpControl;
  /** Pins the runner's clock (seeding); null = the real clock. */
  setClock(at: string | null): void;
}

/** The mock's push body limit (the browser holds the body in memory). */
export const MOCK_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface RuntimeOptions {
  seed: number;
  contracts: number;
  /** Days of history to be seeded; the ERP is generated with room for on-demand runs after them. */
  days: number;
  /** The date of the last seeded day (YYYY-MM-DD); defaults to today (UTC). */
  today?: string;
}

/** The org pulls the fake ERP, with sessions configured, so an unknown group is a real rejection. */
function organization(erp: FakeErp): OrgConfig {
  return {
    id: MOCK_ORG_ID,
    name: MOCK_ORG_NAME,
    erpToken: 'fake-erp-push-token-0123456789',
    source: { kind: 'pull', url: ERP_URL, headers: { 'X-Auth-Token': ERP_API_KEY }, pageSize: 1000, timeoutMs: 15_000, retries: 1 },
    schedule: '0 2 * * *',
    sessions: 'configured',
    groups: erp.groupCodes(),
    removalGuard: { maxRatio: 0.2 },
    updateGuard: { maxRatio: 0.3, minContracts: 20 },
    truncatedGuard: { maxMissingRatio: 0.05 },
    keepReceivedRuns: 30,
  };
}

export async function createMockRuntime(store: Store, opts: RuntimeOptions): Promise<MockRuntime> {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const erp = generateErp({
    seed: opts.seed,
    contracts: opts.contracts,
    days: opts.days + FUTURE_DAYS,
    startDate: addDays(today, -(opts.days - 1)),
  });
  const control: ErpControl = { day: 0, mode: 'ok', advanceOnRead: false, applyDelayMs: 0, readDelayMs: 0 };
  const api = createErpApi({ erp, apiKey: ERP_API_KEY, day: () => control.day });
  // A broken export: the ERP answers consistently (total matches), just with far too few contracts.
  const truncatedErp: FakeErp = { ...erp, snapshot: (day) => erp.snapshot(day).filter((_, i) => i % 3 === 0) };
  const truncatedApi = createErpApi({ erp: truncatedErp, apiKey: ERP_API_KEY, day: () => control.day });
  const fetchOk = erpFetch(api);
  const fetchTruncated = erpFetch(truncatedApi);
  const fetchDown = erpFetch(api, { unreachable: () => true });

  let pinned: string | null = null;
  const org = organization(erp);
  await store.init();
  await store.upsertOrganization({ id: org.id, name: org.name });
  // Runs apply through the slow view too: the executor does the applying.
  const slow = slowToApply(store, control);
  const runner = createRunner({
    store: slow,
    organizations: [org],
    now: () => (pinned ? new Date(pinned) : new Date()),
    canReadSources: true,
    executor: inThreadExecutor({
      store: slow,
      spools: memorySpools,
      now: () => (pinned ? new Date(pinned) : new Date()),
      async openInput(job) {
        if (job.input.kind !== 'configured') return openMemoryInput(job, MOCK_MAX_BODY_BYTES);
        const o = job.org;
        if (o.source.kind !== 'pull') throw new Error(`unexpected source ${o.source.kind}`);
        if (control.advanceOnRead) control.day = Math.min(control.day + 1, erp.options.days - 1);
        const fetchFn = control.mode === 'unreachable' ? fetchDown : control.mode === 'truncated' ? fetchTruncated : fetchOk;
        // No back-off between retries: the failure is staged, waiting would only slow the mock.
        const stream = snapshotStream(await pullSource(o.source satisfies PullSourceConfig, fetchFn, { backoffBaseMs: 0 }));
        return control.readDelayMs > 0 ? slowToRead(stream, control.readDelayMs) : stream;
      },
    }),
  });
  return { store, runner, org, erp, control, setClock: (at) => (pinned = at) };
}

/** A stream read in 20 pieces over `delayMs`: each piece is a batch, so the run reports progress (and checks for an abandon) between them. */
function slowToRead(stream: RecordStream, delayMs: number): RecordStream {
  const PIECES = 20;
  return {
    ...stream,
    async *batches() {
      const records: ReceivedRecord[] = [];
      for await (const batch of stream.batches()) records.push(...batch);
      const size = Math.max(1, Math.ceil(records.length / PIECES));
      for (let at = 0; at < records.length; at += size) {
        await new Promise((resolve) => setTimeout(resolve, delayMs / PIECES));
        yield records.slice(at, at + size);
      }
    },
  };
}

/** The runner's view of the store: applying a run takes `control.applyDelayMs` (a slow database). */
function slowToApply(store: Store, control: ErpControl): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'applyRun') return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<Store['applyRun']>) => {
        if (control.applyDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, control.applyDelayMs));
        return target.applyRun(...args);
      };
    },
  });
}

/**
 * Replays ERP days `from .. to` (inclusive), one run per day dated with the ERP's calendar,
 * through `runner.runSource` exactly as the nightly scheduler would. A failed or held day is
 * kept as such (that is history too); returns each day's result or error message.
 */
export async function seedStore(rt: MockRuntime, range: { from: number; to: number }): Promise<(RunResult | string)[]> {
  const results: (RunResult | string)[] = [];
  for (let day = range.from; day <= range.to; day++) {
    const date = rt.erp.dateOf(day);
    rt.control.day = day;
    rt.setClock(`${date}T01:00:05.000Z`);
    try {
      results.push(await rt.runner.runSource(rt.org.id, { date }));
    } catch (err) {
      results.push(err instanceof Error ? err.message : String(err));
    } finally {
      rt.setClock(null);
    }
  }
  return results;
}
