/**
 * The Historique screen: days (runs and change counts), one day's changes, one contract's
 * timeline, and the trend chart.
 */
import type {
  changeKind,
  contractRecord,
  historyDay as HistoryDay,
  runCounts,
  runEvent,
  runFailure,
  runSource,
  runStatus,
  trend,
} from '../../../contract/index.ts';
import { codesShownWhole, type KeptChange, showChanges } from '../common/history.ts';
import { decodeRecord } from '../common/record-codec.ts';
import { changeQueryWords } from '../common/search.ts';
import type { ChangeFilter, HistoryDaysOptions, StoredChange } from '../store.ts';
import { binder, one, type PgContext, rows } from './context.ts';
import { CHANGE_COLUMNS, type ChangeRow, type CountRow, type RunEventRow, toKeptChange, toRunEvent } from './rows.ts';

interface DayRunRow {
  id: string;
  date: string;
  source: runSource;
  status: runStatus;
  started_at: string;
  failure: string | null;
}

/**
 * The ChangeFilter as SQL over `changes`, for the day list and a day's changes alike (their
 * counts must agree): every folded query word occurs in the folded search text (strpos, no
 * wildcard to escape), as the memory store's `includes` and SQLite's LIKE.
 */
function changeFilterSql(filter: ChangeFilter, p: (v: unknown) => string): string {
  let sql = '';
  if (filter.kind) sql += ` AND kind = ${p(filter.kind)}`;
  for (const w of changeQueryWords(filter.q)) sql += ` AND strpos(search, ${p(w)}) > 0`;
  return sql;
}

export async function historyDays(
  ctx: PgContext,
  orgId: string,
  opts: HistoryDaysOptions,
): Promise<{ days: HistoryDay[]; nextBefore: string | null }> {
  // '' sorts before any date and '~' after any, so absent bounds need no SQL variant.
  const before = opts.before ?? '~';
  const from = opts.from ?? '';
  const b = binder();
  const org = b.p(orgId);
  const filter = changeFilterSql(opts, b.p);
  const datesSql =
    filter === ''
      ? `SELECT date FROM (SELECT date FROM runs WHERE org = ${org} UNION SELECT date FROM changes WHERE org = ${org}) d
         WHERE date < ${b.p(before)} AND date >= ${b.p(from)} ORDER BY date DESC LIMIT ${b.p(opts.limit + 1)}`
      : `SELECT DISTINCT date FROM changes WHERE org = ${org} AND date < ${b.p(before)} AND date >= ${b.p(from)}${filter}
         ORDER BY date DESC LIMIT ${b.p(opts.limit + 1)}`;
  const dates = (await rows<{ date: string }>(ctx.pool, datesSql, b.params)).map((r) => r.date);
  const more = dates.length > opts.limit;
  const shown = dates.slice(0, opts.limit);
  if (shown.length === 0) return { days: [], nextBefore: null };

  const oldest = shown[shown.length - 1];
  const newest = shown[0];
  const byDate = new Map<string, HistoryDay>(
    shown.map((date) => [date, { date, runs: [], added: 0, updated: 0, archived: 0, rejected: 0, fixed: 0 }]),
  );
  const dayRuns = await rows<DayRunRow>(
    ctx.pool,
    'SELECT id, date, source, status, started_at, failure FROM runs WHERE org = $1 AND date BETWEEN $2 AND $3 ORDER BY started_at, id',
    [orgId, oldest, newest],
  );
  const events = new Map<string, runEvent[]>();
  for (const e of await rows<RunEventRow>(
    ctx.pool,
    `SELECT e.run_id, e.at, e.action, e.actor_sub, e.actor_name FROM run_events e JOIN runs r ON r.id = e.run_id
     WHERE r.org = $1 AND r.date BETWEEN $2 AND $3 ORDER BY e.id`,
    [orgId, oldest, newest],
  )) {
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
  const k = binder();
  const kOrg = k.p(orgId);
  const kFrom = k.p(oldest);
  const kTo = k.p(newest);
  for (const r of await rows<{ date: string; kind: changeKind; n: number }>(
    ctx.pool,
    `SELECT date, kind, COUNT(*)::int AS n FROM changes WHERE org = ${kOrg} AND date BETWEEN ${kFrom} AND ${kTo}${changeFilterSql(opts, k.p)}
     GROUP BY date, kind`,
    k.params,
  )) {
    const day = byDate.get(r.date);
    if (day) day[r.kind] = r.n;
  }
  return { days: shown.map((d) => byDate.get(d) as HistoryDay), nextBefore: more ? oldest : null };
}

export async function historyDay(
  ctx: PgContext,
  orgId: string,
  date: string,
  opts: ChangeFilter & { limit: number; offset: number },
): Promise<{ total: number; changes: StoredChange[] }> {
  const b = binder();
  const sql = `org = ${b.p(orgId)} AND date = ${b.p(date)}${changeFilterSql(opts, b.p)}`;
  const total = (await one<CountRow>(ctx.pool, `SELECT COUNT(*)::int AS n FROM changes WHERE ${sql}`, b.params))?.n ?? 0;
  // Latest run of the day first; within a run, the order the pipeline produced.
  const page = (
    await rows<ChangeRow>(
      ctx.pool,
      `SELECT ${CHANGE_COLUMNS} FROM changes WHERE ${sql} ORDER BY at DESC, id ASC LIMIT ${b.p(opts.limit)} OFFSET ${b.p(opts.offset)}`,
      b.params,
    )
  ).map(toKeptChange);
  return { total, changes: await served(ctx, orgId, page) };
}

/**
 * A page of changes as served: whole-contract changes are rebuilt from the contracts' current
 * versions and their later changes (common/history.ts), two indexed reads for the whole page.
 */
async function served(ctx: PgContext, orgId: string, page: KeptChange[]): Promise<StoredChange[]> {
  const codes = codesShownWhole(page);
  if (codes.length === 0) return showChanges(page, new Map(), new Map());
  const oldest = Math.min(...page.filter((c) => c.whole !== null).map((c) => c.seq));
  const current = new Map<string, contractRecord>();
  for (const r of await rows<{ code: string; data: string }>(
    ctx.pool,
    'SELECT code, data FROM contracts WHERE org = $1 AND code = ANY($2::text[])',
    [orgId, codes],
  )) {
    current.set(r.code, decodeRecord(r.data));
  }
  const later = new Map<string, KeptChange[]>();
  for (const r of await rows<ChangeRow>(
    ctx.pool,
    `SELECT ${CHANGE_COLUMNS} FROM changes WHERE org = $1 AND code = ANY($2::text[]) AND id >= $3 ORDER BY id DESC`,
    [orgId, codes, oldest],
  )) {
    const c = toKeptChange(r);
    const l = later.get(c.codeContrat);
    if (l) l.push(c);
    else later.set(c.codeContrat, [c]);
  }
  return showChanges(page, current, later);
}

export async function timeline(ctx: PgContext, orgId: string, code: string): Promise<StoredChange[]> {
  const all = (
    await rows<ChangeRow>(ctx.pool, `SELECT ${CHANGE_COLUMNS} FROM changes WHERE org = $1 AND code = $2 ORDER BY at DESC, id DESC`, [
      orgId,
      code,
    ])
  ).map(toKeptChange);
  return served(ctx, orgId, all);
}

export async function trendOf(ctx: PgContext, orgId: string, days: number): Promise<trend> {
  // The state at the end of a day is what that day's last succeeded run left.
  const found = await rows<{ date: string; counts: string }>(
    ctx.pool,
    `SELECT date, counts FROM (
       SELECT date, counts, ROW_NUMBER() OVER (PARTITION BY date ORDER BY started_at DESC, id DESC) AS rn
       FROM runs WHERE org = $1 AND status = 'succeeded') d
     WHERE rn = 1 ORDER BY date DESC LIMIT $2`,
    [orgId, days],
  );
  const points = found.reverse().map((r) => {
    const c = JSON.parse(r.counts) as runCounts;
    return { date: r.date, integrated: c.integrated, rejected: c.rejected };
  });
  return { points };
}
