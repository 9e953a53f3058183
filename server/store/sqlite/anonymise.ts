/**
 * Retention of personal data (Store.anonymisePersonalData): retired contracts lose who they were
 * about, in their row, their search index entry and their history; old received records go.
 * One IMMEDIATE transaction on the writer connection, with secure_delete on, so the replaced
 * values are overwritten in the file rather than left in free pages; the WAL is truncated after.
 */
import type { contractRecord } from '../../../contract/index.ts';
import { fingerprint } from '../../core/fingerprint.ts';
import type { KeptChange } from '../common/history.ts';
import { anonymiseChange, anonymiseRecord, changeHasPersonalData, recordHasPersonalData } from '../common/personal.ts';
import { changeSearchText } from '../common/search.ts';
import { sortColumns } from '../common/sort.ts';
import type { AnonymiseOptions, AnonymiseReport } from '../store.ts';
import type { SqliteContext, Statement } from './context.ts';
import { CHANGE_COLUMNS, type ChangeRow, toKeptChange } from './rows.ts';
import { ftsWords } from './search-index.ts';
import { decodeRecord, encodeRecord } from '../common/record-codec.ts';

type Stmt = <R = unknown>(sql: string) => Statement<R>;

interface Plan {
  contracts: { id: number; code: string; since: string; data: contractRecord }[];
  changes: KeptChange[];
  runs: { id: string; records: number }[];
}

/** What anonymising would do, read through `stmt` (inside the transaction when applying). */
function plan(stmt: Stmt, orgId: string, before: string): Plan {
  const contracts: Plan['contracts'] = [];
  for (const r of stmt<{ id: number; code: string; since: string; data: string }>(
    `SELECT id, code, since, data FROM contracts WHERE org = ? AND status = 'archived' AND since < ?`,
  ).iterate(orgId, before)) {
    const data = decodeRecord(r.data);
    if (recordHasPersonalData(data)) contracts.push({ id: r.id, code: r.code, since: r.since, data });
  }
  // Codes only the history remembers: never integrated (rejected, then no longer received).
  const historyOnly = stmt<{ code: string }>(
    `SELECT code FROM changes WHERE org = @org GROUP BY code HAVING MAX(at) < @before
       AND code NOT IN (SELECT code FROM contracts WHERE org = @org)
       AND code NOT IN (SELECT code FROM rejections WHERE org = @org)`,
  )
    .all({ org: orgId, before })
    .map((r) => r.code);
  const changesOf = stmt<ChangeRow>(`SELECT ${CHANGE_COLUMNS} FROM changes WHERE org = ? AND code = ? ORDER BY id`);
  const changes: KeptChange[] = [];
  for (const code of [...contracts.map((c) => c.code), ...historyOnly]) {
    for (const row of changesOf.iterate(orgId, code)) {
      const c = toKeptChange(row);
      if (changeHasPersonalData(c)) changes.push(c);
    }
  }
  const runs = stmt<{ id: string; records: number }>(
    `SELECT r.id, SUM(c.records) AS records FROM runs r
       JOIN run_received rr ON rr.run_id = r.id JOIN received_chunks c ON c.id = rr.chunk
     WHERE r.org = ? AND r.started_at < ? AND r.status <> 'held' GROUP BY r.id`,
  ).all(orgId, before);
  return { contracts, changes, runs };
}

function report(p: Plan): AnonymiseReport {
  const codes = new Set([...p.contracts.map((c) => c.code), ...p.changes.map((c) => c.codeContrat)]);
  return {
    codes: [...codes].sort(),
    changes: p.changes.length,
    receivedRecords: p.runs.reduce((n, r) => n + r.records, 0),
  };
}

function apply(ctx: SqliteContext, orgId: string, p: Plan): void {
  const w = ctx.wstmt;
  const token = ctx.orgToken(orgId);
  const updateContract = w(`UPDATE contracts SET data = @data, nom_f = @nom_f, prenom_f = @prenom_f, hash = @hash WHERE id = @id`);
  const unindex = w('DELETE FROM contracts_fts WHERE rowid = ?');
  const index = w('INSERT INTO contracts_fts (rowid, words) VALUES (?, ?)');
  for (const c of p.contracts) {
    const data = anonymiseRecord(c.data);
    const cols = sortColumns(c.code, c.since, data);
    updateContract.run({ id: c.id, data: encodeRecord(data), nom_f: cols.nom_f, prenom_f: cols.prenom_f, hash: fingerprint(data) });
    unindex.run(c.id);
    index.run(c.id, ftsWords(token, data));
  }
  const updateChange = w('UPDATE changes SET learner = ?, delta = ?, reasons = ?, legacy_fields = ?, search = ? WHERE id = ?');
  for (const c of p.changes) {
    const a = anonymiseChange(c);
    updateChange.run(
      a.learner,
      JSON.stringify(a.delta),
      JSON.stringify(a.reasons),
      a.legacyFields === null ? null : JSON.stringify(a.legacyFields),
      changeSearchText(a.learner, a.codeContrat, a.formation),
      a.seq,
    );
  }
  const dropRun = w('DELETE FROM run_received WHERE run_id = ?');
  for (const r of p.runs) dropRun.run(r.id);
  // A block still received by a kept run (of any organisation) stays.
  if (p.runs.length > 0) w('DELETE FROM received_chunks WHERE id NOT IN (SELECT chunk FROM run_received)').run();
}

export async function anonymisePersonalData(ctx: SqliteContext, orgId: string, opts: AnonymiseOptions): Promise<AnonymiseReport> {
  // A dry run reads without taking the write lock: it never waits for a running import.
  if (opts.dryRun) return report(plan(ctx.stmt, orgId, opts.before));
  const done = await ctx.write(ctx.writer, () => {
    ctx.writer.pragma('secure_delete = ON');
    try {
      const p = plan(ctx.wstmt, orgId, opts.before);
      apply(ctx, orgId, p);
      return report(p);
    } finally {
      ctx.writer.pragma('secure_delete = OFF');
    }
  });
  // The old pages also sit in the write-ahead log until it is checkpointed: truncate it now.
  // Best effort: a reader still using the log, or the next write already under way on this
  // connection, only delays it to a later checkpoint.
  try {
    ctx.writer.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // left to SQLite's automatic checkpoints
  }
  return done;
}
