/**
 * The life of a run in PostgreSQL: open, resume, heartbeat, received records, fail, abandon,
 * events, interruption, retention of received records. One run at a time per organisation,
 * whatever the number of instances: opening locks the organisation's row for the check and
 * the insert, and a run is held by its own connection's advisory lock (run-holds.ts).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { runEvent, runFailure, runProgress } from '../../../contract/index.ts';
import type { ReceivedRecord } from '../../core/types.ts';
import { zeroCounts } from '../common/shape.ts';
import { type OpenRunInput, type OrgInfo, type ReceivedBlock, RunInProgressError } from '../store.ts';
import { exec, one, type PgContext, type Queryable, rows, transaction } from './context.ts';
import { keepBlock, type PreparedBlock, prepareBlocks } from './received.ts';
import { runLockKey } from './run-holds.ts';

export async function upsertOrganization(ctx: PgContext, org: OrgInfo): Promise<void> {
  await exec(ctx.pool, 'INSERT INTO organizations (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name', [
    org.id,
    org.name,
  ]);
}

export async function insertEvent(db: Queryable, runId: string, e: runEvent): Promise<void> {
  await exec(db, 'INSERT INTO run_events (run_id, at, action, actor_sub, actor_name) VALUES ($1, $2, $3, $4, $5)', [
    runId,
    e.at,
    e.action,
    e.by.sub,
    e.by.name,
  ]);
}

/**
 * Running runs whose lease ran out by `now`, or whose holding connection is gone (its process
 * died: the try-lock succeeds), become failed ("interrupted"). The CASE keeps the try-lock to
 * running runs (a lock taken on another run's key would refuse its resumption meanwhile).
 */
function interruptSql(orgScoped: boolean): string {
  return `UPDATE runs SET status = 'failed', error = 'interrupted', failure = 'interrupted', finished_at = $1, lease_until = NULL,
      progress = NULL
    WHERE status = 'running'${orgScoped ? ' AND org = $2' : ''}
      AND CASE WHEN status <> 'running' THEN FALSE WHEN lease_until IS NULL OR lease_until < $1 THEN TRUE
        WHEN holder IS NULL THEN FALSE ELSE pg_try_advisory_xact_lock(${runLockKey('holder')}) END`;
}

/**
 * Takes the organisation for a run on `client` (a connection of the run's own): in one
 * transaction, locks the organisation's row, interrupts dead runs, refuses if one is live, then
 * lets `claim` insert or resume the run and takes the run's advisory lock. The client is kept
 * by the holds when `claim` returns true, closed otherwise.
 */
async function takeOrganisation(
  ctx: PgContext,
  orgId: string,
  runId: string,
  now: string,
  claim: (c: pg.Client, holder: string) => Promise<boolean>,
): Promise<boolean> {
  const holder = randomUUID();
  const client = await ctx.connect();
  let kept = false;
  try {
    await client.query('BEGIN');
    const org = await one(client, 'SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [orgId]);
    if (!org) throw new Error(`organization ${orgId} not found`);
    await exec(client, interruptSql(true), [now, orgId]);
    const live = await one<{ id: string }>(client, `SELECT id FROM runs WHERE org = $1 AND status = 'running' LIMIT 1`, [orgId]);
    if (live) throw new RunInProgressError(live.id);
    // Taken before the run shows as running: no other session can see it running and unheld.
    const locked = await one<{ ok: boolean }>(client, `SELECT pg_try_advisory_lock(${runLockKey('$1')}) AS ok`, [holder]);
    if (!locked?.ok) throw new Error('a fresh holder token is already locked');
    const claimed = await claim(client, holder);
    await client.query('COMMIT');
    if (claimed) {
      ctx.holds.keep(runId, holder, client);
      kept = true;
    }
    return claimed;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    if (!kept) await client.end().catch(() => undefined);
  }
}

export async function openRun(ctx: PgContext, orgId: string, input: OpenRunInput): Promise<string> {
  const id = ctx.runIds.next();
  await takeOrganisation(ctx, orgId, id, input.now, async (c, holder) => {
    await exec(
      c,
      `INSERT INTO runs (id, org, source, status, started_at, finished_at, date, counts, error, held, lease_until, truncated, holder)
       VALUES ($1, $2, $3, 'running', $4, NULL, $5, $6, NULL, NULL, $7, FALSE, $8)`,
      [id, orgId, input.source, input.startedAt, input.date, JSON.stringify(zeroCounts(0)), input.leaseUntil, holder],
    );
    if (input.startedBy) await insertEvent(c, id, { at: input.now, action: 'started', by: input.startedBy });
    return true;
  });
  return id;
}

export function resumeHeld(ctx: PgContext, orgId: string, runId: string, input: { now: string; leaseUntil: string }): Promise<boolean> {
  return takeOrganisation(
    ctx,
    orgId,
    runId,
    input.now,
    async (c, holder) =>
      (await exec(c, `UPDATE runs SET status = 'running', lease_until = $1, holder = $2 WHERE id = $3 AND org = $4 AND status = 'held'`, [
        input.leaseUntil,
        holder,
        runId,
        orgId,
      ])) === 1,
  );
}

export async function heartbeat(
  ctx: PgContext,
  orgId: string,
  runId: string,
  leaseUntil: string,
  progress: runProgress | null,
): Promise<boolean> {
  const n = await exec(ctx.pool, `UPDATE runs SET lease_until = $1, progress = $2 WHERE id = $3 AND org = $4 AND status = 'running'`, [
    leaseUntil,
    progress === null ? null : JSON.stringify(progress),
    runId,
    orgId,
  ]);
  // No longer running (abandoned, interrupted): its work stops, its hold goes.
  if (n === 0) await ctx.holds.release(runId);
  return n === 1;
}

export async function appendReceived(ctx: PgContext, orgId: string, runId: string, records: readonly ReceivedRecord[]): Promise<void> {
  await keepBlocks(ctx, orgId, runId, await prepareBlocks(ctx.pool, records));
}

/** Blocks encoded and deflated by another thread (Store.appendReceivedBlocks). */
export function appendReceivedBlocks(ctx: PgContext, orgId: string, runId: string, blocks: readonly ReceivedBlock[]): Promise<void> {
  return keepBlocks(
    ctx,
    orgId,
    runId,
    blocks.map((b) => ({ records: b.records, hash: b.hash, body: b.body, text: b.text ?? null })),
  );
}

export async function receivedBlockHashes(ctx: PgContext, orgId: string, runId: string): Promise<string[]> {
  const found = await rows<{ hash: string }>(
    ctx.pool,
    `SELECT c.hash FROM run_received rr JOIN received_chunks c ON c.id = rr.chunk
     WHERE rr.run_id = (SELECT r.id FROM runs r WHERE r.org = $1 AND r.id <> $2 AND EXISTS (SELECT 1 FROM run_received x WHERE x.run_id = r.id)
       ORDER BY r.started_at DESC, r.id DESC LIMIT 1)`,
    [orgId, runId],
  );
  return found.map((r) => r.hash);
}

export async function discardReceived(ctx: PgContext, orgId: string, runId: string): Promise<void> {
  await transaction(ctx, async (c) => {
    const run = await one<{ status: string }>(c, 'SELECT status FROM runs WHERE id = $1 AND org = $2', [runId, orgId]);
    if (run?.status !== 'running') throw new Error(`run ${runId} is not running: what it received stays`);
    // Blocks no other run references go at the next pruning, as the blocks of pruned runs.
    await exec(c, 'DELETE FROM run_received WHERE run_id = $1', [runId]);
  });
}

async function keepBlocks(ctx: PgContext, orgId: string, runId: string, blocks: readonly PreparedBlock[]): Promise<void> {
  await transaction(ctx, async (c) => {
    const run = await one(c, 'SELECT id FROM runs WHERE id = $1 AND org = $2', [runId, orgId]);
    if (!run) throw new Error(`run ${runId} not found`);
    const last = await one<{ seq: number; first: number; records: number }>(
      c,
      `SELECT rr.seq, rr.first, ch.records FROM run_received rr JOIN received_chunks ch ON ch.id = rr.chunk
       WHERE rr.run_id = $1 ORDER BY rr.seq DESC LIMIT 1`,
      [runId],
    );
    let seq = last ? last.seq + 1 : 0;
    let first = last ? last.first + last.records : 0;
    for (const block of blocks) {
      const chunk = await keepBlock(c, block);
      await exec(c, 'INSERT INTO run_received (run_id, seq, first, chunk) VALUES ($1, $2, $3, $4)', [runId, seq, first, chunk]);
      seq += 1;
      first += block.records;
    }
  });
}

export async function failRun(
  ctx: PgContext,
  orgId: string,
  runId: string,
  error: string,
  finishedAt: string,
  failure: runFailure = 'internal',
): Promise<void> {
  const run = await one(ctx.pool, 'SELECT id FROM runs WHERE id = $1 AND org = $2', [runId, orgId]);
  if (!run) throw new Error(`run ${runId} not found`);
  // A finished run keeps its outcome: failing it afterwards would misreport what was applied.
  await exec(
    ctx.pool,
    `UPDATE runs SET status = 'failed', error = $1, failure = $2, finished_at = $3, lease_until = NULL, progress = NULL
     WHERE id = $4 AND status IN ('running', 'held')`,
    [error, failure, finishedAt, runId],
  );
  await ctx.holds.release(runId);
}

export async function abandonRun(ctx: PgContext, orgId: string, runId: string, by: runEvent['by'], at: string): Promise<boolean> {
  const done = await transaction(ctx, async (c) => {
    const n = await exec(
      c,
      `UPDATE runs SET status = 'failed', error = 'abandoned', failure = 'abandoned', finished_at = $1, lease_until = NULL,
         progress = NULL WHERE id = $2 AND org = $3 AND status = 'running'`,
      [at, runId, orgId],
    );
    if (n === 0) return false;
    await insertEvent(c, runId, { at, action: 'abandoned', by });
    return true;
  });
  if (done) await ctx.holds.release(runId);
  return done;
}

export async function recordRunEvent(ctx: PgContext, orgId: string, runId: string, event: runEvent): Promise<void> {
  const run = await one(ctx.pool, 'SELECT id FROM runs WHERE id = $1 AND org = $2', [runId, orgId]);
  if (!run) throw new Error(`run ${runId} not found`);
  await insertEvent(ctx.pool, runId, event);
}

export function failInterruptedRuns(ctx: PgContext, now: string): Promise<number> {
  return transaction(ctx, (c) => exec(c, interruptSql(false), [now]));
}

export function pruneReceived(ctx: PgContext, orgId: string, keep: number): Promise<number> {
  return transaction(ctx, async (c) => {
    const old = `SELECT id FROM runs WHERE org = $1 AND status <> 'held'
      AND id NOT IN (SELECT id FROM runs WHERE org = $1 ORDER BY id DESC LIMIT $2)`;
    const params = [orgId, Math.max(0, Math.floor(keep))];
    const dropped =
      (
        await rows<{ n: number | null }>(
          c,
          `SELECT SUM(ch.records)::int AS n FROM run_received rr JOIN received_chunks ch ON ch.id = rr.chunk WHERE rr.run_id IN (${old})`,
          params,
        )
      )[0]?.n ?? 0;
    await exec(c, `DELETE FROM run_received WHERE run_id IN (${old})`, params);
    // A block still received by a kept run (of any organisation) stays.
    await exec(c, 'DELETE FROM received_chunks ch WHERE NOT EXISTS (SELECT 1 FROM run_received rr WHERE rr.chunk = ch.id)');
    return dropped;
  });
}

export async function claimScheduledRun(ctx: PgContext, orgId: string, slot: string, at: string): Promise<boolean> {
  // The primary key decides between instances firing together; the foreign key rejects an unknown organisation.
  const n = await exec(ctx.pool, 'INSERT INTO schedule_claims (org, slot, claimed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    orgId,
    slot,
    at,
  ]);
  return n === 1;
}

/** Imports' slots are instants (a digit first, below 'A'); other jobs' start with their name. */
export async function lastScheduledClaim(ctx: PgContext, orgId: string): Promise<string | null> {
  return (
    (
      await one<{ slot: string }>(ctx.pool, `SELECT slot FROM schedule_claims WHERE org = $1 AND slot < 'A' ORDER BY slot DESC LIMIT 1`, [
        orgId,
      ])
    )?.slot ?? null
  );
}
