/**
 * Plain data that flows through the import pipeline (no I/O here).
 *
 *   source ─► RecordStream ─► importRecords(stream, state, settings, clock) ─► outcome ─► store.applyRun
 */
import type {
  changeKind,
  contractField,
  contractRecord,
  fieldChange,
  guardInfo,
  reason,
  recordOrigin,
  runCounts,
  runSource,
  sessionRef,
} from '../../contract/index.ts';

/** One record as a source received it. */
export interface ReceivedRecord {
  /** Position in the snapshot (0-based): how a push caller finds its record in the report. */
  index: number;
  /** Verbatim: the JSON object pushed/pulled, or `{column header: cell}` for a CSV row. */
  raw: unknown;
  /** Mapped to contract fields, values as strings (dates as the source gave them, or ISO when the source parsed them). */
  fields: Partial<Record<contractField, string>>;
  /** Set when the row itself could not be read properly (wrong column count, bad encoding...). */
  malformed?: string;
  /** 1-based line in the source file, for CSV. */
  line?: number;
}

/** What one run received: all records of a full snapshot. */
export interface Snapshot {
  source: runSource;
  records: ReceivedRecord[];
  /** Free-form facts about the read (file name, encoding, delimiter, pages fetched...). */
  meta: Record<string, string | number>;
}

/**
 * A source being read, record by record: what every source adapter hands the runner, so that a
 * snapshot of a million contracts never has to fit in memory (a Snapshot is the same thing
 * already read). Batches come in snapshot order, `index` 0, 1, 2...; an error thrown while
 * iterating (a body that is not JSON, an unreadable file) fails the run as a whole.
 */
export interface RecordStream {
  source: runSource;
  /** Read once. */
  batches(): AsyncIterable<ReceivedRecord[]>;
  /** Facts about the read (encoding, delimiter, header row, rows...); complete once batches() ended. */
  meta: Record<string, string | number>;
  /** Set by the end of the read when the source was cut short (a CSV file whose last row is cut). */
  truncated?: boolean;
}

/** An integrated (or archived) contract as the platform holds it. */
export interface IntegratedContract {
  code: string;
  status: 'integrated' | 'archived';
  data: contractRecord;
  session: sessionRef;
  /** When it entered its current status (ISO instant). */
  since: string;
  updatedAt: string;
  /** fingerprint(data): lets the next run tell an unchanged contract without reading it. */
  hash: string;
}

/** Where a record that is not filed under its own code came from (see contract recordOrigin). */
export type RecordOrigin = recordOrigin;

/** A contract whose last received version is not valid. */
export interface Rejection {
  /** codeContrat, or `#index:N` when the record cannot be filed under its code. */
  code: string;
  /** The normalised data as last received. */
  data: contractRecord;
  reasons: reason[];
  /** When this streak of rejection started (ISO instant). */
  since: string;
  /** Position in the snapshot (for the push report). */
  index: number;
  /** Set when `code` is an internal key: a codeless record or a later copy of a duplicated code. */
  origin: RecordOrigin | null;
}

/** What a run knows of a platform contract without reading it: enough to tell "unchanged". */
export interface ContractFingerprint {
  status: 'integrated' | 'archived';
  hash: string;
}

/**
 * The state a run diffs against, as an index: a fingerprint per contract, the open rejections'
 * streaks, the sessions. Full previous versions are read on demand, only for the contracts a
 * run changes, so a million-contract organisation never has to fit in memory.
 */
export interface StateReader {
  fingerprints: ReadonlyMap<string, ContractFingerprint>;
  /** Open rejections: when each streak started and its reasons (a fix reports them). */
  rejections: ReadonlyMap<string, { since: string; reasons: reason[] }>;
  /** Session keys (see sessionKey()) known on the platform. */
  sessions: ReadonlySet<string>;
  /** The full platform versions of these codes (absent codes are left out). */
  contracts(codes: readonly string[]): Promise<IntegratedContract[]>;
}

/** The whole previous state in memory: tests and small callers build a StateReader from it. */
export interface PreviousState {
  contracts: Map<string, IntegratedContract>;
  rejections: Map<string, Rejection>;
  sessions: Set<string>;
}

export interface ImportSettings {
  /** 'auto': a new session is created on first sight; 'configured': unknown group -> GROUP_UNKNOWN. */
  sessions: 'auto' | 'configured';
  /** Group codes configured on the platform (used when sessions = 'configured'). */
  configuredGroups: ReadonlySet<string>;
  /** Mass-removal guard: hold a run that would archive more than this share of integrated contracts. */
  maxArchiveRatio: number;
  /** Mass-update guard: hold a run that would change one field on more than this share of integrated contracts... */
  maxUpdateRatio: number;
  /** ...and on at least this many (a CFA of 12 contracts correcting 4 emails is not a broken export). */
  minUpdates: number;
  /** Truncated-file guard: hold a run read from a cut file that received this share fewer records than the previous run. */
  maxMissingRatio: number;
  /** Skip the guards (an admin approved the held run). */
  bypassGuard: boolean;
  /** How ambiguous dates are read (01/02/2026): day first (French default) or month first. */
  dateOrder: 'dmy' | 'mdy';
}

export interface RunClock {
  /** The instant of the run (ISO). */
  at: string;
  /** The day the run is dated, Europe/Paris (YYYY-MM-DD); dates terminations too. */
  date: string;
}

/**
 * A change as a run records it: compact. `delta` holds the field changes that turned the stored
 * record into the new one (an update, a fix, a return, a termination date); `whole` says the
 * change shows the whole record as stored right after it ('after': added, or fixed without a
 * previous version; 'before': archived) — that record is not copied into history: a reader
 * rebuilds it from the contract's current version and the later deltas (store/common/history.ts).
 */
export interface Change {
  at: string;
  date: string;
  kind: changeKind;
  codeContrat: string;
  learner: string;
  formation: string;
  delta: fieldChange[];
  whole: 'after' | 'before' | null;
  /** rejected: the reasons that appeared; fixed: those that disappeared. */
  reasons: reason[];
  /** A rejected record without a code of its own: where it came from. */
  origin: RecordOrigin | null;
}

/** A run's outcome, in memory (tests, small snapshots); the runner streams the same from spools. */
export interface RunOutcome {
  status: 'succeeded' | 'held';
  counts: runCounts;
  /** Set when status = 'held'. */
  guard: guardInfo | null;
  /** Contracts to insert or replace (added, updated, fixed, archived). Empty when held. */
  upserts: IntegratedContract[];
  /** The complete set of open rejections after this run (replaces the previous set). When held: what would be, reported but not applied. */
  rejections: Rejection[];
  /** New session keys to create. */
  newSessions: sessionRef[];
  changes: Change[];
}

/** The same outcome as the store applies it: the large parts as batches, read once each. */
export interface OutcomeStreams {
  counts: runCounts;
  upserts: AsyncIterable<IntegratedContract[]>;
  rejections: AsyncIterable<Rejection[]>;
  newSessions: sessionRef[];
  changes: AsyncIterable<Change[]>;
}
