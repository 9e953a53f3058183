/**
 * One error shape for every 4xx/5xx of the admin API: `{error: {code, message}}` (contract
 * `apiError`); the sync API answers in the public API's `{error, reason}` shape (`syncError`).
 * Routes throw HttpError (an HTTPException carrying a code); RunError from the runner is mapped
 * here; anything else is logged and answered as a bare 500 that leaks nothing. Which shape is
 * the sub-app's choice (its onError), never a test of the path.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { apiError, syncError } from '../../contract/index.ts';
import { RunError } from '../runner/runner.ts';
import { StoreBusyError } from '../store/store.ts';
import type { HttpLogger } from './types.ts';

export class HttpError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message });
    this.name = 'HttpError';
  }
}

export const badRequest = (code: string, message: string) => new HttpError(400, code, message);
export const notFound = (message: string) => new HttpError(404, 'NOT_FOUND', message);

/** A query or path parameter that does not fit its schema; the message names it. */
export function invalidParameter(name: string, detail: string): HttpError {
  return new HttpError(400, 'INVALID_PARAMETER', `Paramètre « ${name} » invalide : ${detail}`);
}

export function payloadTooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    'PAYLOAD_TOO_LARGE',
    `Corps de requête trop volumineux : la limite est de ${maxBytes} octets (${formatBytes(maxBytes)}).`,
  );
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} Mio`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} Kio`;
  return `${n} o`;
}

const runErrorStatus: Record<Exclude<RunError['code'], 'SOURCE_FAILED'>, ContentfulStatusCode> = {
  ORG_UNKNOWN: 404,
  RUN_IN_PROGRESS: 409,
  NOT_RUNNABLE: 409,
  RUN_NOT_FOUND: 404,
  RUN_NOT_HELD: 409,
  RUN_NOT_RUNNING: 409,
  INVALID_BODY: 400,
  INVALID_ENCODING: 400,
  PAYLOAD_TOO_LARGE: 413,
  SHUTTING_DOWN: 503,
};

export function runFailedMessage(runId: string | undefined): string {
  return `L’import${runId ? ` ${runId}` : ''} a échoué ; les données reçues sont conservées. Détails dans le journal du serveur.`;
}

const defaultCodes: Partial<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

interface Problem {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** Any thrown value as the problem to answer; unexpected errors are logged and leak nothing. */
function problemOf(err: Error, c: Context, logger: HttpLogger): Problem {
  if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message, headers: err.headers };
  if (err instanceof RunError) {
    if (err.code === 'SOURCE_FAILED') {
      // The cause may be internal (a database error): logged, not returned.
      logger.error(`run failed on ${c.req.method} ${c.req.path}`, err);
      return { status: 500, code: 'RUN_FAILED', message: runFailedMessage(err.runId) };
    }
    // The running run's id, so a caller refused with 409 knows which run to follow.
    const headers: Record<string, string> = err.code === 'SHUTTING_DOWN' ? { 'Retry-After': '30' } : {};
    if (err.runId && err.code === 'RUN_IN_PROGRESS') headers['X-Run-Id'] = err.runId;
    return { status: runErrorStatus[err.code], code: err.code, message: err.message, headers };
  }
  if (err instanceof StoreBusyError) {
    return { status: 503, code: 'BUSY', message: err.message, headers: { 'Retry-After': String(err.retryAfterSeconds) } };
  }
  if (err instanceof HTTPException && err.status < 500) {
    return { status: err.status, code: defaultCodes[err.status] ?? 'ERROR', message: err.message || 'Requête refusée' };
  }
  logger.error(`unexpected error on ${c.req.method} ${c.req.path}`, err);
  return { status: 500, code: 'INTERNAL', message: 'Erreur interne' };
}

/** The admin API's (and the app's) error answers: `{error: {code, message}}` (contract apiError). */
export function adminErrorHandler(logger: HttpLogger): ErrorHandler {
  return (err, c) => {
    const p = problemOf(err, c, logger);
    return c.json<apiError>({ error: { code: p.code, message: p.message } }, p.status, p.headers);
  };
}

/**
 * The ERP-facing sync API keeps the public API's error shape, `{"error": "...", "reason": "..."}`,
 * which existing connectors parse (`code` is added for machines). Set as the sync sub-app's own
 * onError: Hono's route() runs a sub-app's handlers under its error handler.
 */
export function syncErrorHandler(logger: HttpLogger): ErrorHandler {
  return (err, c) => {
    const p = problemOf(err, c, logger);
    return c.json<syncError & { code: string }>(
      { error: p.code.toLowerCase().replace(/_/g, ' '), reason: p.message, code: p.code },
      p.status,
      p.headers,
    );
  };
}

export const routeNotFound = (method: string, path: string) => notFound(`Route inconnue : ${method} ${path}`);
