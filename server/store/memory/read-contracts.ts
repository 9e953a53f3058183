/**
 * The memory store's reads of contracts: same filters, order and counts as the SQLite store
 * (common/ holds the shared rules: folding, prefix-word search, sort keys).
 */
import type { contractRecord, reasonCode } from '../../../contract/index.ts';
import type { StateReader } from '../../core/types.ts';
import type { ContractFacts, ContractRow, ContractRows, ContractsFilter, SummaryFacts } from '../store.ts';
import { matchesPrefixWords, queryWords } from '../common/search.ts';
import { sessionOfData, toSyncShape } from '../common/shape.ts';
import { compareBy, orderTerms, type SortColumns } from '../common/sort.ts';
import { newestFirst, orgData, runsOf, type MemContract, type MemoryDb, type MemRejection, type OrgData } from './state.ts';

interface Candidate {
  cols: SortColumns;
  words: string[];
  reasonCodes: ReadonlySet<reasonCode>;
  row: () => ContractRow;
}

const NO_REASONS: ReadonlySet<reasonCode> = new Set();

function contractCandidate(d: OrgData, c: MemContract): Candidate {
  const rej = d.rejections.get(c.value.code);
  return {
    cols: c.cols,
    words: c.words,
    reasonCodes: rej?.reasonCodes ?? NO_REASONS,
    row: () => ({
      codeContrat: c.value.code,
      status: c.value.status,
      data: structuredClone(c.value.data),
      session: structuredClone(c.value.session),
      since: c.value.since,
      updatedAt: c.value.updatedAt,
      reasons: rej ? structuredClone(rej.value.reasons) : [],
      hasValidVersion: c.value.status === 'integrated',
      origin: null,
    }),
  };
}

function rejectionCandidate(d: OrgData, r: MemRejection): Candidate {
  return {
    cols: r.cols,
    words: r.words,
    reasonCodes: r.reasonCodes,
    row: () => ({
      codeContrat: r.value.code,
      status: 'rejected',
      data: structuredClone(r.value.data),
      session: d.sessions.has(r.sessionKey) ? sessionOfData(r.value.data) : null,
      since: r.value.since,
      updatedAt: r.updatedAt,
      reasons: structuredClone(r.value.reasons),
      hasValidVersion: d.contracts.get(r.value.code)?.value.status === 'integrated',
      origin: r.value.origin,
    }),
  };
}

export function listContracts(db: MemoryDb, orgId: string, filter: ContractsFilter): ContractRows {
  const d = orgData(db, orgId);
  const all: Candidate[] =
    filter.status === 'rejected'
      ? [...d.rejections.values()].map((r) => rejectionCandidate(d, r))
      : [...d.contracts.values()].filter((c) => c.value.status === filter.status).map((c) => contractCandidate(d, c));
  const qWords = queryWords(filter.q);
  const formation = filter.formation ?? '';
  const base = all.filter(
    (c) =>
      (qWords.length === 0 || matchesPrefixWords(c.words, qWords)) &&
      (formation === '' || c.cols.f_code === formation || c.cols.f_name === formation),
  );

  const counts = new Map<reasonCode, number>();
  for (const c of base) for (const code of c.reasonCodes) counts.set(code, (counts.get(code) ?? 0) + 1);
  const reasonCounts = [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const reason = filter.reason;
  const matching = reason ? base.filter((c) => c.reasonCodes.has(reason)) : base;
  const cmp = compareBy(orderTerms(filter.sort, filter.order));
  matching.sort((a, b) => cmp(a.cols, b.cols));
  const items = matching.slice(filter.offset, filter.offset + filter.limit).map((c) => c.row());
  return { total: matching.length, items, reasonCounts };
}

export function summary(db: MemoryDb, orgId: string): SummaryFacts {
  const d = orgData(db, orgId);
  const last = runsOf(db, orgId).sort(newestFirst)[0];
  const totals = { integrated: 0, rejected: d.rejections.size, archived: 0 };
  for (const c of d.contracts.values()) totals[c.value.status]++;
  const counts = new Map<reasonCode, number>();
  for (const r of d.rejections.values()) for (const code of r.reasonCodes) counts.set(code, (counts.get(code) ?? 0) + 1);
  const topReasons = [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, 5);
  return { lastRun: last ? structuredClone(last.summary) : null, totals, topReasons };
}

/** The state a run diffs against; full contracts are copied only when asked for. */
export function stateReader(db: MemoryDb, orgId: string): StateReader {
  const d = orgData(db, orgId);
  return {
    fingerprints: new Map([...d.contracts].map(([k, c]) => [k, { status: c.value.status, hash: c.value.hash }])),
    rejections: new Map([...d.rejections].map(([k, r]) => [k, { since: r.value.since, reasons: structuredClone(r.value.reasons) }])),
    sessions: new Set(d.sessions),
    async contracts(codes) {
      return codes.flatMap((code) => {
        const c = d.contracts.get(code);
        return c ? [structuredClone(c.value)] : [];
      });
    },
  };
}

export function getContract(db: MemoryDb, orgId: string, code: string): ContractFacts | null {
  const d = orgData(db, orgId);
  const c = d.contracts.get(code)?.value;
  const r = d.rejections.get(code)?.value;
  if (!c && !r) return null;
  return structuredClone({
    platform: c ? { status: c.status, data: c.data, session: c.session, since: c.since, updatedAt: c.updatedAt } : null,
    rejection: r ? { data: r.data, reasons: r.reasons, since: r.since, origin: r.origin } : null,
  });
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function syncContracts(
  db: MemoryDb,
  orgId: string,
  kind: 'integrated' | 'received',
  page: { limit: number; page: number },
): { total: number; contrats: Record<string, unknown>[] } {
  const offset = (Math.max(1, page.page) - 1) * page.limit;
  if (kind === 'integrated') {
    const integrated = [...orgData(db, orgId).contracts.values()].filter((c) => c.value.status === 'integrated');
    integrated.sort((a, b) => byCode(a.value.code, b.value.code));
    const contrats = integrated.slice(offset, offset + page.limit).map((c) => toSyncShape(c.value.data as contractRecord));
    return { total: integrated.length, contrats };
  }
  const run = runsOf(db, orgId)
    .filter((r) => r.records.length > 0)
    .sort(newestFirst)[0];
  if (!run) return { total: 0, contrats: [] };
  const contrats = run.records.slice(offset, offset + page.limit).map((r) => structuredClone(r.fields) as Record<string, unknown>);
  return { total: run.records.length, contrats };
}
