/**
 * MSW handlers that hand every API request to the REAL Hono app (`app.fetch`), so the mock
 * answers exactly what the server would: same routes, validation, errors and shapes.
 * Only the `slow` scenario adds something of its own: a delay. Browser-safe.
 */
import { delay, http, type HttpHandler } from 'msw';
import type { MockBackend } from './scenarios.ts';

export const ADMIN_BASE = '/api/erp-sync';
export const SYNC_BASE = '/api/sync';

export interface HandlerOptions {
  backend: MockBackend;
  /** Where the page calls the admin API, if not at /api/erp-sync (the path is mapped back). */
  apiBase?: string;
}

/** The request with its path moved from `from` to `to` (same method, headers and body). */
export function rebase(request: Request, from: string, to: string): Request {
  if (from === to) return request;
  const url = new URL(request.url);
  url.pathname = to + url.pathname.slice(from.length);
  return new Request(url, request);
}

export function createHandlers(opts: HandlerOptions): HttpHandler[] {
  const { backend } = opts;
  const apiBase = (opts.apiBase ?? ADMIN_BASE).replace(/\/+$/, '');
  return [
    http.all(`*${apiBase}/*`, async ({ request }) => {
      if (backend.spec.delayMs > 0) await delay(backend.spec.delayMs);
      return backend.app.fetch(rebase(request, apiBase, ADMIN_BASE));
    }),
    // The ERP-facing sync API of the same app (push, diff, test), for demos of a push source.
    http.all(`*${SYNC_BASE}/*`, ({ request }) => backend.app.fetch(request)),
  ];
}
