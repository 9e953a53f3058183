/**
 * The admin search among integrated contracts (words, no formation filter): the matching ids,
 * the count, reason counts and order from the organisation's snapshot in memory (its ranks,
 * common/integrated-ranks.ts, and its words, common/word-index.ts), then the page's rows in one
 * statement: one round trip. (The full-text index gave the ids in a first statement that read
 * every matching row from the table: ~1,000 page visits, more than half of the search's time.)
 *
 * Every statement reads the key (the organisation's count of applied runs) in its own snapshot:
 * the page's rows are kept only when read under the key of the snapshot the page came from.
 * Otherwise (a run applied meanwhile) the snapshot is read again, once; a search whose rows are
 * read under yet another key is answered the general SQL way.
 */
import type { reasonCode } from '../../../contract/index.ts';
import { IntegratedSnapshot, orderName } from '../common/integrated-ranks.ts';
import { queryWords } from '../common/search.ts';
import { WordIndex } from '../common/word-index.ts';
import { orderTerms } from '../common/sort.ts';
import type { ContractRow as ListRow, ContractRows, ContractsFilter } from '../store.ts';
import { one, type PgContext } from './context.ts';
import { CONTRACT_LIST_COLUMNS, type ContractListRow, toListRow } from './rows.ts';

/** Every applied run adds one (runs are never deleted, `succeeded` is final): the ranks' key. */
const KEY = `(SELECT COUNT(*) FROM runs WHERE org = $1 AND status = 'succeeded')::text`;

/** The organisation's snapshot read now: ids, open reasons and words, under one key. */
async function readSnapshot(ctx: PgContext, orgId: string): Promise<IntegratedSnapshot | null> {
  const r = await one<{ key: string; ids: number[]; reason_ids: number[] | null; reasons: reasonCode[] | null; words: string | null }>(
    ctx.pool,
    // Ids as float8: exact below 2^53, and read as numbers (BIGINT reads as a string). The words
    // as one text (a line per contract): 100,000 rows would cost more to cross into JavaScript.
    `WITH r AS (
       SELECT array_agg(x.id::float8) AS ids, array_agg(rr.reason) AS reasons FROM rejection_reasons rr
       JOIN contracts x ON x.org = rr.org AND x.code = rr.code WHERE rr.org = $1 AND x.status = 'integrated')
     SELECT ${KEY} AS key, ARRAY(SELECT id::float8 FROM contracts WHERE org = $1 AND status = 'integrated') AS ids,
       r.ids AS reason_ids, r.reasons,
       (SELECT string_agg(id::text || ' ' || array_to_string(tsvector_to_array(words), ' '), E'\\n') FROM contracts
         WHERE org = $1 AND status = 'integrated') AS words
     FROM r`,
    [orgId],
  );
  if (!r) return null;
  const reasons = new Map<number, reasonCode[]>();
  (r.reason_ids ?? []).forEach((id, i) => {
    const code = (r.reasons ?? [])[i];
    const list = reasons.get(id);
    if (list) list.push(code);
    else reasons.set(id, [code]);
  });
  const ids = Float64Array.from(r.ids).sort();
  const snapshot = new IntegratedSnapshot(r.key, ids, reasons, await WordIndex.build(ids, r.words ?? ''));
  ctx.ranks.set(orgId, snapshot);
  return snapshot;
}

/** Searches arriving together while a snapshot is read wait for that one read. */
const reading = new WeakMap<PgContext, Map<string, Promise<IntegratedSnapshot | null>>>();

function snapshotOf(ctx: PgContext, orgId: string): Promise<IntegratedSnapshot | null> {
  const byOrg = reading.get(ctx) ?? new Map<string, Promise<IntegratedSnapshot | null>>();
  reading.set(ctx, byOrg);
  const pending = byOrg.get(orgId);
  if (pending) return pending;
  const read = readSnapshot(ctx, orgId).finally(() => byOrg.delete(orgId));
  byOrg.set(orgId, read);
  return read;
}

async function withOrder(ctx: PgContext, orgId: string, snapshot: IntegratedSnapshot, filter: ContractsFilter): Promise<boolean> {
  const name = orderName(filter.sort, filter.order);
  if (snapshot.hasOrder(name)) return true;
  const orderBy = orderTerms(filter.sort, filter.order)
    .map((t) => `${t.column} ${t.desc ? 'DESC' : 'ASC'}`)
    .join(', ');
  const r = await one<{ key: string; ids: number[] }>(
    ctx.pool,
    `SELECT ${KEY} AS key, ARRAY(SELECT id::float8 FROM contracts WHERE org = $1 AND status = 'integrated' ORDER BY ${orderBy}) AS ids`,
    [orgId],
  );
  return r !== undefined && r.key === snapshot.key && snapshot.addOrder(name, r.ids);
}

/** The rows of the page's contracts, with the key they were read under. */
async function pageRows(ctx: PgContext, orgId: string, ids: readonly number[]): Promise<{ key: string; rows: Map<number, ListRow> }> {
  // Named, hence prepared once per connection. The outer join answers the key even for an empty page.
  const read = await ctx.pool.query<{ key: string } & ({ id: null } | ContractListRow)>({
    name: 'erp-sync:search-integrated-page',
    text: `SELECT k.key, ${CONTRACT_LIST_COLUMNS} FROM (SELECT ${KEY} AS key) k
      LEFT JOIN (contracts x LEFT JOIN rejections r ON r.org = x.org AND r.code = x.code) ON x.id = ANY($2::bigint[])`,
    values: [orgId, ids],
  });
  const rows = new Map<number, ListRow>();
  for (const r of read.rows) if (r.id !== null) rows.set(Number(r.id), toListRow(r));
  return { key: read.rows[0]?.key ?? '', rows };
}

/**
 * Resolves once the organisation's search snapshot of its latest applied run is in memory: for
 * tests, and for whoever wants the first search after a run to be fast.
 */
export async function searchSnapshotReady(ctx: PgContext, orgId: string): Promise<void> {
  const latest = ctx.ranks.latest(orgId);
  const key = await one<{ key: string }>(ctx.pool, `SELECT ${KEY} AS key`, [orgId]);
  if (latest?.words && latest.key === key?.key) return;
  await snapshotOf(ctx, orgId);
}

/** The search's rows, or null when it must be answered by the general SQL listing. */
export async function searchIntegrated(ctx: PgContext, orgId: string, filter: ContractsFilter): Promise<ContractRows | null> {
  const qWords = queryWords(filter.q);
  const snapshot = ctx.ranks.latest(orgId);
  if (snapshot?.words && (await withOrder(ctx, orgId, snapshot, filter))) {
    const matched = snapshot.words.matches(qWords);
    if (!matched) return null;
    const page = snapshot.page(orderName(filter.sort, filter.order), matched, filter);
    const read = await pageRows(ctx, orgId, page.ids);
    if (read.key === snapshot.key) {
      const items = page.ids.flatMap((id) => read.rows.get(id) ?? []);
      return { total: page.total, items, reasonCounts: page.reasonCounts };
    }
  }
  // No snapshot yet, or one a run has made stale. Reading one takes a second or more at 100,000
  // contracts (every integrated contract's words): this search is answered the general SQL way
  // and the snapshot is read meanwhile, for the searches that follow.
  snapshotOf(ctx, orgId).catch(() => undefined);
  return null;
}
