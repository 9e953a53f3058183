/**
 * History kept compact, served whole. A change that shows a whole contract (added, archived,
 * fixed without a previous version) stores no copy of it: the record as it stood right after
 * that change is the contract's current version with the deltas of every later change undone,
 * newest first. Every change that alters a stored contract carries its delta (an update, a fix,
 * a return after an archive, a termination date), so the walk is exact. Both stores use this.
 */
import type { contractRecord, fieldChange } from '../../../contract/index.ts';
import { recordFields } from '../../core/diff.ts';
import type { Change } from '../../core/types.ts';
import type { StoredChange } from '../store.ts';

/** A change as a store keeps it: its run and its order (`seq`) in the organisation's history. */
export interface KeptChange extends Change {
  runId: string;
  seq: number;
  /** Changes recorded before compact history (schema v3) kept their fields as shown: shown as is. */
  legacyFields: fieldChange[] | null;
}

function undo(record: contractRecord, delta: readonly fieldChange[]): contractRecord {
  const r: Record<string, string> = { ...record };
  for (const d of delta) r[d.field] = d.before;
  return r as contractRecord;
}

/**
 * The changes of `page` as served. `current`: the stored version of each contract the page
 * shows whole; `later`: per such contract, its changes newest first, at least down to the oldest
 * one of the page (more is harmless).
 */
export function showChanges(
  page: readonly KeptChange[],
  current: ReadonlyMap<string, contractRecord>,
  later: ReadonlyMap<string, readonly KeptChange[]>,
): StoredChange[] {
  const oldestWhole = new Map<string, number>();
  for (const c of page) {
    if (c.whole === null || c.legacyFields !== null) continue;
    const seen = oldestWhole.get(c.codeContrat);
    if (seen === undefined || c.seq < seen) oldestWhole.set(c.codeContrat, c.seq);
  }
  const wholeFields = new Map<number, fieldChange[]>();
  for (const [code, oldest] of oldestWhole) {
    let record = current.get(code);
    if (!record) continue;
    for (const h of later.get(code) ?? []) {
      if (h.seq < oldest) break;
      if (h.whole !== null) wholeFields.set(h.seq, recordFields(record, h.whole));
      if (h.delta.length > 0) record = undo(record, h.delta);
    }
  }
  return page.map((c) => ({
    runId: c.runId,
    at: c.at,
    date: c.date,
    kind: c.kind,
    codeContrat: c.codeContrat,
    learner: c.learner,
    formation: c.formation,
    fields: c.legacyFields ?? (c.whole !== null ? (wholeFields.get(c.seq) ?? []) : c.delta),
    reasons: c.reasons,
    origin: c.origin,
  }));
}

/** The codes whose current version and later changes showChanges() needs for this page. */
export function codesShownWhole(page: readonly KeptChange[]): string[] {
  return [...new Set(page.filter((c) => c.whole !== null && c.legacyFields === null).map((c) => c.codeContrat))];
}
