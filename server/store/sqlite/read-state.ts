/**
 * Reads of the run machinery: the state a run diffs against, runs and their records, one
 * contract's facts, what a held run would do.
 */
import { sessionKey, type runSummary } from '../../../contract/index.ts';
import type { ContractFingerprint, IntegratedContract, ReceivedRecord, Rejection, StateReader } from '../../core/types.ts';
import type { ContractFacts, HeldEffect } from '../store.ts';
import { queryWords } from '../common/search.ts';
import type { SqliteContext } from './context.ts';
import { ftsQuery } from './search-index.ts';
import { decodeBlock } from './received.ts';
import {
  CONTRACT_COLUMNS,
  REJECTION_COLUMNS,
  RUN_COLUMNS,
  type ContractRow,
  type RejectionRow,
  type RunEventRow,
  type RunRow,
  sessionOfRow,
  toIntegrated,
  toRejection,
  toRunEvent,
  toRunSummary,
} from './rows.ts';

interface SessionRow {
  site: string;
  periode: string;
  formation: string;
  annee: string;
  groupe: string;
}

const FINGERPRINT_PAGE = 20_000;

/** Fingerprints and streaks only: 100,000 contracts cost their codes and hashes, not their data. */
export function stateReader(ctx: SqliteContext, orgId: string): StateReader {
  const fingerprints = new Map<string, ContractFingerprint>();
  // Pages of rows as arrays, along the (org, code, status, hash) index: a third faster than
  // iterating row objects one by one (0.3 s of a 100,000-contract run's start), and a million
  // contracts never sit in one result.
  const pageSql = (from: '>=' | '>') =>
    `SELECT code, status, hash FROM contracts WHERE org = ? AND code ${from} ? ORDER BY code LIMIT ${FINGERPRINT_PAGE}`;
  type FingerprintRow = [code: string, status: 'integrated' | 'archived', hash: string];
  const first = ctx.stmt<FingerprintRow>(pageSql('>=')).raw(true);
  const next = ctx.stmt<FingerprintRow>(pageSql('>')).raw(true);
  for (let after: string | null = null; ; ) {
    const rows: FingerprintRow[] = after === null ? first.all(orgId, '') : next.all(orgId, after);
    for (const [code, status, hash] of rows) fingerprints.set(code, { status, hash });
    if (rows.length < FINGERPRINT_PAGE) break;
    after = rows[rows.length - 1][0];
  }
  const rejections = new Map<string, { since: string; reasons: ReturnType<typeof toRejection>['reasons'] }>();
  for (const r of ctx
    .stmt<{ code: string; since: string; reasons: string }>('SELECT code, since, reasons FROM rejections WHERE org = ?')
    .iterate(orgId)) {
    rejections.set(r.code, { since: r.since, reasons: JSON.parse(r.reasons) });
  }
  const sessions = new Set<string>();
  for (const r of ctx.stmt<SessionRow>('SELECT site, periode, formation, annee, groupe FROM sessions WHERE org = ?').iterate(orgId)) {
    sessions.add(
      sessionKey({ codeSite: r.site, codePeriode: r.periode, codeFormation: r.formation, codeAnnee: r.annee, codeGroupe: r.groupe }),
    );
  }
  const byCodes = ctx.stmt<ContractRow>(
    `SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE org = ? AND code IN (SELECT value FROM json_each(?))`,
  );
  return {
    fingerprints,
    rejections,
    sessions,
    async contracts(codes): Promise<IntegratedContract[]> {
      return byCodes.all(orgId, JSON.stringify(codes)).map(toIntegrated);
    },
  };
}

function eventsOf(ctx: SqliteContext, runId: string) {
  return ctx
    .stmt<RunEventRow>('SELECT run_id, at, action, actor_sub, actor_name FROM run_events WHERE run_id = ? ORDER BY id')
    .all(runId)
    .map(toRunEvent);
}

export function summaryOf(ctx: SqliteContext, r: RunRow): runSummary {
  return toRunSummary(r, eventsOf(ctx, r.id));
}

export function getRun(ctx: SqliteContext, orgId: string, runId: string): runSummary | null {
  const r = ctx.stmt<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ? AND org = ?`).get(runId, orgId);
  return r ? summaryOf(ctx, r) : null;
}

export function lastAppliedRun(ctx: SqliteContext, orgId: string): runSummary | null {
  const r = ctx
    .stmt<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE org = ? AND status = 'succeeded' ORDER BY started_at DESC, id DESC LIMIT 1`)
    .get(orgId);
  return r ? summaryOf(ctx, r) : null;
}

/** Block by block: approving a held run of a million records never holds them all. */
export async function* readReceived(ctx: SqliteContext, orgId: string, runId: string): AsyncIterable<ReceivedRecord[]> {
  const blocks = ctx
    .stmt<{ chunk: number }>(
      `SELECT rr.chunk FROM run_received rr JOIN runs r ON r.id = rr.run_id WHERE rr.run_id = ? AND r.org = ? ORDER BY rr.seq`,
    )
    .all(runId, orgId);
  const body = ctx.stmt<{ body: Buffer }>('SELECT body FROM received_chunks WHERE id = ?');
  for (const b of blocks) {
    const row = body.get(b.chunk);
    if (row) yield decodeBlock(row.body);
  }
}

export function getContract(ctx: SqliteContext, orgId: string, code: string): ContractFacts | null {
  const c = ctx.stmt<ContractRow>(`SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE org = ? AND code = ?`).get(orgId, code);
  const r = ctx.stmt<RejectionRow>(`SELECT ${REJECTION_COLUMNS} FROM rejections WHERE org = ? AND code = ?`).get(orgId, code);
  if (!c && !r) return null;
  const platform = c ? toIntegrated(c) : null;
  return {
    platform: platform
      ? {
          status: platform.status,
          data: platform.data,
          session: sessionOfRow(c as ContractRow),
          since: platform.since,
          updatedAt: platform.updatedAt,
        }
      : null,
    rejection: r ? (({ data, reasons, since, origin }) => ({ data, reasons, since, origin }))(toRejection(r)) : null,
  };
}

export function heldEffects(
  ctx: SqliteContext,
  orgId: string,
  runId: string,
  page: { kind?: HeldEffect['kind']; q?: string; limit: number; offset: number },
): { total: number; items: HeldEffect[] } {
  const where = ['e.run_id = @run', 'r.org = @org'];
  const params: Record<string, string | number> = { run: runId, org: orgId };
  if (page.kind) {
    where.push('e.kind = @kind');
    params.kind = page.kind;
  }
  const qWords = queryWords(page.q);
  if (qWords.length > 0) {
    // The search of the Données tables, on the contracts the held run would change.
    where.push('c.id IN (SELECT rowid FROM contracts_fts WHERE contracts_fts MATCH @q)');
    params.q = ftsQuery(ctx.orgToken(orgId), qWords);
  }
  const from = 'FROM held_effects e JOIN runs r ON r.id = e.run_id JOIN contracts c ON c.org = r.org AND c.code = e.code';
  const sql = where.join(' AND ');
  const total = ctx.stmt<{ n: number }>(`SELECT COUNT(*) AS n ${from} WHERE ${sql}`).get(params)?.n ?? 0;
  const items = ctx
    .stmt<{ kind: HeldEffect['kind']; code: string; fields: string | null }>(
      `SELECT e.kind, e.code, e.fields ${from} WHERE ${sql} ORDER BY e.kind, c.nom_f, c.prenom_f, e.code LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: page.limit, offset: page.offset })
    .map((e) => ({ kind: e.kind, code: e.code, fields: e.fields === null ? [] : (JSON.parse(e.fields) as string[]) }));
  return { total, items };
}

export function runRejections(
  ctx: SqliteContext,
  orgId: string,
  runId: string,
  page: { limit: number; offset: number },
): { total: number; rejections: Rejection[] } | null {
  const run = getRun(ctx, orgId, runId);
  if (!run) return null;
  if (run.status === 'held') {
    const total = ctx.stmt<{ n: number }>('SELECT COUNT(*) AS n FROM held_rejections WHERE run_id = ?').get(runId)?.n ?? 0;
    const rejections = ctx
      .stmt<RejectionRow>(
        `SELECT 0 AS id, code, data, reasons, since, '' AS updated_at, idx, origin FROM held_rejections
         WHERE run_id = ? ORDER BY idx, code LIMIT ? OFFSET ?`,
      )
      .all(runId, page.limit, page.offset)
      .map(toRejection);
    return { total, rejections };
  }
  // The open rejections are the last applied run's: any other run's are gone.
  if (lastAppliedRun(ctx, orgId)?.id !== runId) return null;
  const total = ctx.stmt<{ n: number }>('SELECT COUNT(*) AS n FROM rejections WHERE org = ?').get(orgId)?.n ?? 0;
  const rejections = ctx
    .stmt<RejectionRow>(`SELECT ${REJECTION_COLUMNS} FROM rejections WHERE org = ? ORDER BY idx, code LIMIT ? OFFSET ?`)
    .all(orgId, page.limit, page.offset)
    .map(toRejection);
  return { total, rejections };
}
