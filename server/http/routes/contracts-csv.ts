/**
 * GET /contracts.csv: the filtered list as a CSV for French Excel (see ../csv.ts), every page of
 * the filter, streamed PAGE_MAX rows at a time. The first page is read before answering so a
 * store failure is still a proper 500; later failures abort the stream.
 */
import { Hono } from 'hono';
import { PAGE_MAX, contractFields, contractsQuery, fieldLabels, reasonMessage, type lang } from '../../../contract/index.ts';
import type { ContractRow, ContractsFilter } from '../../store/store.ts';
import { CSV_BOM, csvRow } from '../csv.ts';
import { languageOf } from '../lang.ts';
import { parisDay, query } from '../query.ts';
import type { OrgEnv, RouteDeps } from '../types.ts';

const reasonsHeader: Record<lang, string> = { fr: 'Motifs', en: 'Reasons' };

function headerRow(lang: lang): string {
  return csvRow([...contractFields.map((f) => fieldLabels[lang][f]), reasonsHeader[lang]]);
}

function contractRow(row: ContractRow, lang: lang): string {
  return csvRow([...contractFields.map((f) => row.data[f] ?? ''), row.reasons.map((r) => reasonMessage(r, lang)).join(' | ')]);
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
    const filename = `erp-sync-${filter.status}-${parisDay(now())}.csv`;
    return c.body(body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    });
  });
}
