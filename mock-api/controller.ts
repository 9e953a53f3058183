/**
 * What browser.ts (setupWorker) and node.ts (setupServer) share: build a scenario, install its
 * handlers, switch scenarios. Browser-safe.
 */
import type { HttpHandler } from 'msw';
import { signAdminToken } from '../server/http/index.ts';
import { ADMIN_BASE, createHandlers, rebase } from './handlers.ts';
import { buildScenario, MOCK_JWT_SECRET, type BuildOptions, type MockBackend, type ScenarioName } from './scenarios.ts';

export interface MockApiOptions extends BuildOptions {
  scenario?: ScenarioName;
  /** Where the page calls the admin API, if not at /api/erp-sync. */
  apiBase?: string;
}

export interface MockApi {
  /** The admin JWT to give the widgets; follows `use()` (the expired-token scenario hands an expired one). */
  readonly token: string;
  readonly scenario: ScenarioName;
  /** The backend in use (app, store, runner, fake ERP), for tests that need to look inside. */
  readonly backend: MockBackend;
  stop(): Promise<void>;
  /** Switches to another scenario (rebuilt from scratch); `opts` override the start options for it. */
  use(scenario: ScenarioName, opts?: BuildOptions): Promise<void>;
  /**
   * Puts handlers in front of the real app until `resetOverrides()`: a test's slow, malformed or
   * failing answer. A handler that returns nothing lets the request through to the app.
   */
  override(...handlers: HttpHandler[]): void;
  /** Drops the overrides: the real app answers everything again. */
  resetOverrides(): void;
  /** Hands a request for the admin API to the real app (an override passing a changed request on). */
  forward(request: Request): Promise<Response>;
  /** Another token for the demo organisation, as the LMS would mint it (a rotation, a non-admin role). */
  signToken(opts?: { role?: string; ttlSeconds?: number }): Promise<string>;
}

/** The MSW side: setupWorker's or setupServer's handlers and teardown. */
export interface MswAdapter {
  start(handlers: HttpHandler[]): Promise<void>;
  /** Replaces the initial handlers (a new scenario) and drops the overrides. */
  reset(handlers: HttpHandler[]): void;
  /** Adds handlers in front of the initial ones. */
  use(handlers: HttpHandler[]): void;
  /** Drops what `use` added. */
  restore(): void;
  stop(): void;
}

export async function startWith(adapter: MswAdapter, opts: MockApiOptions = {}): Promise<MockApi> {
  let backend = await buildScenario(opts.scenario ?? 'normal', opts);
  await adapter.start(createHandlers({ backend, apiBase: opts.apiBase }));
  return {
    get token() {
      return backend.token;
    },
    get scenario() {
      return backend.scenario;
    },
    get backend() {
      return backend;
    },
    async stop() {
      adapter.stop();
    },
    async use(scenario, override = {}) {
      backend = await buildScenario(scenario, { ...opts, ...override });
      adapter.reset(createHandlers({ backend, apiBase: opts.apiBase }));
    },
    override(...handlers) {
      adapter.use(handlers);
    },
    resetOverrides() {
      adapter.restore();
    },
    async forward(request) {
      return backend.app.fetch(rebase(request, (opts.apiBase ?? ADMIN_BASE).replace(/\/+$/, ''), ADMIN_BASE));
    },
    signToken(token = {}) {
      return signAdminToken(MOCK_JWT_SECRET, { org: backend.runtime.org.id, ttlSeconds: 3600, ...token });
    },
  };
}
