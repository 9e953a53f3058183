/**
 * Retention of personal data (Store.anonymisePersonalData) in PostgreSQL: retired contracts
 * lose who they were about, in their row, their indexed words and their history; old received
 * records go. One transaction; the organisation's row is locked so that no run of it applies
 * meanwhile from another instance. (Replaced values stay in dead tuples until VACUUM reclaims
 * them, as any UPDATE in PostgreSQL; autovacuum does so.)
 */
import type { contractRecord } from '../../../contract/index.ts';
import { fingerprint } from '../../core/fingerprint.ts';
import type { KeptChange } from '../common/history.ts';
import { anonymiseChange, anonymiseRecord, changeHasPersonalData, recordHasPersonalData } from '../common/personal.ts';
import { encodeRecord, decodeRecord } from '../common/record-codec.ts';
import { changeSearchText } from '../common/search.ts';
import { sortColumns } from '../common/sort.ts';
import type { AnonymiseOptions, AnonymiseReport } from '../store.ts';
import { exec, type PgContext, type Queryable, rows, transaction } from './context.ts';
import { CHANGE_COLUMNS, type ChangeRow, toKeptChange } from './rows.ts';
import { indexedWords, wordsVector } from './search.ts';

interface Plan {
  contracts: { id: string; code: string; since: string; data: contractRecord }[];
  changes: KeptChange[];
  runs: { id: string; records: number }[];
}

async function plan(db: Queryable, orgId: string, before: string): Promise<Plan> {
  const contracts: Plan['contracts'] = [];
  for (const r of await rows<{ id: string; code: string; since: string; data: string }>(
    db,
    `SELECT id, code, since, data FROM contracts WHERE org = $1 AND status = 'archived' AND since < $2`,
    [orgId, before],
  )) {
    const data = decodeRecord(r.data);
    if (recordHasPersonalData(data)) contracts.push({ id: r.id, code: r.code, since: r.since, data });
  }
  // Codes only the history remembers: never integrated (rejected, then no longer received).
  const historyOnly = (
    await rows<{ code: string }>(
      db,
      `SELECT code FROM changes WHERE org = $1 GROUP BY code HAVING MAX(at) < $2
         AND code NOT IN (SELECT code FROM contracts WHERE org = $1)
         AND code NOT IN (SELECT code FROM rejections WHERE org = $1)`,
      [orgId, before],
    )
  ).map((r) => r.code);
  const changes: KeptChange[] = [];
  const codes = [...contracts.map((c) => c.code), ...historyOnly];
  if (codes.length > 0) {
    for (const row of await rows<ChangeRow>(
      db,
      `SELECT ${CHANGE_COLUMNS} FROM changes WHERE org = $1 AND code = ANY($2::text[]) ORDER BY id`,
      [orgId, codes],
    )) {
      const c = toKeptChange(row);
      if (changeHasPersonalData(c)) changes.push(c);
    }
  }
  const runs = await rows<{ id: string; records: number }>(
    db,
    `SELECT r.id, SUM(ch.records)::int AS records FROM runs r
       JOIN run_received rr ON rr.run_id = r.id JOIN received_chunks ch ON ch.id = rr.chunk
     WHERE r.org = $1 AND r.started_at < $2 AND r.status <> 'held' GROUP BY r.id`,
    [orgId, before],
  );
  return { contracts, changes, runs };
}

function report(p: Plan): AnonymiseReport {
  const codes = new Set([...p.contracts.map((c) => c.code), ...p.changes.map((c) => c.codeContrat)]);
  return { codes: [...codes].sort(), changes: p.changes.length, receivedRecords: p.runs.reduce((n, r) => n + r.records, 0) };
}

async function apply(db: Queryable, p: Plan): Promise<void> {
  for (const c of p.contracts) {
    const data = anonymiseRecord(c.data);
    const cols = sortColumns(c.code, c.since, data);
    await exec(db, `UPDATE contracts SET data = $1, nom_f = $2, prenom_f = $3, hash = $4, words = ${wordsVector('$5')} WHERE id = $6`, [
      encodeRecord(data),
      cols.nom_f,
      cols.prenom_f,
      fingerprint(data),
      indexedWords(data),
      c.id,
    ]);
  }
  for (const c of p.changes) {
    const a = anonymiseChange(c);
    await exec(db, 'UPDATE changes SET learner = $1, delta = $2, reasons = $3, legacy_fields = $4, search = $5 WHERE id = $6', [
      a.learner,
      JSON.stringify(a.delta),
      JSON.stringify(a.reasons),
      a.legacyFields === null ? null : JSON.stringify(a.legacyFields),
      changeSearchText(a.learner, a.codeContrat, a.formation),
      a.seq,
    ]);
  }
  if (p.runs.length > 0) {
    await exec(db, 'DELETE FROM run_received WHERE run_id = ANY($1::text[])', [p.runs.map((r) => r.id)]);
    // A block still received by a kept run (of any organisation) stays.
    await exec(db, 'DELETE FROM received_chunks ch WHERE NOT EXISTS (SELECT 1 FROM run_received rr WHERE rr.chunk = ch.id)');
  }
}

export async function anonymisePersonalData(ctx: PgContext, orgId: string, opts: AnonymiseOptions): Promise<AnonymiseReport> {
  // A dry run reads without locking: it never waits for a running import.
  if (opts.dryRun) return report(await plan(ctx.pool, orgId, opts.before));
  return transaction(ctx, async (c) => {
    await exec(c, 'SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [orgId]);
    const p = await plan(c, orgId, opts.before);
    await apply(c, p);
    return report(p);
  });
}
