/**
 * Reads of the run machinery: the state the pipeline diffs against, runs and their records,
 * one contract's facts.
 */
import { sessionKey, type contractRecord, type runSummary } from '../../../contract/index.ts';
import type { IntegratedContract, PreviousState, ReceivedRecord, Rejection } from '../../core/types.ts';
import type { ContractFacts } from '../store.ts';
import type { SqliteContext } from './context.ts';
import {
  CONTRACT_COLUMNS,
  REJECTION_COLUMNS,
  RUN_COLUMNS,
  sessionOfRow,
  toIntegrated,
  toRejection,
  toRunSummary,
  type ContractRow,
  type RejectionRow,
  type RunRecordRow,
  type RunRow,
} from './rows.ts';

interface SessionRow {
  site: string;
  periode: string;
  formation: string;
  annee: string;
  groupe: string;
}

/** One SELECT per table; for 100k contracts the cost is the JSON.parse of each data column. */
export function loadState(ctx: SqliteContext, orgId: string): PreviousState {
  const contracts = new Map<string, IntegratedContract>();
  for (const r of ctx.stmt<ContractRow>(`SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE org = ?`).iterate(orgId)) {
    contracts.set(r.code, toIntegrated(r));
  }
  const rejections = new Map<string, Rejection>();
  for (const r of ctx.stmt<RejectionRow>(`SELECT ${REJECTION_COLUMNS} FROM rejections WHERE org = ?`).iterate(orgId)) {
    rejections.set(r.code, toRejection(r));
  }
  const sessions = new Set<string>();
  for (const r of ctx.stmt<SessionRow>('SELECT site, periode, formation, annee, groupe FROM sessions WHERE org = ?').iterate(orgId)) {
    sessions.add(
      sessionKey({ codeSite: r.site, codePeriode: r.periode, codeFormation: r.formation, codeAnnee: r.annee, codeGroupe: r.groupe }),
    );
  }
  return { contracts, rejections, sessions };
}

export function getRun(ctx: SqliteContext, orgId: string, runId: string): runSummary | null {
  const r = ctx.stmt<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ? AND org = ?`).get(runId, orgId);
  return r ? toRunSummary(r) : null;
}

export function getRunRecords(ctx: SqliteContext, orgId: string, runId: string): ReceivedRecord[] {
  const rows = ctx
    .stmt<RunRecordRow>(
      `SELECT rr.idx, rr.line, rr.raw, rr.fields, rr.malformed FROM run_records rr JOIN runs r ON r.id = rr.run_id
       WHERE rr.run_id = ? AND r.org = ? ORDER BY rr.pos`,
    )
    .all(runId, orgId);
  return rows.map((r) => {
    const rec: ReceivedRecord = {
      index: r.idx,
      raw: JSON.parse(r.raw) as unknown,
      fields: JSON.parse(r.fields) as ReceivedRecord['fields'],
    };
    // Optional properties stay absent (not undefined) so a record reads back as it was given.
    if (r.malformed !== null) rec.malformed = r.malformed;
    if (r.line !== null) rec.line = r.line;
    return rec;
  });
}

export function getContract(ctx: SqliteContext, orgId: string, code: string): ContractFacts | null {
  const c = ctx.stmt<ContractRow>(`SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE org = ? AND code = ?`).get(orgId, code);
  const r = ctx.stmt<RejectionRow>(`SELECT ${REJECTION_COLUMNS} FROM rejections WHERE org = ? AND code = ?`).get(orgId, code);
  if (!c && !r) return null;
  return {
    platform: c
      ? { status: c.status, data: JSON.parse(c.data) as contractRecord, session: sessionOfRow(c), since: c.since, updatedAt: c.updated_at }
      : null,
    rejection: r ? (({ data, reasons, since, origin }) => ({ data, reasons, since, origin }))(toRejection(r)) : null,
  };
}
