/**
 * The write path: organisations, a run's life (open, heartbeat, received records, apply, hold,
 * fail, abandon), retention. Long writes go through `writer`, short ones through `db`; every
 * transaction waits for SQLite's lock asynchronously (context.ts).
 */
import type { runEvent, runFailure, runProgress } from '../../../contract/index.ts';
import type { OutcomeStreams, ReceivedRecord } from '../../core/types.ts';
import { zeroCounts } from '../common/shape.ts';
import { CHANGE_ROW_COLUMNS, changeRow } from '../common/change-row.ts';
import { STORED_SORT_COLUMNS, sortColumns } from '../common/sort.ts';
import { type HoldInput, type OpenRunInput, type OrgInfo, type ReceivedBlock, RunInProgressError, type RunReadFacts } from '../store.ts';
import { isBusy, type SqliteContext } from './context.ts';
import { BLOCK_RECORDS, keepBlock, type PreparedBlock, prepareBlock } from './received.ts';
import { RUN_COLUMNS, type RunRow } from './rows.ts';
import { ftsWords } from './search-index.ts';
import { replaceRejections } from './write-rejections.ts';
import { encodeRecord } from '../common/record-codec.ts';

export function upsertOrganization(ctx: SqliteContext, org: OrgInfo): Promise<void> {
  return ctx.write(ctx.db, () => {
    ctx
      .stmt('INSERT INTO organizations (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name')
      .run(org.id, org.name);
  });
}

function insertEvent(ctx: SqliteContext, runId: string, e: runEvent): void {
  ctx
    .stmt('INSERT INTO run_events (run_id, at, action, actor_sub, actor_name) VALUES (?, ?, ?, ?, ?)')
    .run(runId, e.at, e.action, e.by.sub, e.by.name);
}

const INTERRUPTED = `UPDATE runs SET status = 'failed', error = 'interrupted', failure = 'interrupted', finished_at = @now, lease_until = NULL, progress = NULL
  WHERE status = 'running' AND (lease_until IS NULL OR lease_until < @now)`;

export function openRun(ctx: SqliteContext, orgId: string, input: OpenRunInput): Promise<string> {
  return ctx.write(ctx.db, () => {
    // Inside the IMMEDIATE transaction: two processes cannot both see "no live run" and both open one.
    ctx.stmt(`${INTERRUPTED} AND org = @org`).run({ now: input.now, org: orgId });
    const live = ctx.stmt<{ id: string }>(`SELECT id FROM runs WHERE org = ? AND status = 'running' LIMIT 1`).get(orgId);
    if (live) throw new RunInProgressError(live.id);
    const id = ctx.runIds.next();
    // The foreign key on runs.org rejects an unknown organisation here.
    ctx
      .stmt(
        `INSERT INTO runs (id, org, source, status, started_at, finished_at, date, counts, error, held, lease_until, truncated)
         VALUES (?, ?, ?, 'running', ?, NULL, ?, ?, NULL, NULL, ?, 0)`,
      )
      .run(id, orgId, input.source, input.startedAt, input.date, JSON.stringify(zeroCounts(0)), input.leaseUntil);
    if (input.startedBy) insertEvent(ctx, id, { at: input.now, action: 'started', by: input.startedBy });
    return id;
  });
}

export function resumeHeld(ctx: SqliteContext, orgId: string, runId: string, input: { now: string; leaseUntil: string }): Promise<boolean> {
  return ctx.write(ctx.db, () => {
    ctx.stmt(`${INTERRUPTED} AND org = @org`).run({ now: input.now, org: orgId });
    const live = ctx.stmt<{ id: string }>(`SELECT id FROM runs WHERE org = ? AND status = 'running' LIMIT 1`).get(orgId);
    if (live) throw new RunInProgressError(live.id);
    const r = ctx
      .stmt(`UPDATE runs SET status = 'running', lease_until = ? WHERE id = ? AND org = ? AND status = 'held'`)
      .run(input.leaseUntil, runId, orgId);
    return r.changes === 1;
  });
}

export async function heartbeat(
  ctx: SqliteContext,
  orgId: string,
  runId: string,
  leaseUntil: string,
  progress: runProgress | null,
): Promise<boolean> {
  try {
    const r = ctx
      .stmt(`UPDATE runs SET lease_until = ?, progress = ? WHERE id = ? AND org = ? AND status = 'running'`)
      .run(leaseUntil, progress === null ? null : JSON.stringify(progress), runId, orgId);
    return r.changes === 1;
  } catch (err) {
    // Another process is writing: skip this beat (leases outlast many beats), never wait here.
    if (isBusy(err)) return true;
    throw err;
  }
}

/** Where the next block of each run goes, for this process (a run is appended by one process). */
const nextBlock = new WeakMap<SqliteContext, Map<string, { seq: number; first: number }>>();

export async function appendReceived(ctx: SqliteContext, orgId: string, runId: string, records: readonly ReceivedRecord[]): Promise<void> {
  const blocks: PreparedBlock[] = [];
  for (let i = 0; i < records.length; i += BLOCK_RECORDS) blocks.push(await prepareBlock(ctx.db, records.slice(i, i + BLOCK_RECORDS)));
  return keepBlocks(ctx, orgId, runId, blocks);
}

/** Blocks encoded and deflated by another thread (Store.appendReceivedBlocks). */
export function appendReceivedBlocks(ctx: SqliteContext, orgId: string, runId: string, blocks: readonly ReceivedBlock[]): Promise<void> {
  return keepBlocks(
    ctx,
    orgId,
    runId,
    blocks.map((b) => ({ records: b.records, hash: b.hash, body: b.body, text: b.text ?? null })),
  );
}

export async function receivedBlockHashes(ctx: SqliteContext, orgId: string, runId: string): Promise<string[]> {
  return ctx
    .stmt<{ hash: string }>(
      `SELECT c.hash FROM run_received rr JOIN received_chunks c ON c.id = rr.chunk
       WHERE rr.run_id = (SELECT r.id FROM runs r WHERE r.org = ? AND r.id <> ? AND EXISTS (SELECT 1 FROM run_received x WHERE x.run_id = r.id)
         ORDER BY r.started_at DESC, r.id DESC LIMIT 1)`,
    )
    .all(orgId, runId)
    .map((r) => r.hash);
}

export function discardReceived(ctx: SqliteContext, orgId: string, runId: string): Promise<void> {
  return ctx.write(ctx.db, () => {
    const run = ctx.stmt<{ status: string }>('SELECT status FROM runs WHERE id = ? AND org = ?').get(runId, orgId);
    if (run?.status !== 'running') throw new Error(`run ${runId} is not running: what it received stays`);
    // Blocks no other run references go at the next pruning, as the blocks of pruned runs.
    ctx.stmt('DELETE FROM run_received WHERE run_id = ?').run(runId);
    nextBlock.get(ctx)?.delete(runId);
  });
}

function keepBlocks(ctx: SqliteContext, orgId: string, runId: string, blocks: readonly PreparedBlock[]): Promise<void> {
  return ctx.write(ctx.db, () => {
    let runs = nextBlock.get(ctx);
    if (!runs) {
      runs = new Map();
      nextBlock.set(ctx, runs);
    }
    let at = runs.get(runId);
    if (!at) {
      const run = ctx.stmt<{ status: string }>('SELECT status FROM runs WHERE id = ? AND org = ?').get(runId, orgId);
      if (!run) throw new Error(`run ${runId} not found`);
      const last = ctx
        .stmt<{ seq: number; first: number; records: number }>(
          `SELECT rr.seq, rr.first, c.records FROM run_received rr JOIN received_chunks c ON c.id = rr.chunk
           WHERE rr.run_id = ? ORDER BY rr.seq DESC LIMIT 1`,
        )
        .get(runId);
      at = last ? { seq: last.seq + 1, first: last.first + last.records } : { seq: 0, first: 0 };
      runs.set(runId, at);
    }
    for (const block of blocks) {
      keepBlock(ctx.db, runId, at.seq, at.first, block);
      at.seq += 1;
      at.first += block.records;
    }
  });
}

function runOf(ctx: SqliteContext, orgId: string, runId: string, writer = false): RunRow | undefined {
  const sql = `SELECT ${RUN_COLUMNS} FROM runs WHERE id = ? AND org = ?`;
  return (writer ? ctx.wstmt<RunRow>(sql) : ctx.stmt<RunRow>(sql)).get(runId, orgId);
}

/** A run may receive its outcome while running, or later when an admin approves it while held. */
function assertApplicable(run: RunRow | undefined, runId: string): void {
  if (!run) throw new Error(`run ${runId} not found`);
  if (run.status !== 'running' && run.status !== 'held') throw new Error(`run ${runId} is ${run.status}, cannot apply`);
}

export function applyRun(
  ctx: SqliteContext,
  orgId: string,
  runId: string,
  outcome: OutcomeStreams,
  facts: RunReadFacts,
  finishedAt: string,
): Promise<void> {
  const w = ctx.wstmt;
  return ctx.write(ctx.writer, async () => {
    assertApplicable(runOf(ctx, orgId, runId, true), runId);
    const token = ctx.orgToken(orgId);

    // Most contracts of a run are new (all of a first import): a plain insert, whose row id comes
    // back without a RETURNING row, is about a third cheaper than an upsert. A contract already
    // stored (changed, archived, back again) is updated in place: same id, so its index entry is
    // replaced too. Values are positional: binding 22 named parameters per row costs more.
    const COLUMNS = `status, data, s_site, s_periode, s_formation, s_annee, s_groupe, since, updated_at,
         ${STORED_SORT_COLUMNS.join(', ')}, hash`;
    const insertContract = w(
      `INSERT INTO contracts (${COLUMNS}, org, code) VALUES (${Array(22).fill('?').join(', ')}) ON CONFLICT (org, code) DO NOTHING`,
    );
    // An update leaves out the learner index's columns (org, status, nom_f, prenom_f, code), set
    // apart only when one differs: most updates change a company or an e-mail, and rewriting that
    // index's entry for nothing doubled their cost.
    const LEARNER_INDEXED = ['status', 'nom_f', 'prenom_f'];
    const kept = COLUMNS.split(',')
      .map((c) => c.trim())
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => !LEARNER_INDEXED.includes(c));
    const updateContract = w<{ id: number }>(
      `UPDATE contracts SET ${kept.map(({ c }) => `${c} = ?`).join(', ')} WHERE org = ? AND code = ? RETURNING id`,
    );
    const updateLearner = w(
      `UPDATE contracts SET status = ?, nom_f = ?, prenom_f = ? WHERE id = ? AND (status IS NOT ? OR nom_f IS NOT ? OR prenom_f IS NOT ?)`,
    );
    const indexNew = w('INSERT INTO contracts_fts (rowid, words) VALUES (?, ?)');
    const indexContract = w('INSERT OR REPLACE INTO contracts_fts (rowid, words) VALUES (?, ?)');
    for await (const batch of outcome.upserts) {
      for (const c of batch) {
        const s = sortColumns(c.code, c.since, c.data);
        const values = [
          c.status,
          encodeRecord(c.data),
          c.session.codeSite,
          c.session.codePeriode,
          c.session.codeFormation,
          c.session.codeAnnee,
          c.session.codeGroupe,
          c.since,
          c.updatedAt,
          ...STORED_SORT_COLUMNS.map((k) => s[k]),
          c.hash,
          orgId,
          c.code,
        ];
        const inserted = insertContract.run(values);
        if (inserted.changes === 1) {
          indexNew.run(inserted.lastInsertRowid, ftsWords(token, c.data));
        } else {
          const row = updateContract.get([...kept.map(({ i }) => values[i]), orgId, c.code]);
          if (!row) throw new Error(`contract ${c.code} neither inserted nor updated`);
          const learner = [c.status, s.nom_f, s.prenom_f];
          updateLearner.run(...learner, row.id, ...learner);
          indexContract.run(row.id, ftsWords(token, c.data));
        }
      }
    }
    const insertSession = w('INSERT OR IGNORE INTO sessions (org, site, periode, formation, annee, groupe) VALUES (?, ?, ?, ?, ?, ?)');
    for (const k of outcome.newSessions) insertSession.run(orgId, k.codeSite, k.codePeriode, k.codeFormation, k.codeAnnee, k.codeGroupe);
    ctx.failpoint('apply:contracts');

    await replaceRejections(ctx, orgId, token, outcome.rejections, finishedAt);
    ctx.failpoint('apply:rejections');

    const insertChange = w(
      `INSERT INTO changes (${CHANGE_ROW_COLUMNS}) VALUES (${CHANGE_ROW_COLUMNS.split(',')
        .map(() => '?')
        .join(', ')})`,
    );
    for await (const batch of outcome.changes) for (const ch of batch) insertChange.run(changeRow(orgId, runId, ch));
    ctx.failpoint('apply:changes');

    w(
      `UPDATE runs SET status = 'succeeded', counts = ?, held = NULL, error = NULL, finished_at = ?, meta = ?, truncated = ?,
         lease_until = NULL, progress = NULL WHERE id = ?`,
    ).run(JSON.stringify(outcome.counts), finishedAt, JSON.stringify(facts.meta), facts.truncated ? 1 : 0, runId);
    // A held run approved later would apply a stale snapshot over this newer state.
    w(`UPDATE runs SET status = 'superseded' WHERE org = ? AND status = 'held' AND id <> ?`).run(orgId, runId);
    w(`DELETE FROM held_effects WHERE run_id IN (SELECT id FROM runs WHERE org = ? AND status <> 'held')`).run(orgId);
    w(`DELETE FROM held_rejections WHERE run_id IN (SELECT id FROM runs WHERE org = ? AND status <> 'held')`).run(orgId);
    ctx.failpoint('apply:run');
  });
}

export function holdRun(ctx: SqliteContext, orgId: string, runId: string, hold: HoldInput, finishedAt: string): Promise<void> {
  const w = ctx.wstmt;
  return ctx.write(ctx.writer, async () => {
    assertApplicable(runOf(ctx, orgId, runId, true), runId);
    w('DELETE FROM held_effects WHERE run_id = ?').run(runId);
    const insertEffect = w('INSERT OR REPLACE INTO held_effects (run_id, kind, code, fields) VALUES (?, ?, ?, ?)');
    for await (const batch of hold.effects) {
      for (const e of batch) insertEffect.run(runId, e.kind, e.code, e.kind === 'update' ? JSON.stringify(e.fields) : null);
    }
    w('DELETE FROM held_rejections WHERE run_id = ?').run(runId);
    const keepRejection = w(
      'INSERT OR REPLACE INTO held_rejections (run_id, code, idx, data, reasons, since, origin) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for await (const batch of hold.rejections) {
      for (const r of batch) {
        keepRejection.run(
          runId,
          r.code,
          r.index,
          JSON.stringify(r.data),
          JSON.stringify(r.reasons),
          r.since,
          r.origin === null ? null : JSON.stringify(r.origin),
        );
      }
    }
    // The guard stopped the run: nothing of it reaches the data until an admin approves it.
    w(
      `UPDATE runs SET status = 'held', counts = ?, held = ?, finished_at = ?, meta = ?, truncated = ?, lease_until = NULL, progress = NULL
       WHERE id = ?`,
    ).run(JSON.stringify(hold.counts), JSON.stringify(hold.guard), finishedAt, JSON.stringify(hold.meta), hold.truncated ? 1 : 0, runId);
    // Only the newest snapshot may be approved: an older held one is stale.
    w(`UPDATE runs SET status = 'superseded' WHERE org = ? AND status = 'held' AND id <> ?`).run(orgId, runId);
    w(`DELETE FROM held_effects WHERE run_id IN (SELECT id FROM runs WHERE org = ? AND status <> 'held')`).run(orgId);
    w(`DELETE FROM held_rejections WHERE run_id IN (SELECT id FROM runs WHERE org = ? AND status <> 'held')`).run(orgId);
    ctx.failpoint('hold:run');
  });
}

export function failRun(
  ctx: SqliteContext,
  orgId: string,
  runId: string,
  error: string,
  finishedAt: string,
  failure: runFailure = 'internal',
): Promise<void> {
  return ctx.write(ctx.db, () => {
    if (!runOf(ctx, orgId, runId)) throw new Error(`run ${runId} not found`);
    // A finished run keeps its outcome: failing it afterwards would misreport what was applied.
    ctx
      .stmt(
        `UPDATE runs SET status = 'failed', error = ?, failure = ?, finished_at = ?, lease_until = NULL, progress = NULL
         WHERE id = ? AND status IN ('running', 'held')`,
      )
      .run(error, failure, finishedAt, runId);
  });
}

export function abandonRun(ctx: SqliteContext, orgId: string, runId: string, by: runEvent['by'], at: string): Promise<boolean> {
  return ctx.write(ctx.db, () => {
    const r = ctx
      .stmt(
        `UPDATE runs SET status = 'failed', error = 'abandoned', failure = 'abandoned', finished_at = ?, lease_until = NULL,
           progress = NULL WHERE id = ? AND org = ? AND status = 'running'`,
      )
      .run(at, runId, orgId);
    if (r.changes === 0) return false;
    insertEvent(ctx, runId, { at, action: 'abandoned', by });
    return true;
  });
}

export function recordRunEvent(ctx: SqliteContext, orgId: string, runId: string, event: runEvent): Promise<void> {
  return ctx.write(ctx.db, () => {
    if (!runOf(ctx, orgId, runId)) throw new Error(`run ${runId} not found`);
    insertEvent(ctx, runId, event);
  });
}

export function failInterruptedRuns(ctx: SqliteContext, now: string): Promise<number> {
  return ctx.write(ctx.db, () => ctx.stmt(INTERRUPTED).run({ now }).changes);
}

export function pruneReceived(ctx: SqliteContext, orgId: string, keep: number): Promise<number> {
  return ctx.write(ctx.db, () => {
    const old = `SELECT id FROM runs WHERE org = @org AND status <> 'held'
      AND id NOT IN (SELECT id FROM runs WHERE org = @org ORDER BY id DESC LIMIT @keep)`;
    const params = { org: orgId, keep: Math.max(0, Math.floor(keep)) };
    const dropped =
      ctx
        .stmt<{ n: number | null }>(
          `SELECT SUM(c.records) AS n FROM run_received rr JOIN received_chunks c ON c.id = rr.chunk WHERE rr.run_id IN (${old})`,
        )
        .get(params)?.n ?? 0;
    ctx.stmt(`DELETE FROM run_received WHERE run_id IN (${old})`).run(params);
    // A block still received by a kept run (of any organisation) stays.
    ctx.stmt('DELETE FROM received_chunks WHERE id NOT IN (SELECT chunk FROM run_received)').run();
    return dropped;
  });
}

export function claimScheduledRun(ctx: SqliteContext, orgId: string, slot: string, at: string): Promise<boolean> {
  return ctx.write(ctx.db, () => {
    // The foreign key on schedule_claims.org rejects an unknown organisation here.
    const r = ctx.stmt('INSERT INTO schedule_claims (org, slot, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(orgId, slot, at);
    return r.changes === 1;
  });
}

/** Imports' slots are instants (a digit first, below 'A'); other jobs' start with their name. */
export async function lastScheduledClaim(ctx: SqliteContext, orgId: string): Promise<string | null> {
  return (
    ctx.stmt<{ slot: string }>(`SELECT slot FROM schedule_claims WHERE org = ? AND slot < 'A' ORDER BY slot DESC LIMIT 1`).get(orgId)
      ?.slot ?? null
  );
}
