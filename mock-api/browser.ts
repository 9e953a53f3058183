/**
 * The mock API in the browser: MSW's service worker answers /api/erp-sync/* with the real
 * Hono app over a seeded in-memory store. The worker script must be served at the site root
 * (/mockServiceWorker.js): registered from a subpath it starts and intercepts nothing.
 */
import { setupWorker } from 'msw/browser';
import { startWith, type MockApi, type MockApiOptions } from './controller.ts';

export type { MockApi, MockApiOptions } from './controller.ts';
export { scenarioNames, type ScenarioName } from './scenarios.ts';

export function startMockApi(opts: MockApiOptions = {}): Promise<MockApi> {
  const worker = setupWorker();
  return startWith(
    {
      async start(handlers) {
        // Initial handlers (not `use`d ones), so `restore()` keeps them.
        worker.resetHandlers(...handlers);
        await worker.start({
          serviceWorker: { url: '/mockServiceWorker.js' },
          quiet: true,
          // Pages, scripts and styles go to the network as usual.
          onUnhandledRequest: 'bypass',
        });
      },
      reset: (handlers) => worker.resetHandlers(...handlers),
      use: (handlers) => worker.use(...handlers),
      restore: () => worker.resetHandlers(),
      stop: () => worker.stop(),
    },
    opts,
  );
}
