/**
 * The mock API under Node (tests): MSW's setupServer intercepts the global fetch. Requests
 * must use absolute URLs, e.g. http://localhost/api/erp-sync/summary.
 */
import { setupServer } from 'msw/node';
import { startWith, type MockApi, type MockApiOptions } from './controller.ts';

export type { MockApi, MockApiOptions } from './controller.ts';
export { scenarioNames, type ScenarioName } from './scenarios.ts';

export function startMockApi(opts: MockApiOptions & { onUnhandledRequest?: 'bypass' | 'warn' | 'error' } = {}): Promise<MockApi> {
  const server = setupServer();
  return startWith(
    {
      async start(handlers) {
        // Initial handlers (not `use`d ones), so `restore()` keeps them.
        server.resetHandlers(...handlers);
        server.listen({ onUnhandledRequest: opts.onUnhandledRequest ?? 'bypass' });
      },
      reset: (handlers) => server.resetHandlers(...handlers),
      use: (handlers) => server.use(...handlers),
      restore: () => server.resetHandlers(),
      stop: () => server.close(),
    },
    opts,
  );
}
