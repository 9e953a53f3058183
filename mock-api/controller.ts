/**
 * What browser.ts (setupWorker) and node.ts (setupServer) share: build a scenario, install its
 * handlers, switch scenarios. Browser-safe.
 */
import type { HttpHandler } from 'msw';
import { createHandlers } from './handlers.ts';
import { buildScenario, type BuildOptions, type MockBackend, type ScenarioName } from './scenarios.ts';

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
  /** Switches to another scenario (rebuilt from scratch). */
  use(scenario: ScenarioName): Promise<void>;
}

/** The MSW side: setupWorker's or setupServer's handler list and teardown. */
export interface MswAdapter {
  start(handlers: HttpHandler[]): Promise<void>;
  reset(handlers: HttpHandler[]): void;
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
    async use(scenario) {
      backend = await buildScenario(scenario, opts);
      adapter.reset(createHandlers({ backend, apiBase: opts.apiBase }));
    },
  };
}
