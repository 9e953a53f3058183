/**
 * The admin search among integrated contracts (words, no formation filter), as SQLite's
 * (sqlite/search-integrated.ts): the matching ids and the cache key in one statement, the count,
 * reason counts and page from the per-run ranks (common/integrated-ranks.ts), then the page's
 * rows. Two round trips instead of three statements that each read every matching row.
 *
 * Each statement reads the key (the organisation's count of applied runs) in its own snapshot:
 * ranks are kept under the key they were read with, and a search whose matches were read under
 * another key (a run applied in between) is answered the general SQL way.
 */
import type { reasonCode } from '../../../contract/index.ts';
import { IntegratedSnapshot, idList, orderName } from '../common/integrated-ranks.ts';
import { queryWords } from '../common/search.ts';
import { orderTerms } from '../common/sort.ts';
import type { ContractRow as ListRow, ContractRows, ContractsFilter } from '../store.ts';
import { one, type PgContext } from './context.ts';
import { CONTRACT_LIST_COLUMNS, type ContractListRow, toListRow } from './rows.ts';
import { prefixQuery } from './search.ts';

/** Every applied run adds one (runs are never deleted, `succeeded` is final): the ranks' key. */
const KEY = `(SELECT COUNT(*) FROM runs WHERE org = $1 AND status = 'succeeded')::text`;

/** Ids as float8: exact below 2^53, and read as numbers (BIGINT reads as a string). */
async function snapshotOf(ctx: PgContext, orgId: string): Promise<IntegratedSnapshot | null> {
  const r = await one<{ key: string; ids: number[]; reason_ids: number[] | null; reasons: reasonCode[] | null }>(
    ctx.pool,
    `WITH r AS (
       SELECT array_agg(x.id::float8) AS ids, array_agg(rr.reason) AS reasons FROM rejection_reasons rr
       JOIN contracts x ON x.org = rr.org AND x.code = rr.code WHERE rr.org = $1 AND x.status = 'integrated')
     SELECT ${KEY} AS key, ARRAY(SELECT id::float8 FROM contracts WHERE org = $1 AND status = 'integrated') AS ids,
       r.ids AS reason_ids, r.reasons FROM r`,
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
  const snapshot = new IntegratedSnapshot(r.key, r.ids, reasons);
  ctx.ranks.set(orgId, snapshot);
  return snapshot;
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

/** The search's rows, or null when it must be answered by the general SQL listing. */
export async function searchIntegrated(ctx: PgContext, orgId: string, filter: ContractsFilter): Promise<ContractRows | null> {
  // Named, hence prepared once per connection: planning was a fifth of this statement's time.
  const found = (
    await ctx.pool.query<{ key: string; ids: string | null }>({
      name: 'erp-sync:search-integrated',
      text: `SELECT ${KEY} AS key, (SELECT string_agg(id::text, ',') FROM contracts WHERE org = $1 AND status = 'integrated'
        AND words @@ $2::tsquery) AS ids`,
      values: [orgId, prefixQuery(queryWords(filter.q))],
    })
  ).rows[0];
  if (!found) return null;
  let snapshot = ctx.ranks.get(orgId, found.key);
  if (!snapshot) snapshot = (await snapshotOf(ctx, orgId)) ?? undefined;
  if (!snapshot || snapshot.key !== found.key || !(await withOrder(ctx, orgId, snapshot, filter))) return null;
  const page = snapshot.page(orderName(filter.sort, filter.order), idList(found.ids), filter);
  const byId = new Map<number, ListRow>();
  if (page.ids.length > 0) {
    const read = await ctx.pool.query<ContractListRow>({
      name: 'erp-sync:search-integrated-rows',
      text: `SELECT ${CONTRACT_LIST_COLUMNS} FROM contracts x LEFT JOIN rejections r ON r.org = x.org AND r.code = x.code
        WHERE x.id = ANY($1::bigint[])`,
      values: [page.ids],
    });
    for (const r of read.rows) {
      byId.set(Number(r.id), toListRow(r));
    }
  }
  const items = page.ids.flatMap((id) => byId.get(id) ?? []);
  return { total: page.total, items, reasonCounts: page.reasonCounts };
}
