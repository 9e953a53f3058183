/**
 * The write path: organisations, opening a run with its records, applying an outcome in one
 * transaction, failing runs. Every multi-row write is a single transaction of prepared
 * statement executions.
 */
import type { ReceivedRecord, RunOutcome } from '../../core/types.ts';
import { RunInProgressError, type OrgInfo, type StartRunInput } from '../store.ts';
import { lastByCode, zeroCounts } from '../common/shape.ts';
import { changeSearchText as changeSearch, searchText } from '../common/search.ts';
import { sortColumns } from '../common/sort.ts';
import type { SqliteContext } from './context.ts';
import { RUN_COLUMNS, type RunRow } from './rows.ts';
import { processAlive } from './process-alive.ts';

export function upsertOrganization(ctx: SqliteContext, org: OrgInfo): void {
  ctx.stmt('INSERT INTO organizations (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name').run(org.id, org.name);
}

export function startRun(ctx: SqliteContext, orgId: string, input: StartRunInput, records: readonly ReceivedRecord[]): string {
  const insertRun = ctx.stmt(
    `INSERT INTO runs (id, org, source, status, started_at, finished_at, date, counts, error, held, pid)
     VALUES (?, ?, ?, 'running', ?, NULL, ?, ?, NULL, NULL, ?)`,
  );
  const insertRecord = ctx.stmt('INSERT INTO run_records (run_id, pos, idx, line, raw, fields, malformed) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const id = ctx.runIds.next();
  ctx.db
    .transaction(() => {
      // Inside the IMMEDIATE transaction, so two processes cannot both see "no run" and both open one.
      for (const other of runningRuns(ctx, orgId)) {
        // Within this process, the runner's own lock decides (tests open several runs on purpose).
        if (other.pid === process.pid) continue;
        if (other.pid !== null && processAlive(other.pid)) throw new RunInProgressError(other.id);
        markInterrupted(ctx, other.id);
      }
      // The foreign key on runs.org rejects an unknown organisation here.
      insertRun.run(id, orgId, input.source, input.startedAt, input.date, JSON.stringify(zeroCounts(records.length)), process.pid);
      records.forEach((r, pos) => {
        insertRecord.run(id, pos, r.index, r.line ?? null, JSON.stringify(r.raw ?? null), JSON.stringify(r.fields), r.malformed ?? null);
      });
    })
    .immediate();
  return id;
}

function runOf(ctx: SqliteContext, orgId: string, runId: string): RunRow | undefined {
  return ctx.stmt<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ? AND org = ?`).get(runId, orgId);
}

/** A run may receive its outcome while running, or later when an admin approves it while held. */
function assertApplicable(run: RunRow | undefined, runId: string): void {
  if (!run) throw new Error(`run ${runId} not found`);
  if (run.status !== 'running' && run.status !== 'held') throw new Error(`run ${runId} is ${run.status}, cannot apply`);
}

export function applyRun(ctx: SqliteContext, orgId: string, runId: string, outcome: RunOutcome, finishedAt: string): void {
  const s = {
    upsertContract: ctx.stmt(
      `INSERT INTO contracts (org, code, status, data, s_site, s_periode, s_formation, s_annee, s_groupe, since, updated_at,
         nom_f, prenom_f, formation_f, company_f, group_f, site_f, date_debut, date_fin, f_code, f_name, search)
       VALUES (@org, @code, @status, @data, @s_site, @s_periode, @s_formation, @s_annee, @s_groupe, @since, @updated_at,
         @nom_f, @prenom_f, @formation_f, @company_f, @group_f, @site_f, @date_debut, @date_fin, @f_code, @f_name, @search)
       ON CONFLICT (org, code) DO UPDATE SET status = excluded.status, data = excluded.data, s_site = excluded.s_site,
         s_periode = excluded.s_periode, s_formation = excluded.s_formation, s_annee = excluded.s_annee, s_groupe = excluded.s_groupe,
         since = excluded.since, updated_at = excluded.updated_at, nom_f = excluded.nom_f, prenom_f = excluded.prenom_f,
         formation_f = excluded.formation_f, company_f = excluded.company_f, group_f = excluded.group_f, site_f = excluded.site_f,
         date_debut = excluded.date_debut, date_fin = excluded.date_fin, f_code = excluded.f_code, f_name = excluded.f_name,
         search = excluded.search`,
    ),
    insertSession: ctx.stmt('INSERT OR IGNORE INTO sessions (org, site, periode, formation, annee, groupe) VALUES (?, ?, ?, ?, ?, ?)'),
    deleteRejections: ctx.stmt('DELETE FROM rejections WHERE org = ?'),
    deleteReasons: ctx.stmt('DELETE FROM rejection_reasons WHERE org = ?'),
    insertRejection: ctx.stmt(
      `INSERT INTO rejections (org, code, data, reasons, since, updated_at, idx, origin,
         nom_f, prenom_f, formation_f, company_f, group_f, site_f, date_debut, date_fin, f_code, f_name, search)
       VALUES (@org, @code, @data, @reasons, @since, @updated_at, @idx, @origin,
         @nom_f, @prenom_f, @formation_f, @company_f, @group_f, @site_f, @date_debut, @date_fin, @f_code, @f_name, @search)`,
    ),
    insertReason: ctx.stmt('INSERT OR IGNORE INTO rejection_reasons (org, code, reason) VALUES (?, ?, ?)'),
    insertChange: ctx.stmt(
      `INSERT INTO changes (org, run_id, date, at, kind, code, learner, formation, fields, reasons, search)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    finishRun: ctx.stmt('UPDATE runs SET status = ?, counts = ?, held = ?, error = NULL, finished_at = ? WHERE id = ?'),
    supersede: ctx.stmt(`UPDATE runs SET status = 'superseded' WHERE org = ? AND status = 'held' AND id <> ?`),
  };

  const tx = ctx.db.transaction(() => {
    assertApplicable(runOf(ctx, orgId, runId), runId);
    const counts = JSON.stringify(outcome.counts);
    if (outcome.status === 'held') {
      // The guard stopped the run: nothing of it reaches the data until an admin approves it.
      s.finishRun.run('held', counts, JSON.stringify(outcome.guard), finishedAt, runId);
      // Only the newest snapshot may be approved: an older held one is stale.
      s.supersede.run(orgId, runId);
      ctx.failpoint('apply:run');
      return;
    }

    for (const c of lastByCode(outcome.upserts)) {
      const { code: _code, since: _since, ...cols } = sortColumns(c.code, c.since, c.data);
      s.upsertContract.run({
        org: orgId,
        code: c.code,
        status: c.status,
        data: JSON.stringify(c.data),
        s_site: c.session.codeSite,
        s_periode: c.session.codePeriode,
        s_formation: c.session.codeFormation,
        s_annee: c.session.codeAnnee,
        s_groupe: c.session.codeGroupe,
        since: c.since,
        updated_at: c.updatedAt,
        ...cols,
        search: searchText(c.data),
      });
    }
    for (const k of outcome.newSessions) s.insertSession.run(orgId, k.codeSite, k.codePeriode, k.codeFormation, k.codeAnnee, k.codeGroupe);
    ctx.failpoint('apply:contracts');

    s.deleteReasons.run(orgId);
    s.deleteRejections.run(orgId);
    for (const r of lastByCode(outcome.rejections)) {
      const { code: _code, since: _since, ...cols } = sortColumns(r.code, r.since, r.data);
      s.insertRejection.run({
        org: orgId,
        code: r.code,
        data: JSON.stringify(r.data),
        reasons: JSON.stringify(r.reasons),
        since: r.since,
        // When this version was last received: the set is rewritten by every applied run.
        updated_at: finishedAt,
        idx: r.index,
        origin: r.origin === null ? null : JSON.stringify(r.origin),
        ...cols,
        search: searchText(r.data),
      });
      for (const reason of r.reasons) s.insertReason.run(orgId, r.code, reason.code);
    }
    ctx.failpoint('apply:rejections');

    for (const ch of outcome.changes) {
      s.insertChange.run(
        orgId,
        runId,
        ch.date,
        ch.at,
        ch.kind,
        ch.codeContrat,
        ch.learner,
        ch.formation,
        JSON.stringify(ch.fields),
        JSON.stringify(ch.reasons),
        changeSearch(ch.learner, ch.codeContrat, ch.formation),
      );
    }
    ctx.failpoint('apply:changes');

    s.finishRun.run('succeeded', counts, null, finishedAt, runId);
    // A held run approved later would apply a stale snapshot over this newer state.
    s.supersede.run(orgId, runId);
    ctx.failpoint('apply:run');
  });
  tx.immediate();
}

export function failRun(ctx: SqliteContext, orgId: string, runId: string, error: string, finishedAt: string): void {
  const run = runOf(ctx, orgId, runId);
  if (!run) throw new Error(`run ${runId} not found`);
  // A finished run keeps its outcome: failing it afterwards would misreport what was applied.
  ctx
    .stmt(`UPDATE runs SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status IN ('running', 'held')`)
    .run(error, finishedAt, runId);
}

export function pruneReceived(ctx: SqliteContext, orgId: string, keep: number): number {
  return ctx
    .stmt(
      `DELETE FROM run_records WHERE run_id IN (
         SELECT id FROM runs WHERE org = ? AND status <> 'held'
           AND id NOT IN (SELECT id FROM runs WHERE org = ? ORDER BY id DESC LIMIT ?))`,
    )
    .run(orgId, orgId, Math.max(0, Math.floor(keep))).changes;
}

function runningRuns(ctx: SqliteContext, orgId?: string): { id: string; pid: number | null }[] {
  return orgId === undefined
    ? ctx.stmt<{ id: string; pid: number | null }>(`SELECT id, pid FROM runs WHERE status = 'running'`).all()
    : ctx.stmt<{ id: string; pid: number | null }>(`SELECT id, pid FROM runs WHERE org = ? AND status = 'running'`).all(orgId);
}

function markInterrupted(ctx: SqliteContext, runId: string, finishedAt = new Date().toISOString()): number {
  return ctx
    .stmt(`UPDATE runs SET status = 'failed', error = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'`)
    .run(finishedAt, runId).changes;
}

/**
 * Called when a process starts: runs left `running` by a process that is gone (a crash, a kill)
 * were interrupted, while another live process's run (a CLI import beside the server) is not.
 */
export function failInterruptedRuns(ctx: SqliteContext, finishedAt: string): number {
  return ctx.db
    .transaction(() =>
      runningRuns(ctx)
        .filter((r) => r.pid === null || r.pid === process.pid || !processAlive(r.pid))
        .reduce((n, r) => n + markInterrupted(ctx, r.id, finishedAt), 0),
    )
    .immediate();
}
