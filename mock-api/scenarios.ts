/**
 * The QA scenarios, by name. Each builds a backend made of the REAL Hono app over an in-memory
 * store seeded through the real runner; error scenarios are staged where the product would
 * produce them (an unreachable ERP, a truncated export, an expired token, a failing store),
 * except `slow`, which only delays responses (see handlers.ts). Browser-safe.
 */
import { createApp, signAdminToken, type ErpSyncApp } from '../server/http/index.ts';
import { createMemoryStore } from '../server/store/memory/index.ts';
import type { Store } from '../server/store/store.ts';
import { createMockRuntime, MOCK_MAX_BODY_BYTES, seedStore, type MockRuntime } from './seed-store.ts';

export const scenarioNames = ['normal', 'never-synced', 'failed', 'held', 'large', 'slow', 'server-error', 'expired-token'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/** Fixed demo secret: the mock's tokens are public by design, it guards nothing. */
export const MOCK_JWT_SECRET = 'erp-sync-mock-demo-secret-not-for-production-0123';
export const DEFAULT_SEED = 2025;

export interface ScenarioSpec {
  contracts: number;
  days: number;
  /** What happens on the last day: a normal run, none at all, a failed read, a held run. */
  lastDay: 'ok' | 'none' | 'unreachable' | 'truncated';
  /** Added to every admin response (ms). */
  delayMs: number;
  /** The admin store fails every call (the app answers its own 500). */
  storeDown: boolean;
  /** The token handed to the page has already expired (the app answers its own 401). */
  tokenExpired: boolean;
}

const base: ScenarioSpec = { contracts: 300, days: 30, lastDay: 'ok', delayMs: 0, storeDown: false, tokenExpired: false };

export const scenarios: Record<ScenarioName, ScenarioSpec> = {
  normal: base,
  'never-synced': { ...base, days: 1, lastDay: 'none' },
  failed: { ...base, lastDay: 'unreachable' },
  held: { ...base, lastDay: 'truncated' },
  // A big CFA: few days of history, or seeding 20,000 contracts a day would take a while.
  large: { ...base, contracts: 20_000, days: 3 },
  slow: { ...base, delayMs: 1500 },
  'server-error': { ...base, storeDown: true },
  'expired-token': { ...base, tokenExpired: true },
};

export interface MockBackend {
  scenario: ScenarioName;
  spec: ScenarioSpec;
  app: ErpSyncApp;
  /** An admin JWT for the demo organisation (expired in 'expired-token'). */
  token: string;
  runtime: MockRuntime;
}

export interface BuildOptions {
  seed?: number;
  /** The last seeded day (YYYY-MM-DD); defaults to today. Tests pin it. */
  today?: string;
  /** Overrides (tests use smaller populations). */
  contracts?: number;
  days?: number;
}

/** A store whose every call rejects, as when the database is gone. */
function failingStore(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? () => Promise.reject(new Error('Base de données indisponible (scénario server-error)')) : value;
    },
  });
}

export async function buildScenario(scenario: ScenarioName, opts: BuildOptions = {}): Promise<MockBackend> {
  const spec = {
    ...scenarios[scenario],
    ...(opts.contracts ? { contracts: opts.contracts } : {}),
    ...(opts.days ? { days: opts.days } : {}),
  };
  const runtime = await createMockRuntime(createMemoryStore(), {
    seed: opts.seed ?? DEFAULT_SEED,
    contracts: spec.contracts,
    days: spec.days,
    today: opts.today,
  });
  const last = spec.days - 1;
  if (spec.lastDay !== 'none') {
    await seedStore(runtime, { from: 0, to: spec.lastDay === 'ok' ? last : last - 1 });
    if (spec.lastDay !== 'ok') {
      runtime.control.mode = spec.lastDay;
      await seedStore(runtime, { from: last, to: last });
    }
  }
  // From now on the ERP moves one day per on-demand run ("Lancer maintenant" finds news).
  runtime.control.advanceOnRead = true;

  const { org } = runtime;
  const app = createApp({
    store: spec.storeDown ? failingStore(runtime.store) : runtime.store,
    runner: runtime.runner,
    config: {
      auth: { jwtSecret: MOCK_JWT_SECRET },
      cors: { origins: [] },
      maxBodyBytes: MOCK_MAX_BODY_BYTES,
      imports: { workers: 1, nice: 0, heapMb: 640, leaseSeconds: 120, asyncPushBytes: MOCK_MAX_BODY_BYTES },
      organizations: [org],
    },
    // The staged 500s are expected: the browser console stays quiet; other errors still show.
    logger: { error: (msg, err) => (spec.storeDown ? undefined : console.error(msg, err)) },
  });
  const token = await signAdminToken(MOCK_JWT_SECRET, {
    org: org.id,
    ttlSeconds: spec.tokenExpired ? 3600 : 30 * 24 * 3600,
    ...(spec.tokenExpired ? { now: new Date(Date.now() - 2 * 3600 * 1000) } : {}),
  });
  return { scenario, spec, app, token, runtime };
}
