/**
 * Typed client of the admin API (/api/erp-sync). Every method takes an AbortSignal (pass the
 * @lit/task signal so a superseded request is cancelled), validates the body with the
 * contract's zod/mini schema and throws only `ApiError` (or the signal's AbortError):
 *
 * - 4xx/5xx            -> ApiError { status, code, message } from the `{error:{code,message}}` body
 * - malformed response -> ApiError { status, code: 'BAD_RESPONSE' } (never a crash further down)
 * - network failure    -> ApiError { status: 0, code: 'NETWORK' }
 * - token function threw -> ApiError { status: 401, code: 'TOKEN_UNAVAILABLE' }
 */
import {
  contractDetail,
  contractList,
  historyDayChanges,
  historyDays,
  runAccepted,
  summary,
  trend,
  type changeKind,
  type contractSort,
  type contractStatus,
  type ReasonCode,
} from '../../server/contract/index.ts';
import { apiError } from '../../server/contract/api.ts';

export const DEFAULT_API_BASE = '/api/erp-sync';

/** A token, or a function returning a fresh one (called before every request). */
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

export interface ContractsParams {
  status: contractStatus;
  q?: string;
  reason?: ReasonCode;
  formation?: string;
  sort?: contractSort;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
  lang?: 'fr' | 'en';
}

export interface HistoryParams {
  limit?: number;
  before?: string;
  from?: string;
  /** Only days with a change matching this search, their counts counting only those. */
  q?: string;
  /** Only days with a change of this kind, counted alone. */
  kind?: changeKind;
}

export interface HistoryDayParams {
  q?: string;
  kind?: changeKind;
  limit?: number;
  offset?: number;
  lang?: 'fr' | 'en';
}

export interface ApiClientOptions {
  /** Base URL of the admin API, without trailing slash needed. */
  apiBase?: string;
  token?: TokenSource;
  /** Injected for tests or custom transports; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface CsvDownload {
  blob: Blob;
  /** From Content-Disposition; null when the server gave none (the caller names the file). */
  filename: string | null;
}

/** A zod/mini schema, narrowed to what the client needs. */
interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

type Query = Record<string, string | number | undefined>;

export interface ApiClient {
  readonly apiBase: string;
  summary(signal?: AbortSignal): Promise<summary>;
  contracts(params: ContractsParams, signal?: AbortSignal): Promise<contractList>;
  contract(code: string, signal?: AbortSignal): Promise<contractDetail>;
  history(params: HistoryParams, signal?: AbortSignal): Promise<historyDays>;
  historyDay(date: string, params: HistoryDayParams, signal?: AbortSignal): Promise<historyDayChanges>;
  trend(days: number, signal?: AbortSignal): Promise<trend>;
  startRun(signal?: AbortSignal): Promise<runAccepted>;
  approveRun(runId: string, signal?: AbortSignal): Promise<runAccepted>;
  /** The CSV export's URL (it needs the Authorization header: use downloadCsv to fetch it). */
  csvUrl(params: ContractsParams): string;
  /** Fetches the CSV export with the token; the caller saves the Blob (see saveBlob). */
  downloadCsv(params: ContractsParams, signal?: AbortSignal): Promise<CsvDownload>;
}

function queryString(params: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    // Empty strings are dropped: `q=` would make the server filter on nothing for no reason.
    if (value === undefined || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (error instanceof DOMException && error.name === 'AbortError');
}

function filenameOf(disposition: string | null): string | null {
  const match = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const apiBase = (options.apiBase || DEFAULT_API_BASE).replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function headers(extra: Record<string, string>): Promise<Headers> {
    const h = new Headers(extra);
    const source = options.token;
    let token: string | undefined;
    try {
      token = typeof source === 'function' ? await source() : source;
    } catch (error) {
      // No token means the server would answer 401: report it the same way.
      throw new ApiError(401, 'TOKEN_UNAVAILABLE', error instanceof Error ? error.message : String(error));
    }
    if (token) h.set('Authorization', `Bearer ${token}`);
    return h;
  }

  async function send(method: string, path: string, accept: string, signal?: AbortSignal): Promise<Response> {
    let response: Response;
    const h = await headers({ Accept: accept });
    // The token function may have taken a while: a search superseded meanwhile stops here.
    signal?.throwIfAborted();
    try {
      response = await doFetch(`${apiBase}${path}`, { method, headers: h, signal });
    } catch (error) {
      if (isAbort(error, signal)) throw error;
      throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  async function errorOf(response: Response): Promise<ApiError> {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // A proxy's HTML error page: keep the status, invent nothing.
    }
    const parsed = apiError.safeParse(body);
    if (parsed.success) return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
    return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
  }

  async function json<T>(method: string, path: string, schema: Schema<T>, signal?: AbortSignal): Promise<T> {
    const response = await send(method, path, 'application/json', signal);
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (isAbort(error, signal)) throw error;
      throw new ApiError(response.status, 'BAD_RESPONSE', 'Response is not JSON');
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiError(response.status, 'BAD_RESPONSE', `Unexpected response from ${path}`);
    return parsed.data;
  }

  function contractsQuery(params: ContractsParams): string {
    return queryString({ ...params });
  }

  const enc = encodeURIComponent;

  return {
    apiBase,
    summary: (signal) => json('GET', '/summary', summary, signal),
    contracts: (params, signal) => json('GET', `/contracts${contractsQuery(params)}`, contractList, signal),
    contract: (code, signal) => json('GET', `/contracts/${enc(code)}`, contractDetail, signal),
    history: (params, signal) => json('GET', `/history${queryString({ ...params })}`, historyDays, signal),
    historyDay: (date, params, signal) =>
      json('GET', `/history/${enc(date)}${queryString({ ...params })}`, historyDayChanges, signal),
    trend: (days, signal) => json('GET', `/history/trend${queryString({ days })}`, trend, signal),
    startRun: (signal) => json('POST', '/runs', runAccepted, signal),
    approveRun: (runId, signal) => json('POST', `/runs/${enc(runId)}/approve`, runAccepted, signal),
    csvUrl: (params) => `${apiBase}/contracts.csv${contractsQuery(params)}`,
    async downloadCsv(params, signal) {
      const response = await send('GET', `/contracts.csv${contractsQuery(params)}`, 'text/csv', signal);
      const blob = await response.blob();
      return { blob, filename: filenameOf(response.headers.get('Content-Disposition')) };
    },
  };
}
