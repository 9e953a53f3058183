/**
 * The open rejections, replaced by every applied run: after it, they are exactly the run's.
 * Most of them are the same as the night before (a contract waits days for its fix in the ERP),
 * so only what differs is written: a new rejection is inserted, a changed one updated in place
 * (its search words only when its data changed), one no longer rejected deleted, the rest left
 * as they are. Rewriting all of them with their search index cost about a second
 * per run at 100,000 contracts.
 */
import type { Rejection } from '../../core/types.ts';
import { STORED_SORT_COLUMNS, sortColumns } from '../common/sort.ts';
import type { SqliteContext } from './context.ts';
import { ftsWords } from './search-index.ts';

interface StoredRejection {
  id: number;
  code: string;
  data: string;
  reasons: string;
  since: string;
  idx: number;
  origin: string | null;
}

export async function replaceRejections(
  ctx: SqliteContext,
  orgId: string,
  token: string,
  rejections: AsyncIterable<Rejection[]>,
  finishedAt: string,
): Promise<void> {
  const w = ctx.wstmt;
  const stored = new Map<string, StoredRejection>();
  for (const r of w<StoredRejection>('SELECT id, code, data, reasons, since, idx, origin FROM rejections WHERE org = ?').all(orgId)) {
    stored.set(r.code, r);
  }
  const insert = w<{ id: number }>(
    `INSERT INTO rejections (org, code, data, reasons, since, updated_at, idx, origin, ${STORED_SORT_COLUMNS.join(', ')})
     VALUES (${Array(8 + STORED_SORT_COLUMNS.length)
       .fill('?')
       .join(', ')}) RETURNING id`,
  );
  const updateAll = w(
    `UPDATE rejections SET data = ?, reasons = ?, since = ?, idx = ?, origin = ?, ${STORED_SORT_COLUMNS.map((c) => `${c} = ?`).join(', ')}
     WHERE id = ?`,
  );
  const updateFacts = w('UPDATE rejections SET reasons = ?, since = ?, idx = ?, origin = ? WHERE id = ?');
  const index = w('INSERT OR REPLACE INTO rejections_fts (rowid, words) VALUES (?, ?)');
  const dropReasons = w('DELETE FROM rejection_reasons WHERE org = ? AND code = ?');
  const addReason = w('INSERT OR IGNORE INTO rejection_reasons (org, code, reason) VALUES (?, ?, ?)');

  for await (const batch of rejections) {
    for (const r of batch) {
      const data = JSON.stringify(r.data);
      const reasons = JSON.stringify(r.reasons);
      const origin = r.origin === null ? null : JSON.stringify(r.origin);
      const old = stored.get(r.code);
      stored.delete(r.code);
      const sort = () => {
        const s = sortColumns(r.code, r.since, r.data);
        return STORED_SORT_COLUMNS.map((c) => s[c]);
      };
      if (!old) {
        const row = insert.get(orgId, r.code, data, reasons, r.since, finishedAt, r.index, origin, ...sort());
        if (!row) throw new Error(`rejection ${r.code} not inserted`);
        index.run(row.id, ftsWords(token, r.data));
      } else if (old.data !== data) {
        updateAll.run(data, reasons, r.since, r.index, origin, ...sort(), old.id);
        index.run(old.id, ftsWords(token, r.data));
      } else if (old.reasons !== reasons || old.since !== r.since || old.idx !== r.index || old.origin !== origin) {
        updateFacts.run(reasons, r.since, r.index, origin, old.id);
      }
      if (!old || old.reasons !== reasons) {
        if (old) dropReasons.run(orgId, r.code);
        for (const reason of r.reasons) addReason.run(orgId, r.code, reason.code);
      }
    }
  }
  // What is left was rejected before and is not any more (integrated, archived, or gone).
  const dropIndex = w('DELETE FROM rejections_fts WHERE rowid = ?');
  const drop = w('DELETE FROM rejections WHERE id = ?');
  for (const old of stored.values()) {
    dropIndex.run(old.id);
    dropReasons.run(orgId, old.code);
    drop.run(old.id);
  }
  // When each was last received is this run's end for every open rejection: readers take it from
  // the latest applied run (read-contracts.ts) rather than this rewriting every row (about 10 MB
  // of pages at 100,000 contracts, 0.09 s of each run). A row's own time is when it was written.
}
