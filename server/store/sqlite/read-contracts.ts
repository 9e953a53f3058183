/**
 * The Données tables (listContracts), the summary card and the sync API's listings.
 * Listing SQL is assembled from fixed fragments (never from user text: values are bound).
 */
import type { contractRecord, reason, reasonCode } from '../../../contract/index.ts';
import type { ContractRow as ListRow, ContractRows, ContractsFilter, SummaryFacts } from '../store.ts';
import { queryWords } from '../common/search.ts';
import { sessionOfData, toSyncShape } from '../common/shape.ts';
import { orderTerms } from '../common/sort.ts';
import type { SqliteContext } from './context.ts';
import { summaryOf } from './read-state.ts';
import { decodeBlock } from './received.ts';
import { ftsQuery } from './search-index.ts';
import { searchIntegrated } from './search-integrated.ts';
import {
  CONTRACT_LIST_COLUMNS,
  type ContractListRow,
  type CountRow,
  REJECTION_COLUMNS,
  type RejectionRow,
  RUN_COLUMNS,
  type RunRow,
  toListRow,
} from './rows.ts';
import { decodeRecord } from '../common/record-codec.ts';

interface ReasonCountRow {
  code: reasonCode;
  n: number;
}

type Params = Record<string, string | number>;

/**
 * FROM and WHERE (without the reason filter) and their bound values, for table alias `x`. A
 * search starts from the full-text index (CROSS JOIN fixes that order): its organisation-scoped
 * matches are few, where walking every row of a 100,000-contract organisation is not.
 */
function baseWhere(
  ctx: SqliteContext,
  filter: ContractsFilter,
  orgId: string,
  table: 'contracts' | 'rejections',
): { from: string; sql: string; params: Params } {
  const params: Params = { org: orgId };
  const where = ['x.org = @org'];
  let from = `${table} x`;
  if (table === 'contracts') {
    where.push('x.status = @status');
    params.status = filter.status;
  }
  const words = queryWords(filter.q);
  if (words.length > 0) {
    // Every indexed word carries the organisation's token: the index answers for this organisation only.
    from = `${table}_fts f CROSS JOIN ${table} x ON x.id = f.rowid`;
    where.push(`f.${table}_fts MATCH @q`);
    params.q = ftsQuery(ctx.orgToken(orgId), words);
  }
  if (filter.formation !== undefined && filter.formation !== '') {
    where.push('(x.f_code = @formation OR x.f_name = @formation)');
    params.formation = filter.formation;
  }
  return { from, sql: where.join(' AND '), params };
}

const REASON_CLAUSE = ' AND EXISTS (SELECT 1 FROM rejection_reasons rr WHERE rr.org = x.org AND rr.code = x.code AND rr.reason = @reason)';

interface RejectionListRow extends RejectionRow {
  has_valid: number;
  has_session: number;
}

export function listContracts(ctx: SqliteContext, orgId: string, filter: ContractsFilter): ContractRows {
  // The admin search: its count, reason counts and order from the per-run ranks (search-integrated.ts).
  if (filter.status === 'integrated' && (filter.formation ?? '') === '' && queryWords(filter.q).length > 0) {
    const found = searchIntegrated(ctx, orgId, filter);
    if (found) return found;
  }
  const table = filter.status === 'rejected' ? 'rejections' : 'contracts';
  const base = baseWhere(ctx, filter, orgId, table);
  const where = filter.reason ? base.sql + REASON_CLAUSE : base.sql;
  const params: Params = filter.reason ? { ...base.params, reason: filter.reason } : base.params;
  const orderBy = orderTerms(filter.sort, filter.order)
    .map((t) => `x.${t.column} ${t.desc ? 'DESC' : 'ASC'}`)
    .join(', ');

  const total = ctx.stmt<CountRow>(`SELECT COUNT(*) AS n FROM ${base.from} WHERE ${where}`).get(params)?.n ?? 0;
  const reasonCounts = ctx
    .stmt<ReasonCountRow>(
      `SELECT rr.reason AS code, COUNT(*) AS n FROM ${base.from} JOIN rejection_reasons rr ON rr.org = x.org AND rr.code = x.code
       WHERE ${base.sql} GROUP BY rr.reason ORDER BY n DESC, rr.reason ASC`,
    )
    .all(base.params)
    .map((r) => ({ code: r.code, count: r.n }));
  const page = { ...params, limit: filter.limit, offset: filter.offset };

  let items: ListRow[];
  if (table === 'contracts') {
    items = ctx
      .stmt<ContractListRow>(
        `SELECT ${CONTRACT_LIST_COLUMNS} FROM ${base.from} LEFT JOIN rejections r ON r.org = x.org AND r.code = x.code
         WHERE ${where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`,
      )
      .all(page)
      .map(toListRow);
  } else {
    const received =
      ctx
        .stmt<{ finished_at: string | null }>(
          `SELECT finished_at FROM runs WHERE org = ? AND status = 'succeeded' ORDER BY started_at DESC, id DESC LIMIT 1`,
        )
        .get(orgId)?.finished_at ?? null;
    const cols = REJECTION_COLUMNS.split(', ')
      .map((c) => `x.${c}`)
      .join(', ');
    items = ctx
      .stmt<RejectionListRow>(
        `SELECT ${cols},
           EXISTS (SELECT 1 FROM contracts c WHERE c.org = x.org AND c.code = x.code AND c.status = 'integrated') AS has_valid,
           EXISTS (SELECT 1 FROM sessions s WHERE s.org = x.org AND s.site = json_extract(x.data, '$.codeSite')
             AND s.periode = json_extract(x.data, '$.codePeriode') AND s.formation = json_extract(x.data, '$.codeFormation')
             AND s.annee = json_extract(x.data, '$.codeAnnee') AND s.groupe = json_extract(x.data, '$.codeGroupe')) AS has_session
         FROM ${base.from} WHERE ${where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`,
      )
      .all(page)
      .map((r) => {
        const data = JSON.parse(r.data) as contractRecord;
        return {
          codeContrat: r.code,
          status: 'rejected' as const,
          data,
          session: r.has_session ? sessionOfData(data) : null,
          since: r.since,
          // Every open rejection was last received by the latest applied run (write-rejections.ts).
          updatedAt: received ?? r.updated_at,
          reasons: JSON.parse(r.reasons) as reason[],
          hasValidVersion: r.has_valid === 1,
          origin: r.origin === null ? null : (JSON.parse(r.origin) as ListRow['origin']),
        };
      });
  }
  return { total, items, reasonCounts };
}

interface StatusCountRow {
  status: 'integrated' | 'archived';
  n: number;
}

export function summary(ctx: SqliteContext, orgId: string): SummaryFacts {
  const last = ctx.stmt<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE org = ? ORDER BY started_at DESC, id DESC LIMIT 1`).get(orgId);
  const totals = { integrated: 0, rejected: 0, archived: 0 };
  for (const r of ctx.stmt<StatusCountRow>('SELECT status, COUNT(*) AS n FROM contracts WHERE org = ? GROUP BY status').all(orgId)) {
    totals[r.status] = r.n;
  }
  totals.rejected = ctx.stmt<CountRow>('SELECT COUNT(*) AS n FROM rejections WHERE org = ?').get(orgId)?.n ?? 0;
  const topReasons = ctx
    .stmt<ReasonCountRow>(
      'SELECT reason AS code, COUNT(*) AS n FROM rejection_reasons WHERE org = ? GROUP BY reason ORDER BY n DESC, reason ASC LIMIT 5',
    )
    .all(orgId)
    .map((r) => ({ code: r.code, count: r.n }));
  return { lastRun: last ? summaryOf(ctx, last) : null, totals, topReasons };
}

interface DataRow {
  data: string;
}

export function syncContracts(
  ctx: SqliteContext,
  orgId: string,
  kind: 'integrated' | 'received',
  page: { limit: number; page: number },
): { total: number; contrats: Record<string, unknown>[] } {
  const offset = (Math.max(1, page.page) - 1) * page.limit;
  if (kind === 'integrated') {
    const total = ctx.stmt<CountRow>(`SELECT COUNT(*) AS n FROM contracts WHERE org = ? AND status = 'integrated'`).get(orgId)?.n ?? 0;
    const contrats = ctx
      .stmt<DataRow>(`SELECT data FROM contracts WHERE org = ? AND status = 'integrated' ORDER BY code LIMIT ? OFFSET ?`)
      .all(orgId, page.limit, offset)
      .map((r) => toSyncShape(decodeRecord(r.data)));
    return { total, contrats };
  }
  // The latest run that received anything: an empty file must not hide the last real snapshot.
  const run = ctx
    .stmt<{ id: string }>(
      `SELECT id FROM runs r WHERE org = ? AND EXISTS (SELECT 1 FROM run_received rr WHERE rr.run_id = r.id)
       ORDER BY started_at DESC, id DESC LIMIT 1`,
    )
    .get(orgId);
  if (!run) return { total: 0, contrats: [] };
  const blocks = ctx
    .stmt<{ first: number; records: number; chunk: number }>(
      `SELECT rr.first, c.records, rr.chunk FROM run_received rr JOIN received_chunks c ON c.id = rr.chunk
       WHERE rr.run_id = ? ORDER BY rr.seq`,
    )
    .all(run.id);
  const total = blocks.reduce((n, b) => n + b.records, 0);
  const end = offset + page.limit;
  const contrats: Record<string, unknown>[] = [];
  const body = ctx.stmt<{ body: Buffer }>('SELECT body FROM received_chunks WHERE id = ?');
  // Only the blocks the page overlaps are inflated.
  for (const b of blocks) {
    if (b.first + b.records <= offset || b.first >= end) continue;
    const row = body.get(b.chunk);
    if (!row) continue;
    const records = decodeBlock(row.body);
    for (let i = Math.max(0, offset - b.first); i < records.length && b.first + i < end; i++) contrats.push(records[i].fields);
  }
  return { total, contrats };
}
