/**
 * What the API client needs once a response has arrived, fetched with the first request, beside
 * it, as one file of the bundle: the contract's zod/mini schemas (every body is checked before
 * anything reads it), reading a body or an error body, a CSV download's file name, and the French
 * reason sentences' templates (a reason only ever arrives in a response). The first paint does
 * without all of it.
 */
import { apiError } from '../../contract/api.ts';
import { ApiError, isAbortError } from './api-client.ts';

// The schemas of the responses the widgets read, by name: the contract's others (the sync API's,
// queries) are left out of this file by the bundler.
export {
  contractDetail,
  contractList,
  heldPreview,
  historyDayChanges,
  historyDays,
  runAccepted,
  runSummary,
  summary,
  trend,
} from '../../contract/api.ts';
export { frReasonTemplates } from '../../contract/i18n/fr.ts';

/** What a response's body is checked with: a schema of the contract, narrowed to what is read. */
export interface Checker<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** An error response as an ApiError: the server's code and message when its body says them, else the status. */
export async function errorOf(response: Response): Promise<ApiError> {
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

/** A successful response's body, checked; BAD_RESPONSE when it is not JSON or not what the contract says. */
export async function bodyOf<T>(response: Response, schema: Checker<T>, path: string, signal?: AbortSignal): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (signal?.aborted || isAbortError(error)) throw error;
    throw new ApiError(response.status, 'BAD_RESPONSE', 'Response is not JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(response.status, 'BAD_RESPONSE', `Unexpected response from ${path}`);
  return parsed.data;
}

/** The file name a Content-Disposition header gives; null without one. */
export function filenameOf(disposition: string | null): string | null {
  const match = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
