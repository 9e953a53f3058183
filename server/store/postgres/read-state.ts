/**
 * Reads of the run machinery: the state a run diffs against, runs and their records, one
 * contract's facts, what a held run would do.
 */
import { sessionKey, type reason, type runSummary } from '../../../contract/index.ts';
import type { ContractFingerprint, IntegratedContract, ReceivedRecord, Rejection, StateReader } from '../../core/types.ts';
import { queryWords } from '../common/search.ts';
import type { ContractFacts, HeldEffect } from '../store.ts';
import { binder, one, type PgContext, type Queryable, rows } from './context.ts';
import { decodeBlock } from './received.ts';
import {
  CONTRACT_COLUMNS,
  type ContractRow,
  REJECTION_COLUMNS,
  type RejectionRow,
  RUN_COLUMNS,
  type RunEventRow,
  type RunRow,
  sessionOfRow,
  toIntegrated,
  toRejection,
  toRunEvent,
  toRunSummary,
} from './rows.ts';
import { prefixQuery } from './search.ts';

interface SessionRow {
  site: string;
  periode: string;
  formation: string;
  annee: string;
  groupe: string;
}

/** Fingerprints and streaks only: 100,000 contracts cost their codes and hashes, not their data. */
export async function stateReader(ctx: PgContext, orgId: string): Promise<StateReader> {
  const fingerprints = new Map<string, ContractFingerprint>();
  for (const r of await rows<{ code: string; status: 'integrated' | 'archived'; hash: string }>(
    ctx.pool,
    'SELECT code, status, hash FROM contracts WHERE org = $1',
    [orgId],
  )) {
    fingerprints.set(r.code, { status: r.status, hash: r.hash });
  }
  const rejections = new Map<string, { since: string; reasons: reason[] }>();
  for (const r of await rows<{ code: string; since: string; reasons: string }>(
    ctx.pool,
    'SELECT code, since, reasons FROM rejections WHERE org = $1',
    [orgId],
  )) {
    rejections.set(r.code, { since: r.since, reasons: JSON.parse(r.reasons) as reason[] });
  }
  const sessions = new Set<string>();
  for (const r of await rows<SessionRow>(ctx.pool, 'SELECT site, periode, formation, annee, groupe FROM sessions WHERE org = $1', [
    orgId,
  ])) {
    sessions.add(
      sessionKey({ codeSite: r.site, codePeriode: r.periode, codeFormation: r.formation, codeAnnee: r.annee, codeGroupe: r.groupe }),
    );
  }
  return {
    fingerprints,
    rejections,
    sessions,
    async contracts(codes): Promise<IntegratedContract[]> {
      return (
        await rows<ContractRow>(ctx.pool, `SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE org = $1 AND code = ANY($2::text[])`, [
          orgId,
          codes,
        ])
      ).map(toIntegrated);
    },
  };
}

async function eventsOf(db: Queryable, runId: string) {
  return (
    await rows<RunEventRow>(db, 'SELECT run_id, at, action, actor_sub, actor_name FROM run_events WHERE run_id = $1 ORDER BY id', [runId])
  ).map(toRunEvent);
}

export async function summaryOf(db: Queryable, r: RunRow): Promise<runSummary> {
  return toRunSummary(r, await eventsOf(db, r.id));
}

export async function getRun(ctx: PgContext, orgId: string, runId: string): Promise<runSummary | null> {
  const r = await one<RunRow>(ctx.pool, `SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1 AND org = $2`, [runId, orgId]);
  return r ? summaryOf(ctx.pool, r) : null;
}

export async function lastAppliedRun(ctx: PgContext, orgId: string): Promise<runSummary | null> {
  const r = await one<RunRow>(
    ctx.pool,
    `SELECT ${RUN_COLUMNS} FROM runs WHERE org = $1 AND status = 'succeeded' ORDER BY started_at DESC, id DESC LIMIT 1`,
    [orgId],
  );
  return r ? summaryOf(ctx.pool, r) : null;
}

/** Block by block: approving a held run of a million records never holds them all. */
export async function* readReceived(ctx: PgContext, orgId: string, runId: string): AsyncIterable<ReceivedRecord[]> {
  const blocks = await rows<{ chunk: string }>(
    ctx.pool,
    'SELECT rr.chunk FROM run_received rr JOIN runs r ON r.id = rr.run_id WHERE rr.run_id = $1 AND r.org = $2 ORDER BY rr.seq',
    [runId, orgId],
  );
  for (const b of blocks) {
    const row = await one<{ body: Buffer }>(ctx.pool, 'SELECT body FROM received_chunks WHERE id = $1', [b.chunk]);
    if (row) yield await decodeBlock(row.body);
  }
}

export async function getContract(ctx: PgContext, orgId: string, code: string): Promise<ContractFacts | null> {
  const c = await one<ContractRow>(ctx.pool, `SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE org = $1 AND code = $2`, [orgId, code]);
  const r = await one<RejectionRow>(ctx.pool, `SELECT ${REJECTION_COLUMNS} FROM rejections WHERE org = $1 AND code = $2`, [orgId, code]);
  if (!c && !r) return null;
  const platform = c ? toIntegrated(c) : null;
  return {
    platform:
      platform && c
        ? { status: platform.status, data: platform.data, session: sessionOfRow(c), since: platform.since, updatedAt: platform.updatedAt }
        : null,
    rejection: r ? (({ data, reasons, since, origin }) => ({ data, reasons, since, origin }))(toRejection(r)) : null,
  };
}

export async function heldEffects(
  ctx: PgContext,
  orgId: string,
  runId: string,
  page: { kind?: HeldEffect['kind']; q?: string; limit: number; offset: number },
): Promise<{ total: number; items: HeldEffect[] }> {
  const b = binder();
  const where = [`e.run_id = ${b.p(runId)}`, `r.org = ${b.p(orgId)}`];
  if (page.kind) where.push(`e.kind = ${b.p(page.kind)}`);
  const qWords = queryWords(page.q);
  // The search of the Données tables, on the contracts the held run would change.
  if (qWords.length > 0) where.push(`c.words @@ ${b.p(prefixQuery(qWords))}::tsquery`);
  const from = 'FROM held_effects e JOIN runs r ON r.id = e.run_id JOIN contracts c ON c.org = r.org AND c.code = e.code';
  const sql = where.join(' AND ');
  const total = (await one<{ n: number }>(ctx.pool, `SELECT COUNT(*)::int AS n ${from} WHERE ${sql}`, b.params))?.n ?? 0;
  const items = (
    await rows<{ kind: HeldEffect['kind']; code: string; fields: string | null }>(
      ctx.pool,
      `SELECT e.kind, e.code, e.fields ${from} WHERE ${sql} ORDER BY e.kind, c.nom_f, c.prenom_f, e.code
       LIMIT ${b.p(page.limit)} OFFSET ${b.p(page.offset)}`,
      b.params,
    )
  ).map((e) => ({ kind: e.kind, code: e.code, fields: e.fields === null ? [] : (JSON.parse(e.fields) as string[]) }));
  return { total, items };
}

export async function runRejections(
  ctx: PgContext,
  orgId: string,
  runId: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; rejections: Rejection[] } | null> {
  const run = await getRun(ctx, orgId, runId);
  if (!run) return null;
  if (run.status === 'held') {
    const total = (await one<{ n: number }>(ctx.pool, 'SELECT COUNT(*)::int AS n FROM held_rejections WHERE run_id = $1', [runId]))?.n ?? 0;
    const rejections = (
      await rows<RejectionRow>(
        ctx.pool,
        `SELECT code, data, reasons, since, '' AS updated_at, idx, origin FROM held_rejections
         WHERE run_id = $1 ORDER BY idx, code LIMIT $2 OFFSET $3`,
        [runId, page.limit, page.offset],
      )
    ).map(toRejection);
    return { total, rejections };
  }
  // The open rejections are the last applied run's: any other run's are gone.
  if ((await lastAppliedRun(ctx, orgId))?.id !== runId) return null;
  const total = (await one<{ n: number }>(ctx.pool, 'SELECT COUNT(*)::int AS n FROM rejections WHERE org = $1', [orgId]))?.n ?? 0;
  const rejections = (
    await rows<RejectionRow>(ctx.pool, `SELECT ${REJECTION_COLUMNS} FROM rejections WHERE org = $1 ORDER BY idx, code LIMIT $2 OFFSET $3`, [
      orgId,
      page.limit,
      page.offset,
    ])
  ).map(toRejection);
  return { total, rejections };
}
