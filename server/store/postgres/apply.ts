/**
 * Applying a run's outcome, or holding it, in ONE transaction: contracts, rejections, sessions,
 * changes and the run's status commit together or not at all (a process killed mid-apply
 * leaves the previous state: PostgreSQL rolls the transaction back). Rows only ever inserted
 * (the history, an organisation's first contracts) stream in with COPY (copy.ts); the others go
 * in by thousands through `unnest` of arrays (batch.ts): one statement per thousand rows.
 */
import type pg from 'pg';
import type { OutcomeStreams } from '../../core/types.ts';
import { CHANGE_ROW_COLUMNS, changeRow } from '../common/change-row.ts';
import { STORED_SORT_COLUMNS, sortColumns } from '../common/sort.ts';
import { encodeRecord } from '../common/record-codec.ts';
import type { HoldInput, RunReadFacts } from '../store.ts';
import { Batch, ROWS_PER_STATEMENT } from './batch.ts';
import { CopyRows, tsvectorText } from './copy.ts';
import { exec, one, type PgContext, transaction } from './context.ts';
import { indexedWords, wordsVector } from './search.ts';

const SORT_COLS = STORED_SORT_COLUMNS.join(', ');
const SORT_TYPES = STORED_SORT_COLUMNS.map(() => 'text');
const CONTRACT_COPY_COLUMNS = `code, status, data, s_site, s_periode, s_formation, s_annee, s_groupe, since, updated_at, ${SORT_COLS}, hash, words, org`;

async function assertApplicable(c: pg.PoolClient, orgId: string, runId: string): Promise<void> {
  // FOR UPDATE: an abandon from another instance waits for this apply, or wins before it.
  const run = await one<{ status: string }>(c, 'SELECT status FROM runs WHERE id = $1 AND org = $2 FOR UPDATE', [runId, orgId]);
  if (!run) throw new Error(`run ${runId} not found`);
  if (run.status !== 'running' && run.status !== 'held') throw new Error(`run ${runId} is ${run.status}, cannot apply`);
}

/** Only the newest snapshot may be approved: older held runs are stale once another run ends. */
async function supersede(c: pg.PoolClient, orgId: string, runId: string): Promise<void> {
  await exec(c, `UPDATE runs SET status = 'superseded' WHERE org = $1 AND status = 'held' AND id <> $2`, [orgId, runId]);
  await exec(c, `DELETE FROM held_effects WHERE run_id IN (SELECT id FROM runs WHERE org = $1 AND status <> 'held')`, [orgId]);
  await exec(c, `DELETE FROM held_rejections WHERE run_id IN (SELECT id FROM runs WHERE org = $1 AND status <> 'held')`, [orgId]);
}

export async function applyRun(
  ctx: PgContext,
  orgId: string,
  runId: string,
  outcome: OutcomeStreams,
  facts: RunReadFacts,
  finishedAt: string,
): Promise<void> {
  let written = 0;
  await transaction(ctx, async (c) => {
    await assertApplicable(c, orgId, runId);

    const contracts = new Batch(
      c,
      ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', ...SORT_TYPES, 'text', 'text'],
      (u) => `INSERT INTO contracts (code, status, data, s_site, s_periode, s_formation, s_annee, s_groupe, since, updated_at,
          ${SORT_COLS}, hash, org, words)
        SELECT code, status, data, s_site, s_periode, s_formation, s_annee, s_groupe, since, updated_at, ${SORT_COLS}, hash,
          ${literal(orgId)}, ${wordsVector('w')}
        FROM ${u} AS t(code, status, data, s_site, s_periode, s_formation, s_annee, s_groupe, since, updated_at, ${SORT_COLS}, hash, w)
        ON CONFLICT (org, code) DO UPDATE SET status = EXCLUDED.status, data = EXCLUDED.data, s_site = EXCLUDED.s_site,
          s_periode = EXCLUDED.s_periode, s_formation = EXCLUDED.s_formation, s_annee = EXCLUDED.s_annee,
          s_groupe = EXCLUDED.s_groupe, since = EXCLUDED.since, updated_at = EXCLUDED.updated_at, nom_f = EXCLUDED.nom_f,
          prenom_f = EXCLUDED.prenom_f, formation_f = EXCLUDED.formation_f, company_f = EXCLUDED.company_f,
          group_f = EXCLUDED.group_f, site_f = EXCLUDED.site_f, date_debut = EXCLUDED.date_debut, date_fin = EXCLUDED.date_fin,
          f_code = EXCLUDED.f_code, f_name = EXCLUDED.f_name, hash = EXCLUDED.hash, words = EXCLUDED.words`,
    );
    // A code twice in one statement would fail ON CONFLICT: the last one wins, as in the other stores.
    const pending = new Map<string, unknown[]>();
    // Sent, not waited for: the next rows are prepared while PostgreSQL writes these (batch.ts).
    const sendPending = async () => {
      written += pending.size;
      for (const row of pending.values()) await contracts.add(row);
      pending.clear();
      await contracts.send();
    };
    // An organisation without contracts yet (its first import) cannot conflict with any: its
    // contracts are copied in. The run's hold keeps any other run of it out meanwhile, and a run
    // gives each code once (import-records.ts files a record under its code only once), so a
    // code twice would fail the run on the unique key rather than pass unseen.
    const empty = (await one(c, 'SELECT 1 FROM contracts WHERE org = $1 LIMIT 1', [orgId])) === undefined;
    const copy = empty ? new CopyRows(c, `COPY contracts (${CONTRACT_COPY_COLUMNS}) FROM STDIN`) : null;
    try {
      for await (const batch of outcome.upserts) {
        for (const k of batch) {
          const s = sortColumns(k.code, k.since, k.data);
          const row = [
            k.code,
            k.status,
            encodeRecord(k.data),
            k.session.codeSite,
            k.session.codePeriode,
            k.session.codeFormation,
            k.session.codeAnnee,
            k.session.codeGroupe,
            k.since,
            k.updatedAt,
            ...STORED_SORT_COLUMNS.map((k) => s[k]),
            k.hash,
            indexedWords(k.data),
          ];
          if (copy) {
            row[row.length - 1] = tsvectorText(row[row.length - 1]);
            row.push(orgId);
            await copy.add(row);
            continue;
          }
          pending.delete(k.code);
          pending.set(k.code, row);
          if (pending.size >= ROWS_PER_STATEMENT) await sendPending();
        }
      }
      if (copy) {
        written += copy.count;
        await copy.finish();
      }
    } catch (err) {
      copy?.abort(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
    await sendPending();
    await contracts.flush();
    if (outcome.newSessions.length > 0) {
      const cols = ['site', 'periode', 'formation', 'annee', 'groupe'] as const;
      const values = outcome.newSessions.map((s) => [s.codeSite, s.codePeriode, s.codeFormation, s.codeAnnee, s.codeGroupe]);
      await exec(
        c,
        `INSERT INTO sessions (org, ${cols.join(', ')}) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         ON CONFLICT DO NOTHING`,
        [orgId, ...cols.map((_, i) => values.map((v) => v[i]))],
      );
    }
    ctx.failpoint('apply:contracts');

    // The open rejections are replaced as a whole by every applied run.
    await exec(c, 'DELETE FROM rejection_reasons WHERE org = $1', [orgId]);
    await exec(c, 'DELETE FROM rejections WHERE org = $1', [orgId]);
    const rejections = new Batch(c, ['text', 'text', 'text', 'text', 'int', 'text', ...SORT_TYPES, 'text'], (u) => {
      const cols = `code, data, reasons, since, idx, origin, ${SORT_COLS}`;
      return `INSERT INTO rejections (${cols}, org, updated_at, words)
        SELECT ${cols}, ${literal(orgId)}, ${literal(finishedAt)}, ${wordsVector('w')} FROM ${u} AS t(${cols}, w)
        ON CONFLICT (org, code) DO UPDATE SET data = EXCLUDED.data, reasons = EXCLUDED.reasons, since = EXCLUDED.since,
          idx = EXCLUDED.idx, origin = EXCLUDED.origin`;
    });
    const reasons = new Map<string, Set<string>>();
    const pendingRejections = new Map<string, unknown[]>();
    for await (const batch of outcome.rejections) {
      for (const r of batch) {
        const s = sortColumns(r.code, r.since, r.data);
        pendingRejections.delete(r.code);
        pendingRejections.set(r.code, [
          r.code,
          JSON.stringify(r.data),
          JSON.stringify(r.reasons),
          r.since,
          r.index,
          r.origin === null ? null : JSON.stringify(r.origin),
          ...STORED_SORT_COLUMNS.map((k) => s[k]),
          indexedWords(r.data),
        ]);
        const set = reasons.get(r.code) ?? new Set<string>();
        for (const reason of r.reasons) set.add(reason.code);
        reasons.set(r.code, set);
        if (pendingRejections.size >= ROWS_PER_STATEMENT) {
          for (const row of pendingRejections.values()) await rejections.add(row);
          pendingRejections.clear();
          await rejections.send();
        }
      }
    }
    for (const row of pendingRejections.values()) await rejections.add(row);
    await rejections.flush();
    const reasonRows = new Batch(
      c,
      ['text', 'text'],
      (u) => `INSERT INTO rejection_reasons (org, code, reason)
      SELECT ${literal(orgId)}, code, reason FROM ${u} AS t(code, reason) ON CONFLICT DO NOTHING`,
    );
    for (const [code, set] of reasons) for (const reason of set) await reasonRows.add([code, reason]);
    await reasonRows.flush();
    ctx.failpoint('apply:rejections');

    // Changes are only ever inserted: copied in.
    const changes = new CopyRows(c, `COPY changes (${CHANGE_ROW_COLUMNS}) FROM STDIN`);
    try {
      for await (const batch of outcome.changes) for (const ch of batch) await changes.add(changeRow(orgId, runId, ch));
      await changes.finish();
    } catch (err) {
      changes.abort(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
    ctx.failpoint('apply:changes');

    await exec(
      c,
      `UPDATE runs SET status = 'succeeded', counts = $1, held = NULL, error = NULL, finished_at = $2, meta = $3, truncated = $4,
         lease_until = NULL, progress = NULL WHERE id = $5`,
      [JSON.stringify(outcome.counts), finishedAt, JSON.stringify(facts.meta), facts.truncated, runId],
    );
    await supersede(c, orgId, runId);
    ctx.failpoint('apply:run');
  });
  await ctx.holds.release(runId);
  await flushSearchIndexes(ctx);
  await refreshStatistics(ctx, written);
}

/**
 * The words a run wrote wait in the GIN indexes' pending lists (fastupdate: cheap inserts) until
 * a vacuum merges them, and every search reads the whole list meanwhile: after a 100,000-contract
 * import, 415 pages, 4 of a search's 5 ms. Merged once here, after the commit, instead of on every
 * insert (fastupdate off would slow the imports). Best effort: a failure changes nothing applied.
 */
export async function flushSearchIndexes(ctx: PgContext): Promise<void> {
  await ctx.pool
    .query(`SELECT gin_clean_pending_list('contracts_words'::regclass), gin_clean_pending_list('rejections_words'::regclass)`)
    .catch(() => undefined);
}

/**
 * The columns the queries filter, join or group on (read-contracts.ts, search-integrated.ts,
 * read-history.ts): the planner's statistics of these only. Sampling every column of contracts
 * (the records' text, the sort keys) took 0.5 s of a first import, these 0.15 s; autovacuum
 * still analyses every column when it comes by.
 */
const ANALYZED_CONTRACT_COLUMNS = 'org, code, status, nom_f, prenom_f, words, f_code, f_name';
const ANALYZED_CHANGE_COLUMNS = 'org, date, kind, code';

/** A run writing this many contracts may change the tables' shape enough to mislead the planner. */
const ANALYZE_AFTER_ROWS = 1_000;
/** ... when they are this share of what the planner believes the table holds (autovacuum's own default threshold). */
const ANALYZE_SHARE = 0.1;

/**
 * Statistics refreshed after a run that changed the table's shape: a first import of 100,000
 * contracts otherwise leaves the planner believing the tables empty until autovacuum comes by,
 * and it then walks every row of the organisation for a search instead of the GIN index (130 ms
 * instead of 2 at 20,000). Not after an ordinary night (2 % of the contracts updated): the
 * estimates still hold, and ANALYZE cost 0.7 s of a 5 s next-day run at 100,000 contracts.
 * Best effort: a failure here changes nothing applied.
 */
async function refreshStatistics(ctx: PgContext, written: number): Promise<void> {
  if (written < ANALYZE_AFTER_ROWS) return;
  try {
    // -1 (or 0) when never analysed: always refreshed then.
    const r = await one<{ tuples: number }>(ctx.pool, `SELECT reltuples::float8 AS tuples FROM pg_class WHERE oid = 'contracts'::regclass`);
    const tuples = r?.tuples ?? -1;
    if (tuples > 0 && written < ANALYZE_SHARE * tuples) return;
    await ctx.pool.query(
      `ANALYZE contracts (${ANALYZED_CONTRACT_COLUMNS}), rejections, rejection_reasons, changes (${ANALYZED_CHANGE_COLUMNS})`,
    );
  } catch {
    // Statistics only: the run is applied.
  }
}

/** A value written into a statement's text: the organisation, run and instant repeated on every row. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export async function holdRun(ctx: PgContext, orgId: string, runId: string, hold: HoldInput, finishedAt: string): Promise<void> {
  await transaction(ctx, async (c) => {
    await assertApplicable(c, orgId, runId);
    await exec(c, 'DELETE FROM held_effects WHERE run_id = $1', [runId]);
    const effects = new Batch(
      c,
      ['text', 'text', 'text'],
      (u) => `INSERT INTO held_effects (run_id, kind, code, fields)
      SELECT ${literal(runId)}, kind, code, fields FROM ${u} AS t(kind, code, fields)
      ON CONFLICT (run_id, kind, code) DO UPDATE SET fields = EXCLUDED.fields`,
    );
    const seenEffects = new Map<string, unknown[]>();
    for await (const batch of hold.effects) {
      for (const e of batch) {
        const key = `${e.kind}\0${e.code}`;
        seenEffects.delete(key);
        seenEffects.set(key, [e.kind, e.code, e.kind === 'update' ? JSON.stringify(e.fields) : null]);
      }
    }
    for (const row of seenEffects.values()) await effects.add(row);
    await effects.flush();
    await exec(c, 'DELETE FROM held_rejections WHERE run_id = $1', [runId]);
    const kept = new Map<string, unknown[]>();
    for await (const batch of hold.rejections) {
      for (const r of batch) {
        kept.delete(r.code);
        kept.set(r.code, [
          r.code,
          r.index,
          JSON.stringify(r.data),
          JSON.stringify(r.reasons),
          r.since,
          r.origin === null ? null : JSON.stringify(r.origin),
        ]);
      }
    }
    const rejections = new Batch(c, ['text', 'int', 'text', 'text', 'text', 'text'], (u) => {
      const cols = 'code, idx, data, reasons, since, origin';
      return `INSERT INTO held_rejections (run_id, ${cols}) SELECT ${literal(runId)}, ${cols} FROM ${u} AS t(${cols})`;
    });
    for (const row of kept.values()) await rejections.add(row);
    await rejections.flush();
    // The guard stopped the run: nothing of it reaches the data until an admin approves it.
    await exec(
      c,
      `UPDATE runs SET status = 'held', counts = $1, held = $2, finished_at = $3, meta = $4, truncated = $5, lease_until = NULL,
         progress = NULL WHERE id = $6`,
      [JSON.stringify(hold.counts), JSON.stringify(hold.guard), finishedAt, JSON.stringify(hold.meta), hold.truncated, runId],
    );
    await supersede(c, orgId, runId);
    ctx.failpoint('hold:run');
  });
  await ctx.holds.release(runId);
}
