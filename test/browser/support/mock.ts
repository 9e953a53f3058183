/**
 * The browser tests' API: the REAL server app over the in-memory store, seeded through the real
 * runner, inside MSW (mock-api/browser.ts), with a fixed "today" so dates and data are the same
 * at every run. Tests ask that same app what to expect (`client`), and stage what it cannot
 * produce on demand (a slow, malformed or failing answer) with `mock.override(...)`, dropped
 * after each test.
 */
import { startMockApi, type MockApi, type MockApiOptions } from '../../../mock-api/browser.ts';
import { ADMIN_BASE } from '../../../mock-api/handlers.ts';
import { createApiClient, type ApiClient } from '../../../widget/shared/api-client.ts';

export { delay, http, HttpResponse } from 'msw';
export type { MockApi };

/** The last seeded day: a Thursday in winter (Paris is UTC+1). */
export const TODAY = '2026-03-12';

/** The page's own fetch, before a test watches it: the tests' questions to the app are not the widget's requests. */
const pageFetch = window.fetch.bind(window);

/** Every admin API path, for overrides (`${API}/contracts`). */
export const API = `*${ADMIN_BASE}`;

export interface TestBackend {
  mock: MockApi;
  /** A client of the same app with the admin token: what the widgets should show, asked of the API. */
  client: ApiClient;
}

/** Starts the mock once for a test file and drops the overrides after each test. */
export function useMockApi(opts: MockApiOptions = {}): TestBackend {
  const backend = {} as TestBackend;
  before(async function () {
    // Seeding runs the real pipeline day after day: a moment on two cores.
    this.timeout(120_000);
    backend.mock = await startMockApi({ scenario: 'normal', today: TODAY, ...opts });
    backend.client = createApiClient({ getToken: () => backend.mock.token, fetch: pageFetch });
  });
  afterEach(() => backend.mock.resetOverrides());
  after(() => backend.mock?.stop());
  return backend;
}
