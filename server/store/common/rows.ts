/**
 * Row shapes as the SQL stores read them, and their conversion to the store's types: one
 * definition for SQLite (INTEGER ids, 0/1 flags) and PostgreSQL (BIGINT ids as strings, BOOLEAN
 * flags). JSON columns are parsed here only, so the rest of the code never sees a raw string.
 */
import type {
  contractRecord,
  fieldChange,
  guardInfo,
  reason,
  runCounts,
  runEvent,
  runFailure,
  runProgress,
  runSource,
  runStatus,
  runSummary,
  sessionRef,
} from '../../../contract/index.ts';
import type { IntegratedContract, Rejection } from '../../core/types.ts';
import type { KeptChange } from './history.ts';
import { decodeRecord } from './record-codec.ts';

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
  failure: string | null;
  held: string | null;
  /** 0/1 in SQLite, a boolean in PostgreSQL. */
  truncated: number | boolean;
  progress: string | null;
}

export interface RunEventRow {
  run_id: string;
  at: string;
  action: runEvent['action'];
  actor_sub: string;
  actor_name: string | null;
}

export function toRunEvent(r: RunEventRow): runEvent {
  return { at: r.at, action: r.action, by: { sub: r.actor_sub, name: r.actor_name } };
}

export function toRunSummary(r: RunRow, events: runEvent[]): runSummary {
  return {
    id: r.id,
    source: r.source as runSource,
    status: r.status as runStatus,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    date: r.date,
    counts: JSON.parse(r.counts) as runCounts,
    error: r.error,
    failure: r.status === 'failed' ? ((r.failure ?? 'internal') as runFailure) : null,
    held: r.held === null ? null : (JSON.parse(r.held) as guardInfo),
    truncated: r.truncated === 1 || r.truncated === true,
    progress: r.status === 'running' && r.progress !== null ? (JSON.parse(r.progress) as runProgress) : null,
    events,
  };
}

export interface ContractRow {
  /** INTEGER in SQLite, BIGINT (read as a string) in PostgreSQL. */
  id: number | string;
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
  hash: string;
}

export function sessionOfRow(r: ContractRow): sessionRef {
  return { codeSite: r.s_site, codePeriode: r.s_periode, codeFormation: r.s_formation, codeAnnee: r.s_annee, codeGroupe: r.s_groupe };
}

export function toIntegrated(r: ContractRow): IntegratedContract {
  return {
    code: r.code,
    status: r.status,
    data: decodeRecord(r.data),
    session: sessionOfRow(r),
    since: r.since,
    updatedAt: r.updated_at,
    hash: r.hash,
  };
}

export interface RejectionRow {
  /** SQLite selects it (its search index is keyed by it); PostgreSQL does not. */
  id?: number;
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
  /** INTEGER in SQLite, BIGINT (read as a string) in PostgreSQL. */
  id: number | string;
  run_id: string;
  date: string;
  at: string;
  kind: KeptChange['kind'];
  code: string;
  learner: string;
  formation: string;
  delta: string;
  whole: 'after' | 'before' | null;
  legacy_fields: string | null;
  reasons: string;
  origin: string | null;
}

export function toKeptChange(r: ChangeRow): KeptChange {
  return {
    seq: Number(r.id),
    runId: r.run_id,
    at: r.at,
    date: r.date,
    kind: r.kind,
    codeContrat: r.code,
    learner: r.learner,
    formation: r.formation,
    delta: JSON.parse(r.delta) as fieldChange[],
    whole: r.whole,
    legacyFields: r.legacy_fields === null ? null : (JSON.parse(r.legacy_fields) as fieldChange[]),
    reasons: JSON.parse(r.reasons) as reason[],
    origin: r.origin === null ? null : (JSON.parse(r.origin) as KeptChange['origin']),
  };
}
