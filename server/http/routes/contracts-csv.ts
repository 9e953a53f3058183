/**
 * GET /contracts.csv: the filtered list as a CSV for French Excel (see ../csv.ts), every page of
 * the filter, streamed PAGE_MAX rows at a time. The first page is read before answering so a
 * store failure is still a proper 500; later failures abort the stream. Ready for Excel: dates
 * as dd/mm/yyyy, SIRET and codes kept as text, since when the contract is in its status, whether
 * a valid version stays on the platform, and a file name that says what it holds.
 */
import { Hono } from 'hono';
import {
  PAGE_MAX,
  type contractField,
  contractFields,
  contractsQuery,
  dateFields,
  fieldLabels,
  type lang,
  reasonMessage,
} from '../../../contract/index.ts';
import type { ContractRow, ContractsFilter } from '../../store/store.ts';
import { CSV_BOM, csvCell, csvLine, csvRow, csvTextCell, frenchDay } from '../csv.ts';
import { languageOf } from '../lang.ts';
import { parisDay, query } from '../query.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';

const extraHeaders: Record<lang, { since: string; validVersion: string; reasons: string }> = {
  fr: { since: 'Depuis le', validVersion: 'Version valide sur la plateforme', reasons: 'Motifs' },
  en: { since: 'Since', validVersion: 'Valid version on the platform', reasons: 'Reasons' },
};
const yesNo: Record<lang, [string, string]> = { fr: ['oui', 'non'], en: ['yes', 'no'] };

/** Codes, SIRET, RNCP: identifiers Excel must not read as numbers. */
const TEXT_FIELDS = new Set<contractField>(contractFields.filter((f) => f.startsWith('code') || f === 'siretEntreprise' || f === 'rncp'));

function headerRow(lang: lang): string {
  const x = extraHeaders[lang];
  return csvRow([...contractFields.map((f) => fieldLabels[lang][f]), x.since, x.validVersion, x.reasons]);
}

function cellOf(field: contractField, value: string): string {
  if (dateFields.includes(field)) return csvCell(frenchDay(value));
  return TEXT_FIELDS.has(field) ? csvTextCell(value) : csvCell(value);
}

/** The Paris day of an instant: a contract rejected at 00:30 in Paris was rejected that day, not the UTC day before. */
function dayOfInstant(value: string): string {
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : parisDay(at);
}

function contractRow(row: ContractRow, lang: lang): string {
  return csvLine([
    ...contractFields.map((f) => cellOf(f, row.data[f] ?? '')),
    csvCell(frenchDay(dayOfInstant(row.since))),
    csvCell(yesNo[lang][row.hasValidVersion || row.status === 'integrated' ? 0 : 1]),
    csvCell(row.reasons.map((r) => reasonMessage(r, lang)).join(' | ')),
  ]);
}

const statusWords: Record<lang, Record<ContractsFilter['status'], string>> = {
  fr: { integrated: 'integres', rejected: 'non-integres', archived: 'archives' },
  en: { integrated: 'integrated', rejected: 'not-integrated', archived: 'archived' },
};

/** « erp-sync-non-integres-motif-EMAIL_CONFLICT-recherche-dupont-2026-01-15.csv »: what, filtered how, when. */
function fileName(filter: ContractsFilter, lang: lang, day: string): string {
  const slug = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/gi, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40);
  const parts = ['erp-sync', statusWords[lang][filter.status]];
  if (filter.reason) parts.push(lang === 'fr' ? 'motif' : 'reason', filter.reason);
  if (filter.formation) parts.push('formation', slug(filter.formation));
  if (filter.q && slug(filter.q) !== '') parts.push(lang === 'fr' ? 'recherche' : 'search', slug(filter.q));
  parts.push(day);
  return `${parts.filter((p) => p !== '').join('-')}.csv`;
}

export function contractsCsvRoutes({ store, now, logger }: RouteDeps) {
  return new Hono<OrgEnv>().get('/', query(contractsQuery), async (c) => {
    // limit/offset are validated but the export is always the whole filter.
    const { lang: _lang, limit: _limit, offset: _offset, ...rest } = c.req.valid('query');
    const lang = languageOf(c.get('language'));
    const orgId = c.get('org').id;
    const filter: ContractsFilter = { ...rest, limit: PAGE_MAX, offset: 0 };
    const first = await store.listContracts(orgId, filter);
    const total = first.total;
    const encoder = new TextEncoder();
    let offset = 0;
    let pending: ContractRow[] | null = first.items;

    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + headerRow(lang)));
      },
      async pull(controller) {
        let items: ContractRow[];
        try {
          items = pending ?? (await store.listContracts(orgId, { ...filter, offset })).items;
        } catch (err) {
          logger.error(`CSV export aborted at offset ${offset}`, err);
          controller.error(err);
          return;
        }
        pending = null;
        if (items.length > 0) controller.enqueue(encoder.encode(items.map((r) => contractRow(r, lang)).join('')));
        offset += items.length;
        if (items.length < PAGE_MAX || offset >= total) controller.close();
      },
    });
    const filename = fileName(filter, lang, parisDay(now()));
    return c.body(body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    });
  });
}
