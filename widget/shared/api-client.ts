/**
 * Typed client of the admin API (/api/erp-sync). Every method takes an AbortSignal (pass the
 * @lit/task signal so a superseded request is cancelled), validates the body with the
 * contract's zod/mini schema and throws only `ApiError` (or the signal's AbortError):
 *
 * - 4xx/5xx            -> ApiError { status, code, message } from the `{error:{code,message}}` body
 * - malformed response -> ApiError { status, code: 'BAD_RESPONSE' } (never a crash further down)
 * - network failure    -> ApiError { status: 0, code: 'NETWORK' }
 * - token function threw -> ApiError { status: 401, code: 'TOKEN_UNAVAILABLE' }
 *
 * The schemas (and zod), with what reads a response and the French reason sentences
 * (api-responses.ts), are fetched with the first request, side by side with it, not with the
 * page: nothing needs them before a response arrives, and the first paint does not wait for
 * them. Every response is still checked before anything reads it.
 *
 * Tokens: a string is sent as is. A function is called once per client and its token cached
 * (concurrent requests share one in-flight call); a 401 drops the cache and that request is
 * retried ONCE with a fresh token. Pass `getToken` instead of `token` to read the current source
 * at each request, so a host rotating its token does not need a new client.
 */
import type { z } from 'zod/mini';
import type {
  contractDetail,
  contractList,
  contractsQuery,
  heldPreview,
  heldPreviewQuery,
  historyDayChanges,
  historyDayQuery,
  historyDays,
  historyQuery,
  runAccepted,
  runSummary,
  summary,
  trend,
  trendQuery,
} from '../../contract/api.ts';
import { useFrenchReasons } from './i18n/reason-templates.ts';

/** The contract's schemas and what reads a response (api-responses.ts), as the client picks them. */
type Schemas = typeof import('./api-responses.ts');

let schemas: Promise<Schemas> | undefined;

/** The contract's schemas and zod, fetched once, by the first request that needs them. */
function loadSchemas(): Promise<Schemas> {
  schemas ??= import('./api-responses.ts').then(
    (m) => {
      useFrenchReasons(m.frReasonTemplates);
      return m;
    },
    (error: unknown) => {
      schemas = undefined;
      throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
    },
  );
  return schemas;
}

export const DEFAULT_API_BASE = '/api/erp-sync';

/** A token, or a function returning a fresh one (called when the client has none cached, or after a 401). */
export type TokenSource = string | (() => Promise<string>);

export class ApiError extends Error {
  /** HTTP status; 0 when no response was received. */
  readonly status: number;
  /** The server's error code ('UNAUTHORIZED', 'NOT_FOUND'...), or 'NETWORK' / 'BAD_RESPONSE'. */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  /** 401/403: the user must sign in again or lacks rights; retrying will not help. */
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** 401/403: the user must sign in again or lacks rights; retrying will not help. */
export function isAuthError(error: unknown): error is ApiError {
  return error instanceof ApiError && error.isAuth;
}

/** A request cancelled on purpose (a superseded search, a closed day): no failure to report. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** What GET /contracts accepts: the input of the contract's own query schema, never a copy. */
export type contractsParams = z.input<typeof contractsQuery>;
/** What GET /runs/:id/preview accepts. */
export type heldPreviewParams = z.input<typeof heldPreviewQuery>;
/** What GET /history accepts. */
export type historyParams = z.input<typeof historyQuery>;
/** What GET /history/:date accepts. */
export type historyDayParams = z.input<typeof historyDayQuery>;
/** What GET /history/trend accepts. */
export type trendParams = z.input<typeof trendQuery>;

export interface ApiClientOptions {
  /** Base URL of the admin API, without trailing slash needed. */
  apiBase?: string;
  token?: TokenSource;
  /**
   * Reads the current token source at each request (wins over `token`): the client keeps its
   * identity when the host's token changes. `undefined` or `''` sends no Authorization header.
   */
  getToken?: () => TokenSource | undefined;
  /** Injected for tests or custom transports; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface CsvDownload {
  blob: Blob;
  /** From Content-Disposition; null when the server gave none (the caller names the file). */
  filename: string | null;
}

/** A zod/mini schema, narrowed to what the client needs, picked from the contract's. */
type Schema<T> = (s: Schemas) => { safeParse(data: unknown): { success: true; data: T } | { success: false } };

export interface ApiClient {
  readonly apiBase: string;
  summary(signal?: AbortSignal): Promise<summary>;
  contracts(params: contractsParams, signal?: AbortSignal): Promise<contractList>;
  contract(code: string, signal?: AbortSignal): Promise<contractDetail>;
  history(params: historyParams, signal?: AbortSignal): Promise<historyDays>;
  historyDay(date: string, params: historyDayParams, signal?: AbortSignal): Promise<historyDayChanges>;
  trend(params: trendParams, signal?: AbortSignal): Promise<trend>;
  startRun(signal?: AbortSignal): Promise<runAccepted>;
  approveRun(runId: string, signal?: AbortSignal): Promise<runAccepted>;
  /** Stops a run stuck as running; nothing of it is applied. */
  abandonRun(runId: string, signal?: AbortSignal): Promise<runSummary>;
  /** What approving a held run would do: the contracts it would archive or change, paged and searchable. */
  heldPreview(runId: string, params: heldPreviewParams, signal?: AbortSignal): Promise<heldPreview>;
  /** The CSV export's URL (it needs the Authorization header: use downloadCsv to fetch it). */
  csvUrl(params: contractsParams): string;
  /** Fetches the CSV export with the token; the caller saves the Blob (see saveBlob). */
  downloadCsv(params: contractsParams, signal?: AbortSignal): Promise<CsvDownload>;
}

function queryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as [string, unknown][]) {
    // Empty strings are dropped: `q=` would make the server filter on nothing for no reason.
    if (value === undefined || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const apiBase = (options.apiBase || DEFAULT_API_BASE).replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  const readSource = (): TokenSource | undefined => (options.getToken ? options.getToken() : options.token);

  /** The cached token of a function source, and which source it came from. */
  let cached: { source: TokenSource; token: string } | null = null;
  let inflight: { source: TokenSource; promise: Promise<string> } | null = null;

  async function tokenOf(source: TokenSource | undefined): Promise<string | undefined> {
    if (typeof source !== 'function') return source;
    if (cached?.source === source) return cached.token;
    if (inflight?.source !== source) {
      const call = { source, promise: source() };
      inflight = call;
      call.promise.then(
        (token) => {
          if (inflight === call) inflight = null;
          // Only a still-current source's token is kept (the host may have replaced it meanwhile).
          if (readSource() === source) cached = { source, token };
        },
        () => {
          if (inflight === call) inflight = null;
        },
      );
    }
    try {
      return await inflight.promise;
    } catch (error) {
      // No token means the server would answer 401: report it the same way.
      throw new ApiError(401, 'TOKEN_UNAVAILABLE', error instanceof Error ? error.message : String(error));
    }
  }

  async function send(method: string, path: string, accept: string, signal?: AbortSignal): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      const source = readSource();
      const token = await tokenOf(source);
      // The token function may have taken a while: a search superseded meanwhile stops here.
      signal?.throwIfAborted();
      const h = new Headers({ Accept: accept });
      if (token) h.set('Authorization', `Bearer ${token}`);
      let response: Response;
      try {
        response = await doFetch(`${apiBase}${path}`, { method, headers: h, signal });
      } catch (error) {
        if (signal?.aborted || isAbortError(error)) throw error;
        throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
      }
      if (response.status === 401 && typeof source === 'function') {
        // The cached token expired or was revoked: forget it (unless a newer one replaced it).
        if (cached?.source === source && cached.token === token) cached = null;
        if (attempt === 0) continue;
      }
      if (!response.ok) throw await errorOf(response);
      return response;
    }
  }

  async function errorOf(response: Response): Promise<ApiError> {
    // Without the schemas (their file could not be fetched) the body is not trusted: status only.
    return loadSchemas().then(
      (s) => s.errorOf(response),
      () => new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`),
    );
  }

  async function json<T>(method: string, path: string, schema: Schema<T>, signal?: AbortSignal): Promise<T> {
    const checker = loadSchemas();
    // Unhandled until awaited below, if the request fails first: that rejection is the one reported.
    checker.catch(() => undefined);
    const response = await send(method, path, 'application/json', signal);
    const s = await checker;
    return s.bodyOf(response, schema(s), path, signal);
  }

  const enc = encodeURIComponent;

  return {
    apiBase,
    summary: (signal) => json('GET', '/summary', (s) => s.summary, signal),
    contracts: (params, signal) => json('GET', `/contracts${queryString(params)}`, (s) => s.contractList, signal),
    contract: (code, signal) => json('GET', `/contracts/${enc(code)}`, (s) => s.contractDetail, signal),
    history: (params, signal) => json('GET', `/history${queryString(params)}`, (s) => s.historyDays, signal),
    historyDay: (date, params, signal) => json('GET', `/history/${enc(date)}${queryString(params)}`, (s) => s.historyDayChanges, signal),
    trend: (params, signal) => json('GET', `/history/trend${queryString(params)}`, (s) => s.trend, signal),
    startRun: (signal) => json('POST', '/runs', (s) => s.runAccepted, signal),
    approveRun: (runId, signal) => json('POST', `/runs/${enc(runId)}/approve`, (s) => s.runAccepted, signal),
    abandonRun: (runId, signal) => json('POST', `/runs/${enc(runId)}/abandon`, (s) => s.runSummary, signal),
    heldPreview: (runId, params, signal) => json('GET', `/runs/${enc(runId)}/preview${queryString(params)}`, (s) => s.heldPreview, signal),
    csvUrl: (params) => `${apiBase}/contracts.csv${queryString(params)}`,
    async downloadCsv(params, signal) {
      const response = await send('GET', `/contracts.csv${queryString(params)}`, 'text/csv', signal);
      const disposition = response.headers.get('Content-Disposition');
      // Without the schemas' file the download still stands: the caller names it.
      const [blob, filename] = await Promise.all([
        response.blob(),
        loadSchemas().then(
          (s) => s.filenameOf(disposition),
          () => null,
        ),
      ]);
      return { blob, filename };
    },
  };
}
