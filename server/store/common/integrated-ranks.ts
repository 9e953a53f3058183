/**
 * The order of an organisation's integrated contracts, kept in memory per applied run, for the
 * admin search (listContracts with words). A first name matches ~1,200 of 100,000 contracts: in
 * SQL, counting them, counting their reasons and sorting them for a page of 50 read those 1,200
 * rows three times, 60 % of a request. Here SQLite's full-text index gives the matching ids
 * (cheap: no row is read; PostgreSQL's reads every match, so its snapshot also holds the words,
 * word-index.ts), and the count, the reason counts and the page come from these arrays; only
 * the page's 50 rows are read.
 *
 * Integrated contracts and the open rejections change only when a run is applied (retention
 * rewrites archived contracts only), and every applied run leaves one more `succeeded` run
 * (a terminal status; runs are never deleted). So the organisation's count of succeeded runs,
 * read from the database in the same snapshot as the search (PostgreSQL: as the page's rows),
 * is the cache key: several processes on one database each rebuild after any of them applies a
 * run. The orders come from the database's own ORDER BY, so a page is exactly the SQL one.
 */
import type { contractSort, reasonCode } from '../../../contract/index.ts';
import type { WordIndex } from './word-index.ts';

export interface RankFilter {
  sort?: contractSort;
  order?: 'asc' | 'desc';
  reason?: reasonCode;
  limit: number;
  offset: number;
}

export interface RankedPage {
  /** Matching integrated contracts (the reason filter applied). */
  total: number;
  /** The page's contract ids, in order. */
  ids: number[];
  /** Per reason, over the matches without the reason filter. */
  reasonCounts: { code: reasonCode; count: number }[];
}

interface Order {
  /** rank[i]: the rank of the contract ids[i] in this order. */
  rank: Int32Array;
  /** The ids in this order. */
  byRank: Float64Array;
}

/** The name of a sort order (a sort and a direction). */
export function orderName(sort: contractSort | undefined, order: 'asc' | 'desc' | undefined): string {
  return `${sort ?? 'learner'}:${order ?? 'asc'}`;
}

/**
 * Ids read from one comma-separated string (SQLite's `group_concat`, PostgreSQL's `string_agg`):
 * a thousand matches as one string cost less than a thousand rows crossing into JavaScript
 * (SQLite: 0.5 of the query's 0.8 ms) or a parsed float8[] (PostgreSQL: 0.5 ms). Digit by digit.
 */
export function idList(text: string | null | undefined): number[] {
  const ids: number[] = [];
  if (!text) return ids;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) n = n * 10 + d;
    else {
      ids.push(n);
      n = 0;
    }
  }
  ids.push(n);
  return ids;
}

/** First index in the ascending `sorted[from..]` whose value is ≥ `x` (numbers, or strings in UTF-16 order). */
export function lowerBound<T extends number | string>(sorted: ArrayLike<T>, x: T, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Position of each id in `ids` by `id - first`, -1 for another id: when the organisation's ids
 * are dense enough (at most 4 slots per contract), a lookup instead of a binary search.
 */
function directIndex(ids: Float64Array): Int32Array | null {
  if (ids.length === 0) return null;
  const span = ids[ids.length - 1] - ids[0] + 1;
  if (span > 4 * ids.length + 1024) return null;
  const index = new Int32Array(span).fill(-1);
  for (let i = 0; i < ids.length; i++) index[ids[i] - ids[0]] = i;
  return index;
}

/** One organisation's integrated contracts at one applied run. */
export class IntegratedSnapshot {
  private readonly ids: Float64Array;
  private readonly direct: Int32Array | null;
  private readonly orders = new Map<string, Order>();

  /**
   * @param key the cache key it was read under
   * @param ids the integrated contracts' ids (any order)
   * @param reasons the open reasons (distinct codes) of those that have some
   * @param words their words (word-index.ts), when read with them
   */
  constructor(
    readonly key: string,
    ids: readonly number[] | Float64Array,
    private readonly reasons: ReadonlyMap<number, readonly reasonCode[]>,
    readonly words: WordIndex | null = null,
  ) {
    this.ids = Float64Array.from(ids).sort();
    this.direct = directIndex(this.ids);
  }

  /** The position of `id` in `ids` (searched from `from`, ids being visited in ascending order), or -1. */
  private positionOf(id: number, from: number): number {
    if (this.direct) {
      const k = id - this.ids[0];
      return k >= 0 && k < this.direct.length ? this.direct[k] : -1;
    }
    const i = lowerBound(this.ids, id, from);
    return i < this.ids.length && this.ids[i] === id ? i : -1;
  }

  hasOrder(name: string): boolean {
    return this.orders.has(name);
  }

  /** Records an order read from the database; false when its ids are not this snapshot's. */
  addOrder(name: string, ordered: readonly number[]): boolean {
    if (ordered.length !== this.ids.length) return false;
    const rank = new Int32Array(ordered.length);
    for (let r = 0; r < ordered.length; r++) {
      const i = lowerBound(this.ids, ordered[r], 0);
      if (this.ids[i] !== ordered[r]) return false;
      rank[i] = r;
    }
    this.orders.set(name, { rank, byRank: Float64Array.from(ordered) });
    return true;
  }

  /**
   * The page of the contracts among `matched` (ids from the search index, of any status) that
   * are integrated. The order `name` must have been added.
   */
  page(name: string, matched: readonly number[], filter: RankFilter): RankedPage {
    const order = this.orders.get(name);
    if (!order) throw new Error(`order ${name} not loaded`);
    let candidates = matched;
    for (let k = 1; k < matched.length; k++) {
      if (matched[k - 1] >= matched[k]) {
        candidates = [...matched].sort((a, b) => a - b);
        break;
      }
    }
    const ranks = new Int32Array(candidates.length);
    let n = 0;
    const counts = new Map<reasonCode, number>();
    // Only the few contracts with open reasons are looked up (usually none).
    const withReasons = this.reasons.size > 0;
    let from = 0;
    for (let k = 0; k < candidates.length; k++) {
      const id = candidates[k];
      const i = this.positionOf(id, from);
      if (i < 0) continue;
      from = i;
      if (withReasons) {
        const reasons = this.reasons.get(id);
        if (reasons) for (const code of reasons) counts.set(code, (counts.get(code) ?? 0) + 1);
        if (filter.reason !== undefined && !reasons?.includes(filter.reason)) continue;
      } else if (filter.reason !== undefined) continue;
      ranks[n++] = order.rank[i];
    }
    const sorted = ranks.subarray(0, n).sort();
    const ids: number[] = [];
    for (let k = filter.offset; k < sorted.length && k < filter.offset + filter.limit; k++) ids.push(order.byRank[sorted[k]]);
    const reasonCounts = [...counts]
      .map(([code, count]) => ({ code, count }))
      // As the SQL stores: by count, then by code (ASCII, so binary order).
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return { total: sorted.length, ids, reasonCounts };
  }
}

/** The current snapshot of each organisation (one per organisation: an older run's is dropped). */
export class IntegratedRanks {
  private readonly orgs = new Map<string, IntegratedSnapshot>();

  /** The organisation's snapshot if it was read under `key`. */
  get(orgId: string, key: string): IntegratedSnapshot | undefined {
    const s = this.orgs.get(orgId);
    return s?.key === key ? s : undefined;
  }

  /** The organisation's last snapshot, whatever its key (the caller checks it still holds). */
  latest(orgId: string): IntegratedSnapshot | undefined {
    return this.orgs.get(orgId);
  }

  set(orgId: string, snapshot: IntegratedSnapshot): void {
    this.orgs.set(orgId, snapshot);
  }
}
