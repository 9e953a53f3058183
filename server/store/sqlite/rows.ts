/**
 * Row shapes as better-sqlite3 returns them, and their conversion to the store's types.
 * JSON columns are parsed here only, so the rest of the code never sees a raw string.
 */
import type {
  contractRecord,
  reason,
  guardInfo,
  runCounts,
  runSource,
  runStatus,
  runSummary,
  sessionRef,
} from '../../../contract/index.ts';
import type { IntegratedContract, Rejection } from '../../core/types.ts';
import type { StoredChange } from '../store.ts';

export interface RunRow {
  id: string;
  org: string;
  source: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  date: string;
  counts: string;
  error: string | null;
  held: string | null;
}

export function toRunSummary(r: RunRow): runSummary {
  return {
    id: r.id,
    source: r.source as runSource,
    status: r.status as runStatus,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    date: r.date,
    counts: JSON.parse(r.counts) as runCounts,
    error: r.error,
    held: r.held === null ? null : (JSON.parse(r.held) as guardInfo),
  };
}

export interface RunRecordRow {
  idx: number;
  line: number | null;
  raw: string;
  fields: string;
  malformed: string | null;
}

export interface ContractRow {
  id: number;
  code: string;
  status: 'integrated' | 'archived';
  data: string;
  s_site: string;
  s_periode: string;
  s_formation: string;
  s_annee: string;
  s_groupe: string;
  since: string;
  updated_at: string;
}

export function sessionOfRow(r: ContractRow): sessionRef {
  return { codeSite: r.s_site, codePeriode: r.s_periode, codeFormation: r.s_formation, codeAnnee: r.s_annee, codeGroupe: r.s_groupe };
}

export function toIntegrated(r: ContractRow): IntegratedContract {
  return {
    code: r.code,
    status: r.status,
    data: JSON.parse(r.data) as contractRecord,
    session: sessionOfRow(r),
    since: r.since,
    updatedAt: r.updated_at,
  };
}

export interface RejectionRow {
  id: number;
  code: string;
  data: string;
  reasons: string;
  since: string;
  updated_at: string;
  idx: number;
  origin: string | null;
}

export function toRejection(r: RejectionRow): Rejection {
  return {
    code: r.code,
    data: JSON.parse(r.data) as contractRecord,
    reasons: JSON.parse(r.reasons) as reason[],
    since: r.since,
    index: r.idx,
    origin: r.origin === null ? null : (JSON.parse(r.origin) as Rejection['origin']),
  };
}

export interface ChangeRow {
  run_id: string;
  date: string;
  at: string;
  kind: StoredChange['kind'];
  code: string;
  learner: string;
  formation: string;
  fields: string;
  reasons: string;
}

export function toStoredChange(r: ChangeRow): StoredChange {
  return {
    runId: r.run_id,
    at: r.at,
    date: r.date,
    kind: r.kind,
    codeContrat: r.code,
    learner: r.learner,
    formation: r.formation,
    fields: JSON.parse(r.fields) as StoredChange['fields'],
    reasons: JSON.parse(r.reasons) as reason[],
  };
}

export const CHANGE_COLUMNS = 'run_id, date, at, kind, code, learner, formation, fields, reasons';
export const CONTRACT_COLUMNS = 'id, code, status, data, s_site, s_periode, s_formation, s_annee, s_groupe, since, updated_at';
export const REJECTION_COLUMNS = 'id, code, data, reasons, since, updated_at, idx, origin';
export const RUN_COLUMNS = 'id, org, source, status, started_at, finished_at, date, counts, error, held';

export interface CountRow {
  n: number;
}
