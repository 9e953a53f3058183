/**
 * The admin search among integrated contracts (words, no formation filter): the matching ids
 * from the organisation-scoped full-text index alone, the count, reason counts and page from
 * the per-run ranks (common/integrated-ranks.ts), then only the page's rows. Everything is read
 * in one read transaction: the cache key, the index and the rows are one snapshot.
 */
import type { reasonCode } from '../../../contract/index.ts';
import { IntegratedSnapshot, idList, orderName } from '../common/integrated-ranks.ts';
import { queryWords } from '../common/search.ts';
import { orderTerms } from '../common/sort.ts';
import type { ContractRows, ContractsFilter } from '../store.ts';
import type { SqliteContext } from './context.ts';
import { CONTRACT_LIST_COLUMNS, type ContractListRow, toListRow } from './rows.ts';
import { ftsQuery } from './search-index.ts';

/** Every applied run adds one (runs are never deleted, `succeeded` is final): the ranks' key. */
function appliedRuns(ctx: SqliteContext, orgId: string): string {
  const n = ctx.stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM runs WHERE org = ? AND status = 'succeeded'`).get(orgId)?.n ?? 0;
  return String(n);
}

function snapshotOf(ctx: SqliteContext, orgId: string, key: string): IntegratedSnapshot {
  const cached = ctx.ranks.get(orgId, key);
  if (cached) return cached;
  const ids = ctx.stmt<number>(`SELECT id FROM contracts WHERE org = ? AND status = 'integrated'`).pluck().all(orgId);
  const reasons = new Map<number, reasonCode[]>();
  for (const r of ctx
    .stmt<{ id: number; reason: reasonCode }>(
      `SELECT x.id AS id, rr.reason AS reason FROM rejection_reasons rr JOIN contracts x ON x.org = rr.org AND x.code = rr.code
       WHERE rr.org = ? AND x.status = 'integrated'`,
    )
    .all(orgId)) {
    const list = reasons.get(r.id);
    if (list) list.push(r.reason);
    else reasons.set(r.id, [r.reason]);
  }
  const snapshot = new IntegratedSnapshot(key, ids, reasons);
  ctx.ranks.set(orgId, snapshot);
  return snapshot;
}

function searchNow(ctx: SqliteContext, orgId: string, filter: ContractsFilter): ContractRows | null {
  const snapshot = snapshotOf(ctx, orgId, appliedRuns(ctx, orgId));
  const name = orderName(filter.sort, filter.order);
  if (!snapshot.hasOrder(name)) {
    const orderBy = orderTerms(filter.sort, filter.order)
      .map((t) => `${t.column} ${t.desc ? 'DESC' : 'ASC'}`)
      .join(', ');
    const ordered = ctx
      .stmt<number>(`SELECT id FROM contracts WHERE org = ? AND status = 'integrated' ORDER BY ${orderBy}`)
      .pluck()
      .all(orgId);
    // Same transaction as the snapshot's ids: a mismatch would be a bug, answered the SQL way.
    if (!snapshot.addOrder(name, ordered)) return null;
  }
  const matched = idList(
    ctx
      .stmt<string | null>('SELECT group_concat(rowid) FROM contracts_fts WHERE contracts_fts MATCH ?')
      .pluck()
      .get(ftsQuery(ctx.orgToken(orgId), queryWords(filter.q))),
  );
  const page = snapshot.page(name, matched, filter);
  // One statement for the page (a third less CPU than one per row), put back in the page's order.
  const byId = new Map<number, ContractListRow>();
  if (page.ids.length > 0) {
    for (const r of ctx
      .stmt<ContractListRow>(
        `SELECT ${CONTRACT_LIST_COLUMNS} FROM contracts x LEFT JOIN rejections r ON r.org = x.org AND r.code = x.code
         WHERE x.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(page.ids))) {
      byId.set(Number(r.id), r);
    }
  }
  const items = page.ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toListRow(r)] : [];
  });
  return { total: page.total, items, reasonCounts: page.reasonCounts };
}

/** The search's rows, or null when it must be answered by the general SQL listing. */
export function searchIntegrated(ctx: SqliteContext, orgId: string, filter: ContractsFilter): ContractRows | null {
  return ctx.db.transaction(() => searchNow(ctx, orgId, filter))();
}
