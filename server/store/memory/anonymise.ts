/**
 * Retention of personal data in the memory store: the same selection and replacements as the
 * SQLite store (common/personal.ts), built aside and swapped in, so a failure changes nothing.
 */
import { fingerprint } from '../../core/fingerprint.ts';
import { anonymiseChange, anonymiseRecord, changeHasPersonalData, recordHasPersonalData } from '../common/personal.ts';
import type { AnonymiseOptions, AnonymiseReport } from '../store.ts';
import { memChange, memContract, type MemoryDb, runsOf } from './state.ts';

export function anonymisePersonalData(db: MemoryDb, orgId: string, opts: AnonymiseOptions): AnonymiseReport {
  const d = db.data.get(orgId);
  if (!d) return { codes: [], changes: 0, receivedRecords: 0 };
  const { before } = opts;
  const contracts = [...d.contracts.values()].filter(
    (c) => c.value.status === 'archived' && c.value.since < before && recordHasPersonalData(c.value.data),
  );
  // Codes only the history remembers: never integrated (rejected, then no longer received).
  const lastAt = new Map<string, string>();
  for (const c of d.changes) {
    const seen = lastAt.get(c.value.codeContrat);
    if (seen === undefined || c.value.at > seen) lastAt.set(c.value.codeContrat, c.value.at);
  }
  const targets = new Set(contracts.map((c) => c.value.code));
  for (const [code, at] of lastAt) if (at < before && !d.contracts.has(code) && !d.rejections.has(code)) targets.add(code);
  const changes = d.changes.flatMap((c, i) => (targets.has(c.value.codeContrat) && changeHasPersonalData(c.value) ? [i] : []));
  const runs = runsOf(db, orgId).filter((r) => r.summary.startedAt < before && r.summary.status !== 'held' && r.records.length > 0);

  const codes = new Set([...contracts.map((c) => c.value.code), ...changes.map((i) => d.changes[i].value.codeContrat)]);
  const done: AnonymiseReport = {
    codes: [...codes].sort(),
    changes: changes.length,
    receivedRecords: runs.reduce((n, r) => n + r.records.length, 0),
  };
  if (opts.dryRun) return done;

  const nextContracts = new Map(d.contracts);
  for (const c of contracts) {
    const data = anonymiseRecord(c.value.data);
    nextContracts.set(c.value.code, memContract({ ...c.value, data, hash: fingerprint(data) }));
  }
  const nextChanges = d.changes.slice();
  for (const i of changes) nextChanges[i] = memChange(anonymiseChange(d.changes[i].value));
  // ---- swap (assignments only) ----
  db.data.set(orgId, { ...d, contracts: nextContracts, changes: nextChanges });
  for (const r of runs) r.records = [];
  return done;
}
