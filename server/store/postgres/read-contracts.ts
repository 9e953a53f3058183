/**
 * The Données tables (listContracts), the summary card and the sync API's listings.
 * Listing SQL is assembled from fixed fragments (never from user text: values are bound).
 */
import type { contractRecord, reason, reasonCode } from '../../../contract/index.ts';
import { decodeRecord } from '../common/record-codec.ts';
import { queryWords } from '../common/search.ts';
import { sessionOfData, toSyncShape } from '../common/shape.ts';
import { orderTerms } from '../common/sort.ts';
import type { ContractRows, ContractsFilter, ContractRow as ListRow, SummaryFacts } from '../store.ts';
import { binder, one, type PgContext, rows } from './context.ts';
import { decodeBlock } from './received.ts';
import { summaryOf } from './read-state.ts';
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
import { prefixQuery } from './search.ts';
import { searchIntegrated } from './search-integrated.ts';

interface ReasonCountRow {
  code: reasonCode;
  n: number;
}

interface RejectionListRow extends RejectionRow {
  has_valid: boolean;
  has_session: boolean;
}

/** WHERE (without the reason filter) for table alias `x`, binding through `p`. */
function baseWhere(p: (v: unknown) => string, filter: ContractsFilter, orgId: string, table: 'contracts' | 'rejections'): string {
  const where = [`x.org = ${p(orgId)}`];
  if (table === 'contracts') where.push(`x.status = ${p(filter.status)}`);
  const words = queryWords(filter.q);
  if (words.length > 0) where.push(`x.words @@ ${p(prefixQuery(words))}::tsquery`);
  if (filter.formation !== undefined && filter.formation !== '') {
    const f = p(filter.formation);
    where.push(`(x.f_code = ${f} OR x.f_name = ${f})`);
  }
  return where.join(' AND ');
}

export async function listContracts(ctx: PgContext, orgId: string, filter: ContractsFilter): Promise<ContractRows> {
  // The admin search: its count, reason counts and order from the per-run ranks (search-integrated.ts).
  if (filter.status === 'integrated' && (filter.formation ?? '') === '' && queryWords(filter.q).length > 0) {
    const found = await searchIntegrated(ctx, orgId, filter);
    if (found) return found;
  }
  const table = filter.status === 'rejected' ? 'rejections' : 'contracts';
  const orderBy = orderTerms(filter.sort, filter.order)
    .map((t) => `x.${t.column} ${t.desc ? 'DESC' : 'ASC'}`)
    .join(', ');

  const counts = binder();
  const countsWhere = baseWhere(counts.p, filter, orgId, table);
  const reasonCounts = (
    await rows<ReasonCountRow>(
      ctx.pool,
      `SELECT rr.reason AS code, COUNT(*)::int AS n FROM ${table} x JOIN rejection_reasons rr ON rr.org = x.org AND rr.code = x.code
       WHERE ${countsWhere} GROUP BY rr.reason ORDER BY n DESC, rr.reason ASC`,
      counts.params,
    )
  ).map((r) => ({ code: r.code, count: r.n }));

  const b = binder();
  let where = baseWhere(b.p, filter, orgId, table);
  if (filter.reason) {
    where += ` AND EXISTS (SELECT 1 FROM rejection_reasons rr WHERE rr.org = x.org AND rr.code = x.code AND rr.reason = ${b.p(filter.reason)})`;
  }
  const total = (await one<CountRow>(ctx.pool, `SELECT COUNT(*)::int AS n FROM ${table} x WHERE ${where}`, b.params))?.n ?? 0;
  const page = `ORDER BY ${orderBy} LIMIT ${b.p(filter.limit)} OFFSET ${b.p(filter.offset)}`;

  let items: ListRow[];
  if (table === 'contracts') {
    items = (
      await rows<ContractListRow>(
        ctx.pool,
        `SELECT ${CONTRACT_LIST_COLUMNS} FROM contracts x LEFT JOIN rejections r ON r.org = x.org AND r.code = x.code
         WHERE ${where} ${page}`,
        b.params,
      )
    ).map(toListRow);
  } else {
    const cols = REJECTION_COLUMNS.split(', ')
      .map((c) => `x.${c}`)
      .join(', ');
    items = (
      await rows<RejectionListRow>(
        ctx.pool,
        `SELECT ${cols},
           EXISTS (SELECT 1 FROM contracts c WHERE c.org = x.org AND c.code = x.code AND c.status = 'integrated') AS has_valid,
           EXISTS (SELECT 1 FROM sessions s WHERE s.org = x.org AND s.site = x.data::json->>'codeSite'
             AND s.periode = x.data::json->>'codePeriode' AND s.formation = x.data::json->>'codeFormation'
             AND s.annee = x.data::json->>'codeAnnee' AND s.groupe = x.data::json->>'codeGroupe') AS has_session
         FROM rejections x WHERE ${where} ${page}`,
        b.params,
      )
    ).map((r) => {
      const data = JSON.parse(r.data) as contractRecord;
      return {
        codeContrat: r.code,
        status: 'rejected' as const,
        data,
        session: r.has_session ? sessionOfData(data) : null,
        since: r.since,
        updatedAt: r.updated_at,
        reasons: JSON.parse(r.reasons) as reason[],
        hasValidVersion: r.has_valid,
        origin: r.origin === null ? null : (JSON.parse(r.origin) as ListRow['origin']),
      };
    });
  }
  return { total, items, reasonCounts };
}

export async function summary(ctx: PgContext, orgId: string): Promise<SummaryFacts> {
  const last = await one<RunRow>(ctx.pool, `SELECT ${RUN_COLUMNS} FROM runs WHERE org = $1 ORDER BY started_at DESC, id DESC LIMIT 1`, [
    orgId,
  ]);
  const totals = { integrated: 0, rejected: 0, archived: 0 };
  for (const r of await rows<{ status: 'integrated' | 'archived'; n: number }>(
    ctx.pool,
    'SELECT status, COUNT(*)::int AS n FROM contracts WHERE org = $1 GROUP BY status',
    [orgId],
  )) {
    totals[r.status] = r.n;
  }
  totals.rejected = (await one<CountRow>(ctx.pool, 'SELECT COUNT(*)::int AS n FROM rejections WHERE org = $1', [orgId]))?.n ?? 0;
  const topReasons = (
    await rows<ReasonCountRow>(
      ctx.pool,
      'SELECT reason AS code, COUNT(*)::int AS n FROM rejection_reasons WHERE org = $1 GROUP BY reason ORDER BY n DESC, reason ASC LIMIT 5',
      [orgId],
    )
  ).map((r) => ({ code: r.code, count: r.n }));
  return { lastRun: last ? await summaryOf(ctx.pool, last) : null, totals, topReasons };
}

export async function syncContracts(
  ctx: PgContext,
  orgId: string,
  kind: 'integrated' | 'received',
  page: { limit: number; page: number },
): Promise<{ total: number; contrats: Record<string, unknown>[] }> {
  const offset = (Math.max(1, page.page) - 1) * page.limit;
  if (kind === 'integrated') {
    const total =
      (await one<CountRow>(ctx.pool, `SELECT COUNT(*)::int AS n FROM contracts WHERE org = $1 AND status = 'integrated'`, [orgId]))?.n ?? 0;
    const contrats = (
      await rows<{ data: string }>(
        ctx.pool,
        `SELECT data FROM contracts WHERE org = $1 AND status = 'integrated' ORDER BY code LIMIT $2 OFFSET $3`,
        [orgId, page.limit, offset],
      )
    ).map((r) => toSyncShape(decodeRecord(r.data)));
    return { total, contrats };
  }
  // The latest run that received anything: an empty file must not hide the last real snapshot.
  const run = await one<{ id: string }>(
    ctx.pool,
    `SELECT id FROM runs r WHERE org = $1 AND EXISTS (SELECT 1 FROM run_received rr WHERE rr.run_id = r.id)
     ORDER BY started_at DESC, id DESC LIMIT 1`,
    [orgId],
  );
  if (!run) return { total: 0, contrats: [] };
  const blocks = await rows<{ first: number; records: number; chunk: string }>(
    ctx.pool,
    `SELECT rr.first, ch.records, rr.chunk FROM run_received rr JOIN received_chunks ch ON ch.id = rr.chunk
     WHERE rr.run_id = $1 ORDER BY rr.seq`,
    [run.id],
  );
  const total = blocks.reduce((n, b) => n + b.records, 0);
  const end = offset + page.limit;
  const contrats: Record<string, unknown>[] = [];
  // Only the blocks the page overlaps are inflated.
  for (const b of blocks) {
    if (b.first + b.records <= offset || b.first >= end) continue;
    const row = await one<{ body: Buffer }>(ctx.pool, 'SELECT body FROM received_chunks WHERE id = $1', [b.chunk]);
    if (!row) continue;
    const records = await decodeBlock(row.body);
    for (let i = Math.max(0, offset - b.first); i < records.length && b.first + i < end; i++) contrats.push(records[i].fields);
  }
  return { total, contrats };
}
