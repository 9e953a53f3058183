/**
 * The Historique screen: days (runs and change counts), one day's changes, one contract's
 * timeline, and the trend chart.
 */
import type {
  changeKind,
  historyDay as HistoryDay,
  runCounts,
  runEvent,
  runFailure,
  runSource,
  runStatus,
  trend,
} from '../../../contract/index.ts';
import type { contractRecord } from '../../../contract/index.ts';
import type { ChangeFilter, HistoryDaysOptions, StoredChange } from '../store.ts';
import { codesShownWhole, type KeptChange, showChanges } from '../common/history.ts';
import { changeQueryWords } from '../common/search.ts';
import type { SqliteContext } from './context.ts';
import { CHANGE_COLUMNS, type ChangeRow, type CountRow, type RunEventRow, toKeptChange, toRunEvent } from './rows.ts';

interface DayRunRow {
  id: string;
  date: string;
  source: runSource;
  status: runStatus;
  started_at: string;
  failure: string | null;
}

interface KindCountRow {
  date: string;
  kind: changeKind;
  n: number;
}

/** `%`, `_` and the escape character itself must not act as wildcards in a user's search. */
function likeWord(w: string): string {
  return `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The ChangeFilter as SQL over `changes`, for the day list and a day's changes alike (their
 * counts must agree). `sql` is '' when nothing filters; the LIKE per word mirrors the memory
 * store's `includes`, and the statement text only varies with the number of words.
 */
function changeFilterSql(filter: ChangeFilter): { sql: string; params: Record<string, string> } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (filter.kind) {
    where.push('kind = @kind');
    params.kind = filter.kind;
  }
  changeQueryWords(filter.q).forEach((w, i) => {
    where.push(`search LIKE @w${i} ESCAPE '\\'`);
    params[`w${i}`] = likeWord(w);
  });
  return { sql: where.map((w) => ` AND ${w}`).join(''), params };
}

export function historyDays(
  ctx: SqliteContext,
  orgId: string,
  opts: HistoryDaysOptions,
): { days: HistoryDay[]; nextBefore: string | null } {
  // '' sorts before any date and '~' after any, so absent bounds need no SQL variant.
  const before = opts.before ?? '~';
  const from = opts.from ?? '';
  const filter = changeFilterSql(opts);
  // Unfiltered, a day with runs but no change is listed too; filtered, only days with a
  // matching change are (walking changes_org_date newest first, stopping after limit + 1 days).
  const datesSql =
    filter.sql === ''
      ? `SELECT date FROM (SELECT date FROM runs WHERE org = @org UNION SELECT date FROM changes WHERE org = @org)
         WHERE date < @before AND date >= @from ORDER BY date DESC LIMIT @limit`
      : `SELECT DISTINCT date FROM changes WHERE org = @org AND date < @before AND date >= @from${filter.sql}
         ORDER BY date DESC LIMIT @limit`;
  const dates = ctx
    .stmt<{ date: string }>(datesSql)
    .all({ ...filter.params, org: orgId, before, from, limit: opts.limit + 1 })
    .map((r) => r.date);
  const more = dates.length > opts.limit;
  const shown = dates.slice(0, opts.limit);
  if (shown.length === 0) return { days: [], nextBefore: null };

  const oldest = shown[shown.length - 1];
  const newest = shown[0];
  const byDate = new Map<string, HistoryDay>(
    shown.map((date) => [date, { date, runs: [], added: 0, updated: 0, archived: 0, rejected: 0, fixed: 0 }]),
  );
  const dayRuns = ctx
    .stmt<DayRunRow>(
      'SELECT id, date, source, status, started_at, failure FROM runs WHERE org = ? AND date BETWEEN ? AND ? ORDER BY started_at, id',
    )
    .all(orgId, oldest, newest);
  const events = new Map<string, runEvent[]>();
  for (const e of ctx
    .stmt<RunEventRow>(
      `SELECT e.run_id, e.at, e.action, e.actor_sub, e.actor_name FROM run_events e JOIN runs r ON r.id = e.run_id
       WHERE r.org = ? AND r.date BETWEEN ? AND ? ORDER BY e.id`,
    )
    .iterate(orgId, oldest, newest)) {
    const list = events.get(e.run_id);
    if (list) list.push(toRunEvent(e));
    else events.set(e.run_id, [toRunEvent(e)]);
  }
  for (const r of dayRuns) {
    byDate.get(r.date)?.runs.push({
      id: r.id,
      source: r.source,
      status: r.status,
      startedAt: r.started_at,
      failure: r.status === 'failed' ? ((r.failure ?? 'internal') as runFailure) : null,
      events: events.get(r.id) ?? [],
    });
  }
  for (const r of ctx
    .stmt<KindCountRow>(
      `SELECT date, kind, COUNT(*) AS n FROM changes WHERE org = @org AND date BETWEEN @oldest AND @newest${filter.sql} GROUP BY date, kind`,
    )
    .iterate({ ...filter.params, org: orgId, oldest, newest })) {
    const day = byDate.get(r.date);
    if (day) day[r.kind] = r.n;
  }
  return { days: shown.map((d) => byDate.get(d) as HistoryDay), nextBefore: more ? oldest : null };
}

export function historyDay(
  ctx: SqliteContext,
  orgId: string,
  date: string,
  opts: ChangeFilter & { limit: number; offset: number },
): { total: number; changes: StoredChange[] } {
  const filter = changeFilterSql(opts);
  const params = { ...filter.params, org: orgId, date };
  const sql = `org = @org AND date = @date${filter.sql}`;
  const total = ctx.stmt<CountRow>(`SELECT COUNT(*) AS n FROM changes WHERE ${sql}`).get(params)?.n ?? 0;
  // Latest run of the day first; within a run, the order the pipeline produced.
  const page = ctx
    .stmt<ChangeRow>(`SELECT ${CHANGE_COLUMNS} FROM changes WHERE ${sql} ORDER BY at DESC, id ASC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: opts.limit, offset: opts.offset })
    .map(toKeptChange);
  return { total, changes: served(ctx, orgId, page) };
}

/**
 * A page of changes as served: whole-contract changes are rebuilt from the contracts' current
 * versions and their later changes (common/history.ts), two indexed reads for the whole page.
 */
function served(ctx: SqliteContext, orgId: string, page: KeptChange[]): StoredChange[] {
  const codes = codesShownWhole(page);
  if (codes.length === 0) return showChanges(page, new Map(), new Map());
  const oldest = Math.min(...page.filter((c) => c.whole !== null).map((c) => c.seq));
  const list = JSON.stringify(codes);
  const current = new Map<string, contractRecord>();
  for (const r of ctx
    .stmt<{ code: string; data: string }>('SELECT code, data FROM contracts WHERE org = ? AND code IN (SELECT value FROM json_each(?))')
    .iterate(orgId, list)) {
    current.set(r.code, JSON.parse(r.data) as contractRecord);
  }
  const later = new Map<string, KeptChange[]>();
  for (const r of ctx
    .stmt<ChangeRow>(
      `SELECT ${CHANGE_COLUMNS} FROM changes WHERE org = ? AND code IN (SELECT value FROM json_each(?)) AND id >= ? ORDER BY id DESC`,
    )
    .iterate(orgId, list, oldest)) {
    const c = toKeptChange(r);
    const l = later.get(c.codeContrat);
    if (l) l.push(c);
    else later.set(c.codeContrat, [c]);
  }
  return showChanges(page, current, later);
}

export function timeline(ctx: SqliteContext, orgId: string, code: string): StoredChange[] {
  const all = ctx
    .stmt<ChangeRow>(`SELECT ${CHANGE_COLUMNS} FROM changes WHERE org = ? AND code = ? ORDER BY at DESC, id DESC`)
    .all(orgId, code)
    .map(toKeptChange);
  return served(ctx, orgId, all);
}

export function trendOf(ctx: SqliteContext, orgId: string, days: number): trend {
  // The state at the end of a day is what that day's last succeeded run left.
  const rows = ctx
    .stmt<{ date: string; counts: string }>(
      `SELECT date, counts FROM (
         SELECT date, counts, ROW_NUMBER() OVER (PARTITION BY date ORDER BY started_at DESC, id DESC) AS rn
         FROM runs WHERE org = ? AND status = 'succeeded')
       WHERE rn = 1 ORDER BY date DESC LIMIT ?`,
    )
    .all(orgId, days);
  const points = rows.reverse().map((r) => {
    const c = JSON.parse(r.counts) as runCounts;
    return { date: r.date, integrated: c.integrated, rejected: c.rejected };
  });
  return { points };
}
