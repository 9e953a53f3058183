/**
 * The fake ERP's REST API as a plain function (browser-safe), Ypareo style:
 *   GET /r/v1/contrats?page=1&limit=200 (header X-Auth-Token) -> {total, page, limit, contrats}
 *   GET /r/v1/health -> {status, day, date}
 * The Node HTTP server (server.ts) and the in-process `fetch` of the browser mock (erpFetch)
 * both answer through it, so they cannot disagree.
 */
import type { FakeErp } from './types.ts';
import { toYpareo, type YpareoContrat } from './ypareo.ts';

export const DEFAULT_LIMIT = 200;
export const MAX_LIMIT = 1000;
export const CONTRATS_PATH = '/r/v1/contrats';

export interface ErpApiOptions {
  erp: FakeErp;
  apiKey: string;
  /** The day served (0 .. days-1). */
  day: () => number;
}

export interface ErpApiResponse {
  status: number;
  body: unknown;
}

export type ErpApi = (req: { method: string; url: URL; apiKey: string | null }) => ErpApiResponse;

function positiveInt(v: string | null, fallback: number): number | null {
  if (v === null || v === '') return fallback;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

export function createErpApi(opts: ErpApiOptions): ErpApi {
  const { erp } = opts;
  // One day's items kept: a pull reads every page of the same day; regenerating 20,000
  // contracts per page would make a full read quadratic.
  let cached: { day: number; items: YpareoContrat[] } | null = null;
  const itemsOf = (day: number) => {
    if (cached?.day !== day) cached = { day, items: erp.snapshot(day).map(toYpareo) };
    return cached.items;
  };

  return ({ method, url, apiKey }) => {
    if (method !== 'GET') return { status: 405, body: { error: 'method not allowed' } };
    if (url.pathname === '/r/v1/health') {
      const day = opts.day();
      return { status: 200, body: { status: 'ok', day, date: erp.dateOf(day) } };
    }
    if (url.pathname !== CONTRATS_PATH) return { status: 404, body: { error: 'not found' } };
    if (apiKey !== opts.apiKey) return { status: 401, body: { error: 'invalid token', reason: 'X-Auth-Token manquant ou invalide' } };
    const page = positiveInt(url.searchParams.get('page'), 1);
    const limit = positiveInt(url.searchParams.get('limit'), DEFAULT_LIMIT);
    if (page === null || limit === null || limit > MAX_LIMIT) {
      return { status: 400, body: { error: 'bad request', reason: `page >= 1 et 1 <= limit <= ${MAX_LIMIT} attendus` } };
    }
    const items = itemsOf(opts.day());
    return { status: 200, body: { total: items.length, page, limit, contrats: items.slice((page - 1) * limit, page * limit) } };
  };
}

/**
 * A `fetch` that answers from the fake ERP in-process: the pull source runs unchanged in the
 * browser mock without a port. `unreachable()` returning true makes it fail like a refused
 * connection (what undici throws), to stage "ERP injoignable".
 */
export function erpFetch(api: ErpApi, opts: { unreachable?: () => boolean } = {}): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (opts.unreachable?.()) {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }
    const res = api({ method: request.method, url: new URL(request.url), apiKey: request.headers.get('x-auth-token') });
    return new Response(JSON.stringify(res.body), { status: res.status, headers: { 'content-type': 'application/json; charset=utf-8' } });
  };
}
