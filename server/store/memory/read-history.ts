/**
 * The memory store's history reads: same grouping, filters and order as the SQLite store.
 */
import type { historyDay as HistoryDay, trend } from '../../../contract/index.ts';
import type { contractRecord } from '../../../contract/index.ts';
import type { ReceivedRecord, Rejection } from '../../core/types.ts';
import type { ChangeFilter, HeldEffect, HistoryDaysOptions, StoredChange } from '../store.ts';
import { codesShownWhole, type KeptChange, showChanges } from '../common/history.ts';
import { changeQueryWords, matchesPrefixWords, queryWords } from '../common/search.ts';
import { compareBy, orderTerms } from '../common/sort.ts';
import { newestFirst, orgData, runsOf, type MemChange, type MemoryDb } from './state.ts';
import type { runSummary } from '../../../contract/index.ts';

/**
 * The ChangeFilter as a predicate, shared by the day list and a day's changes so their counts
 * agree (SQLite: one LIKE per word); null when nothing filters.
 */
function changeMatcher(filter: ChangeFilter): ((c: MemChange) => boolean) | null {
  const words = changeQueryWords(filter.q);
  const kind = filter.kind;
  if (!kind && words.length === 0) return null;
  return (c) => (!kind || c.value.kind === kind) && words.every((w) => c.search.includes(w));
}

export function historyDays(db: MemoryDb, orgId: string, opts: HistoryDaysOptions): { days: HistoryDay[]; nextBefore: string | null } {
  const runs = runsOf(db, orgId);
  const match = changeMatcher(opts);
  const changes = match ? orgData(db, orgId).changes.filter(match) : orgData(db, orgId).changes;
  const inRange = (d: string) => (opts.before === undefined || d < opts.before) && (opts.from === undefined || d >= opts.from);
  // Filtered, a day is listed for its matching changes only, not for having had a run.
  const runDates = match ? [] : runs.map((r) => r.summary.date);
  const dates = [...new Set([...runDates, ...changes.map((c) => c.value.date)])].filter(inRange).sort().reverse();
  const shown = dates.slice(0, opts.limit);
  const byDate = new Map<string, HistoryDay>(
    shown.map((date) => [date, { date, runs: [], added: 0, updated: 0, archived: 0, rejected: 0, fixed: 0 }]),
  );
  const dayRuns = runs.filter((r) => byDate.has(r.summary.date)).sort((a, b) => -newestFirst(a, b)); // oldest first within a day, as SQLite
  for (const r of dayRuns) {
    byDate.get(r.summary.date)?.runs.push({
      id: r.summary.id,
      source: r.summary.source,
      status: r.summary.status,
      startedAt: r.summary.startedAt,
      failure: r.summary.failure,
      events: structuredClone(r.summary.events),
    });
  }
  for (const c of changes) {
    const day = byDate.get(c.value.date);
    if (day) day[c.value.kind]++;
  }
  return {
    days: shown.map((d) => byDate.get(d) as HistoryDay),
    nextBefore: dates.length > shown.length ? shown[shown.length - 1] : null,
  };
}

export function historyDay(
  db: MemoryDb,
  orgId: string,
  date: string,
  opts: ChangeFilter & { limit: number; offset: number },
): { total: number; changes: StoredChange[] } {
  const match = changeMatcher(opts);
  const matching = orgData(db, orgId)
    .changes.map((c, seq) => ({ c, seq }))
    .filter(({ c }) => c.value.date === date && (!match || match(c)));
  // Latest run of the day first; within a run, the pipeline's order (SQLite: at DESC, id ASC).
  matching.sort((a, b) => (a.c.value.at < b.c.value.at ? 1 : a.c.value.at > b.c.value.at ? -1 : a.seq - b.seq));
  return {
    total: matching.length,
    changes: served(
      db,
      orgId,
      matching.slice(opts.offset, opts.offset + opts.limit).map(({ c }) => c.value),
    ),
  };
}

/** A page of changes as served: whole-contract changes rebuilt (common/history.ts), as SQLite does. */
function served(db: MemoryDb, orgId: string, page: KeptChange[]): StoredChange[] {
  const d = orgData(db, orgId);
  const codes = new Set(codesShownWhole(page));
  const current = new Map<string, contractRecord>();
  const later = new Map<string, KeptChange[]>();
  for (const code of codes) {
    const c = d.contracts.get(code);
    if (c) current.set(code, c.value.data);
    later.set(code, []);
  }
  for (let i = d.changes.length - 1; i >= 0; i--) later.get(d.changes[i].value.codeContrat)?.push(d.changes[i].value);
  return structuredClone(showChanges(page, current, later));
}

export function timeline(db: MemoryDb, orgId: string, code: string): StoredChange[] {
  const matching = orgData(db, orgId)
    .changes.map((c, seq) => ({ c, seq }))
    .filter(({ c }) => c.value.codeContrat === code);
  matching.sort((a, b) => (a.c.value.at < b.c.value.at ? 1 : a.c.value.at > b.c.value.at ? -1 : b.seq - a.seq));
  return served(
    db,
    orgId,
    matching.map(({ c }) => c.value),
  );
}

export function trendOf(db: MemoryDb, orgId: string, days: number): trend {
  const lastOfDay = new Map<string, runSummary>();
  // Newest first: the first succeeded run seen for a date is that day's last one.
  for (const r of runsOf(db, orgId).sort(newestFirst)) {
    if (r.summary.status === 'succeeded' && !lastOfDay.has(r.summary.date)) lastOfDay.set(r.summary.date, r.summary);
  }
  const points = [...lastOfDay.values()]
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .slice(0, days)
    .reverse()
    .map((s) => ({ date: s.date, integrated: s.counts.integrated, rejected: s.counts.rejected }));
  return { points };
}

/** Block by block, as the SQLite store reads them. */
export async function* readReceived(db: MemoryDb, orgId: string, runId: string): AsyncIterable<ReceivedRecord[]> {
  const run = db.runs.get(runId);
  if (!run || run.orgId !== orgId) return;
  for (let i = 0; i < run.records.length; i += 1_000) yield structuredClone(run.records.slice(i, i + 1_000));
}

export function lastAppliedRun(db: MemoryDb, orgId: string): runSummary | null {
  const last = runsOf(db, orgId)
    .filter((r) => r.summary.status === 'succeeded')
    .sort(newestFirst)[0];
  return last ? structuredClone(last.summary) : null;
}

export function heldEffects(
  db: MemoryDb,
  orgId: string,
  runId: string,
  page: { kind?: HeldEffect['kind']; q?: string; limit: number; offset: number },
): { total: number; items: HeldEffect[] } {
  const run = db.runs.get(runId);
  if (!run || run.orgId !== orgId) return { total: 0, items: [] };
  const contracts = orgData(db, orgId).contracts;
  const qWords = queryWords(page.q);
  const cmp = compareBy(orderTerms('learner', 'asc'));
  const all = run.effects
    .filter((e) => !page.kind || e.kind === page.kind)
    .flatMap((e) => {
      const c = contracts.get(e.code);
      return c && (qWords.length === 0 || matchesPrefixWords(c.words, qWords)) ? [{ e, c }] : [];
    })
    // As SQLite orders them: kind, then learner, then code.
    .sort((a, b) => (a.e.kind < b.e.kind ? -1 : a.e.kind > b.e.kind ? 1 : cmp(a.c.cols, b.c.cols)))
    .map(({ e }) => e);
  return { total: all.length, items: structuredClone(all.slice(page.offset, page.offset + page.limit)) };
}

export function runRejections(
  db: MemoryDb,
  orgId: string,
  runId: string,
  page: { limit: number; offset: number },
): { total: number; rejections: Rejection[] } | null {
  const run = db.runs.get(runId);
  if (!run || run.orgId !== orgId) return null;
  let all: Rejection[];
  if (run.summary.status === 'held') all = run.heldRejections;
  else if (lastAppliedRun(db, orgId)?.id === runId) all = [...orgData(db, orgId).rejections.values()].map((r) => r.value);
  else return null;
  const sorted = [...all].sort((a, b) => a.index - b.index || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { total: sorted.length, rejections: structuredClone(sorted.slice(page.offset, page.offset + page.limit)) };
}
