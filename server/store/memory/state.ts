/**
 * The in-memory store's data: plain Maps, no node: imports (it runs in the browser under the
 * MSW mock). Stored values are never mutated in place: a run builds new Maps and swaps them
 * in, so a reader holding an old Map still sees a consistent state.
 */
import { sessionKey, type reasonCode, type runSummary } from '../../../contract/index.ts';
import type { IntegratedContract, ReceivedRecord, Rejection } from '../../core/types.ts';
import type { KeptChange } from '../common/history.ts';
import type { HeldEffect, OrgInfo } from '../store.ts';
import { changeSearchText, searchText, words } from '../common/search.ts';
import { sessionOfData } from '../common/shape.ts';
import { sortColumns, type SortColumns } from '../common/sort.ts';
import type { RunIdGenerator } from '../common/run-id.ts';

export interface MemContract {
  value: IntegratedContract;
  cols: SortColumns;
  /** Folded words of searchText(), matched by prefix like FTS5 does in SQLite. */
  words: string[];
}

export interface MemRejection {
  value: Rejection;
  updatedAt: string;
  cols: SortColumns;
  words: string[];
  reasonCodes: Set<reasonCode>;
  sessionKey: string;
}

export interface MemChange {
  value: KeptChange;
  search: string;
}

export interface MemRun {
  orgId: string;
  summary: runSummary;
  records: ReceivedRecord[];
  leaseUntil: string | null;
  effects: HeldEffect[];
  /** A held run's rejections (see Store.runRejections). */
  heldRejections: Rejection[];
}

export interface OrgData {
  contracts: Map<string, MemContract>;
  rejections: Map<string, MemRejection>;
  sessions: Set<string>;
  /** Append-only, in insertion order (the SQLite store's autoincrement order). */
  changes: MemChange[];
}

export interface MemoryDb {
  orgs: Map<string, OrgInfo>;
  data: Map<string, OrgData>;
  /** Insertion order = creation order. */
  runs: Map<string, MemRun>;
  runIds: RunIdGenerator;
  /** The next change's `seq` (SQLite: the autoincrement id), across organisations. */
  nextSeq: number;
  /** Claimed scheduled occurrences, per organisation. */
  claims: Map<string, Set<string>>;
}

/**
 * Inputs are copied through JSON, exactly what the SQLite store does by storing JSON text,
 * so both stores hand back the same values (undefined properties dropped, and so on).
 */
export function jsonClone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x ?? null)) as T;
}

export function memContract(c: IntegratedContract): MemContract {
  const value = jsonClone(c);
  return { value, cols: sortColumns(value.code, value.since, value.data), words: words(searchText(value.data)) };
}

export function memRejection(r: Rejection, updatedAt: string): MemRejection {
  const value = jsonClone(r);
  return {
    value,
    updatedAt,
    cols: sortColumns(value.code, value.since, value.data),
    words: words(searchText(value.data)),
    reasonCodes: new Set(value.reasons.map((x) => x.code)),
    sessionKey: sessionKey(sessionOfData(value.data)),
  };
}

export function memChange(c: KeptChange): MemChange {
  const value = jsonClone(c);
  return { value, search: changeSearchText(value.learner, value.codeContrat, value.formation) };
}

export function emptyOrgData(): OrgData {
  return { contracts: new Map(), rejections: new Map(), sessions: new Set(), changes: [] };
}

export function orgData(db: MemoryDb, orgId: string): OrgData {
  return db.data.get(orgId) ?? emptyOrgData();
}

/** Newest first, as SQLite's ORDER BY started_at DESC, id DESC. */
export function newestFirst(a: MemRun, b: MemRun): number {
  if (a.summary.startedAt !== b.summary.startedAt) return a.summary.startedAt < b.summary.startedAt ? 1 : -1;
  return a.summary.id < b.summary.id ? 1 : a.summary.id > b.summary.id ? -1 : 0;
}

export function runsOf(db: MemoryDb, orgId: string): MemRun[] {
  return [...db.runs.values()].filter((r) => r.orgId === orgId);
}
