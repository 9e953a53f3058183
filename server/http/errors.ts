/**
 * One error shape for every 4xx/5xx of the admin API: `{error: {code, message}}` (contract
 * `apiError`); the sync API answers in the public API's `{error, reason}` shape (`syncError`).
 * Routes throw HttpError (an HTTPException carrying a code); RunError from the runner is mapped
 * here; anything else is logged and answered as a bare 500 that leaks nothing.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { apiError, syncError } from '../../contract/index.ts';
import { RunError } from '../runner/runner.ts';
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
  return new HttpError(400, 'INVALID_PARAMETER', `Paramètre « ${name} » invalide : ${detail}`);
}

export function payloadTooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    'PAYLOAD_TOO_LARGE',
    `Corps de requête trop volumineux : la limite est de ${maxBytes} octets (${formatBytes(maxBytes)}).`,
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
};

export function runFailedMessage(runId: string | undefined): string {
  return `L'import${runId ? ` ${runId}` : ''} a échoué ; les données reçues sont conservées. Détails dans le journal du serveur.`;
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

function errorBody(code: string, message: string): apiError {
  return { error: { code, message } };
}

/**
 * The ERP-facing sync API keeps the public API's error shape, `{"error": "...", "reason": "..."}`,
 * which existing connectors parse (`code` is added for machines); the admin API uses apiError.
 */
function syncErrorBody(code: string, message: string): syncError & { code: string } {
  return { error: code.toLowerCase().replace(/_/g, ' '), reason: message, code };
}

function answer(c: Context, status: ContentfulStatusCode, code: string, message: string, headers?: Record<string, string>) {
  const body = c.req.path.startsWith('/api/sync/') ? syncErrorBody(code, message) : errorBody(code, message);
  return c.json(body, status, headers);
}

export function errorHandler(logger: HttpLogger): ErrorHandler {
  return (err, c) => {
    if (err instanceof HttpError) return answer(c, err.status, err.code, err.message, err.headers);
    if (err instanceof RunError) {
      if (err.code === 'SOURCE_FAILED') {
        // The cause may be internal (a database error): logged, not returned.
        logger.error(`run failed on ${c.req.method} ${c.req.path}`, err);
        return answer(c, 500, 'RUN_FAILED', runFailedMessage(err.runId));
      }
      return answer(c, runErrorStatus[err.code], err.code, err.message);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return answer(c, err.status, defaultCodes[err.status] ?? 'ERROR', err.message || 'Requête refusée');
    }
    logger.error(`unexpected error on ${c.req.method} ${c.req.path}`, err);
    return answer(c, 500, 'INTERNAL', 'Erreur interne');
  };
}

export const notFoundHandler: NotFoundHandler = (c) => answer(c, 404, 'NOT_FOUND', `Route inconnue : ${c.req.method} ${c.req.path}`);
