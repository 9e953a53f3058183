/**
 * Pull source: a paginated JSON REST API, Ypareo-style, read as a stream of one batch per page.
 *   GET {url}?page=N&limit=L  ->  {"total": N, "page": N, "limit": L, "contrats": [item, ...]}
 * Any failure throws a SourceError from the iteration, even after pages were handed over: the
 * run then fails as a whole, since a partial snapshot would archive the contracts not fetched.
 */
import type { PullSourceConfig } from '../../config/schema.ts';
import type { RecordStream, ReceivedRecord, Snapshot } from '../../core/types.ts';
import { SourceError, isPlainObject } from '../errors.ts';
import { checkParsedRecord, excerptOfParsed, RECORD_LIMITS, type RecordLimits } from '../limits.ts';
import { collectSnapshot, streamOnce } from '../stream.ts';
import { compileMapping, itemToRecord, ypareoMapping } from './ypareo.ts';

export type FetchFn = typeof fetch;

export interface PullOptions {
  /** First retry delay in ms, doubled at each retry. Tests set it near 0. */
  backoffBaseMs?: number;
  /** Upper bound of a server-requested wait (Retry-After), so one header cannot stall the nightly run. */
  maxRetryAfterMs?: number;
  /** Pages fetched at most before the run fails (5,000). Tests set it low. */
  maxPages?: number;
  /** Per-item bounds (RECORD_LIMITS). */
  limits?: RecordLimits;
}

/** A failure worth another attempt (network, timeout, 5xx, 429); anything else fails at once. */
class TransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Where we ask, without query string or credentials: messages and meta end up in logs and the UI. */
function publicUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function snippet(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

function describeNetworkError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return `pas de réponse en ${timeoutMs} ms`;
    if (err.name === 'AbortError') return 'requête interrompue';
    const cause = err.cause;
    const code = isPlainObject(cause) || cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
    if (code === 'ECONNREFUSED') return 'connexion refusée (ECONNREFUSED)';
    if (code === 'ENOTFOUND') return 'nom de serveur inconnu (ENOTFOUND)';
    if (typeof code === 'string') return `erreur réseau (${code})`;
    return `erreur réseau (${cause instanceof Error ? cause.message : err.message})`;
  }
  return `erreur réseau (${String(err)})`;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

interface Page {
  total: number | undefined;
  items: unknown[];
}

/** One request; throws TransientError to be retried, SourceError to stop. */
async function fetchPage(fetchFn: FetchFn, url: URL, page: number, cfg: PullSourceConfig): Promise<Page> {
  let response: Response;
  let text: string;
  try {
    // The timeout covers the body too: a server that stalls mid-body must not hang the run.
    response = await fetchFn(url, {
      headers: { Accept: 'application/json', ...cfg.headers },
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
    text = await response.text();
  } catch (err) {
    throw new TransientError(describeNetworkError(err, cfg.timeoutMs));
  }
  const where = `${publicUrl(url)}, page ${page}`;
  if (response.status === 429 || response.status >= 500) {
    throw new TransientError(
      `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      retryAfterMs(response.headers.get('retry-after')),
    );
  }
  if (!response.ok) {
    const hint = response.status === 401 || response.status === 403 ? ' : vérifiez la clé d’API (en-têtes configurés)' : '';
    throw new SourceError(`L’ERP a refusé la requête (${where}) : HTTP ${response.status}${hint}. Réponse : ${snippet(text) || '(vide)'}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type') ?? 'type inconnu';
    throw new SourceError(`Réponse inattendue de l’ERP (${where}) : ce n’est pas du JSON (${type}) : ${snippet(text) || '(vide)'}`);
  }
  if (!isPlainObject(body) || !Array.isArray(body.contrats)) {
    throw new SourceError(
      `Réponse inattendue de l’ERP (${where}) : un objet {"total", "contrats": [...]} est attendu, reçu : ${snippet(text)}`,
    );
  }
  const total = body.total;
  if (total !== undefined && (typeof total !== 'number' || !Number.isInteger(total) || total < 0)) {
    throw new SourceError(`Réponse inattendue de l’ERP (${where}) : "total" n’est pas un entier positif (${JSON.stringify(total)}).`);
  }
  return { total, items: body.contrats };
}

/**
 * Backstops of the page loop when the ERP never ends it (no total, never an empty page).
 * 20,000 contracts is a large CFA: ten times that is no snapshot. 5,000 pages still reads
 * 20,000 contracts at 4 per page.
 */
const MAX_PAGES = 5_000;
const MAX_RECORDS = 200_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function fetchPageWithRetries(
  fetchFn: FetchFn,
  url: URL,
  page: number,
  cfg: PullSourceConfig,
  opts: Required<PullOptions>,
): Promise<Page> {
  const attempts = cfg.retries + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchPage(fetchFn, url, page, cfg);
    } catch (err) {
      if (!(err instanceof TransientError)) throw err;
      if (attempt >= attempts) {
        throw new SourceError(
          `ERP injoignable : ${err.message} (${publicUrl(url)}, page ${page}) après ${attempts} ${attempts > 1 ? 'tentatives' : 'tentative'}.`,
          { cause: err },
        );
      }
      const backoff = opts.backoffBaseMs * 2 ** (attempt - 1);
      await sleep(Math.max(backoff, Math.min(err.retryAfterMs ?? 0, opts.maxRetryAfterMs)));
    }
  }
}

/** What identifies a page by its first item (an ERP ignoring `page` repeats it): bounded, never a recursive walk. */
function firstItemKey(item: unknown, limits: RecordLimits): string {
  return checkParsedRecord(item, limits) === undefined ? JSON.stringify(item) : `!${excerptOfParsed(item)}`;
}

export function pullRecordStream(cfg: PullSourceConfig, fetchFn: FetchFn = fetch, opts: PullOptions = {}): RecordStream {
  const options: Required<PullOptions> = {
    backoffBaseMs: 500,
    maxRetryAfterMs: 30_000,
    maxPages: MAX_PAGES,
    limits: RECORD_LIMITS,
    ...opts,
  };
  const meta: Record<string, string | number> = {};
  return streamOnce('pull', meta, async function* read(): AsyncGenerator<ReceivedRecord[]> {
    const mapping = compileMapping(cfg.mapping ?? ypareoMapping);
    let base: URL;
    try {
      base = new URL(cfg.url);
    } catch {
      throw new SourceError(`URL de l’ERP invalide : ${cfg.url}`);
    }
    let received = 0;
    let total: number | undefined;
    let pages = 0;
    let previousFirst: string | undefined;
    const where = publicUrl(base);
    const stopped = 'Import interrompu, aucun contrat modifié.';
    // Only an empty page, or the announced total, ends the snapshot. A short page does not: an ERP
    // capping pages below what we ask (without saying so) would otherwise stop us after page 1,
    // and every contract not read would be archived.
    for (let page = 1; ; page++) {
      if (page > options.maxPages || received > MAX_RECORDS) {
        throw new SourceError(
          `Pagination sans fin de l’ERP (${where}) : ${received} contrats en ${pages} pages sans page vide ni total atteint ` +
            `(au plus ${options.maxPages} pages, ${MAX_RECORDS} contrats). L’ERP ignore-t-il le paramètre "page" ? ${stopped}`,
        );
      }
      const url = new URL(base);
      url.searchParams.set('page', String(page));
      url.searchParams.set('limit', String(cfg.pageSize));
      const result = await fetchPageWithRetries(fetchFn, url, page, cfg, options);
      pages++;
      // The first page's total is the snapshot's size; later pages may drift if the ERP changes meanwhile.
      if (page === 1) total = result.total;
      if (result.items.length === 0) break;

      // An ERP that ignores `page` serves page 1 again and again: every record would then be a
      // duplicate (all rejected) and every contract not on page 1 archived.
      const first = firstItemKey(result.items[0], options.limits);
      if (first === previousFirst) {
        throw new SourceError(
          `Pagination incohérente de l’ERP (${where}) : la page ${page} commence par le même contrat que la page ${page - 1}, ` +
            `l’ERP ignore la pagination (paramètres "page" et "limit"). ${stopped}`,
        );
      }
      previousFirst = first;
      const batch = result.items.map((item, k) => itemToRecord(item, received + k, mapping, options.limits));
      received += batch.length;
      if (total !== undefined && received > total) {
        throw new SourceError(
          `Réponse incohérente de l’ERP (${where}) : ${received} contrats reçus en ${pages} page(s) pour ${total} annoncés ; ` +
            `des contrats seraient lus en double ou le total est faux (l’ERP ignore-t-il la pagination ?). ${stopped}`,
        );
      }
      yield batch;
      if (total !== undefined && received === total) break;
    }

    if (total !== undefined && received < total) {
      throw new SourceError(
        `Réponse incomplète de l’ERP (${where}) : ${received} contrats reçus sur ${total} annoncés en ${pages} page(s). ` +
          'Import interrompu pour ne pas archiver les contrats manquants.',
      );
    }
    Object.assign(meta, { url: where, pages, pageSize: cfg.pageSize, received });
    if (total !== undefined) meta.total = total;
  });
}

/** The whole pull as a Snapshot (the demo's seeding, tests). */
export function pullSource(cfg: PullSourceConfig, fetchFn: FetchFn = fetch, opts: PullOptions = {}): Promise<Snapshot> {
  return collectSnapshot(pullRecordStream(cfg, fetchFn, opts));
}
