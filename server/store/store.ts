/**
 * The storage seam. The pipeline and the HTTP layer only see this interface:
 * SQLite (better-sqlite3) is the embedded default, an in-memory store serves the browser
 * mock and tests, and PostgreSQL can be a third implementation passing the same store tests.
 * Every method is async so that a networked database fits without touching callers.
 */
import type {
  actor,
  changeKind,
  contractRecord,
  contractsQuery,
  contractStatus,
  fieldChange,
  guardInfo,
  historyDay,
  historyDayQuery,
  historyQuery,
  reason,
  reasonCode,
  runCounts,
  runEvent,
  runFailure,
  runProgress,
  runSource,
  runSummary,
  sessionRef,
  trend,
} from '../../contract/index.ts';
import type { OutcomeStreams, ReceivedRecord, RecordOrigin, Rejection, StateReader } from '../core/types.ts';

/**
 * Received records as the block stores keep them: BLOCK_RECORDS records (common/received-codec.ts)
 * encoded as text, `hash` the SHA-1 of that text (base64url), `body` the text deflated (raw,
 * level 1). The same records give the same block whoever encodes them: an unchanged export is
 * stored once.
 */
export interface ReceivedBlock {
  records: number;
  hash: string;
  /**
   * Deflated; null for a block among the hashes known when the reading began
   * (Store.receivedBlockHashes): it is stored already, so it was not deflated again. Its text
   * then comes along, for the store to deflate should it have been pruned since.
   */
  body: Uint8Array | null;
  text?: string;
}

/**
 * Thrown by openRun when another run of the organisation holds a live lease, in this process or
 * another (a CLI import beside the server, another server instance).
 */
export class RunInProgressError extends Error {
  override name = 'RunInProgressError';
  constructor(readonly runId: string) {
    super(`Un import est déjà en cours pour cette organisation (${runId}).`);
  }
}

export interface OrgInfo {
  id: string;
  name: string;
}

/** Thrown by a write that could not get the database within its wait: answered 503 + Retry-After. */
export class StoreBusyError extends Error {
  override name = 'StoreBusyError';
  constructor(readonly retryAfterSeconds: number) {
    super(`La base de données est occupée par un import ; réessayez dans ${retryAfterSeconds} s.`);
  }
}

export interface OpenRunInput {
  source: runSource;
  /** The instant the run is dated (ISO): now, or 01:00 of an --as-of day for a replay. */
  startedAt: string;
  /** The real instant (ISO): leases are judged against it, whatever day the run is dated. */
  now: string;
  /** Day the run is dated (YYYY-MM-DD, Europe/Paris). */
  date: string;
  /** The run holds the organisation until then (ISO), renewed by heartbeats while it works. */
  leaseUntil: string;
  /** The admin who started it on demand (recorded as its 'started' event), if any. */
  startedBy?: actor | null;
}

/** What a held run would do if approved, for its preview: one row per contract concerned. */
export interface HeldEffect {
  code: string;
  kind: 'archive' | 'update';
  /** update: the fields that would change. */
  fields: string[];
}

export interface HoldInput {
  counts: runCounts;
  guard: guardInfo;
  meta: Record<string, string | number>;
  truncated: boolean;
  effects: AsyncIterable<HeldEffect[]>;
  /** What the held run's records are rejected for: kept so its push caller can page through them. */
  rejections: AsyncIterable<Rejection[]>;
}

/** Facts of the read, kept with the run once it ends (applied or held). */
export interface RunReadFacts {
  meta: Record<string, string | number>;
  truncated: boolean;
}

/** The Données filter: the contract's `contractsQuery` as parsed, with paging made explicit. */
export type ContractsFilter = Omit<contractsQuery, 'lang' | 'limit' | 'offset'> & { limit: number; offset: number };

/** A row of the Données tables; the HTTP layer adds reason messages in the caller's language. */
export interface ContractRow {
  codeContrat: string;
  status: contractStatus;
  data: contractRecord;
  session: sessionRef | null;
  since: string;
  updatedAt: string;
  reasons: reason[];
  hasValidVersion: boolean;
  /** See contractItem.origin: set for a codeless record or a later copy of a duplicated code. */
  origin: RecordOrigin | null;
}

export interface ContractRows {
  total: number;
  items: ContractRow[];
  /** Counts per reason code over the same filter without `reason`. */
  reasonCounts: { code: reasonCode; count: number }[];
}

export interface ContractFacts {
  /** The platform's version (integrated or archived). */
  platform: { status: 'integrated' | 'archived'; data: contractRecord; session: sessionRef; since: string; updatedAt: string } | null;
  /** The open rejection, if the last received version is invalid. */
  rejection: { data: contractRecord; reasons: reason[]; since: string; origin: RecordOrigin | null } | null;
}

/** A change as the APIs serve it: its fields rebuilt (store/common/history.ts), reasons without messages. */
export interface StoredChange {
  runId: string;
  at: string;
  date: string;
  kind: changeKind;
  codeContrat: string;
  learner: string;
  formation: string;
  fields: fieldChange[];
  reasons: reason[];
  origin: RecordOrigin | null;
}

/**
 * Which changes a history read keeps: `q` = every folded word of it occurs in the learner /
 * code / formation text (common/search.ts changeQueryWords), `kind` = one kind. The day list
 * and a day's changes share it so their counts agree.
 */
export type ChangeFilter = Pick<historyDayQuery, 'q' | 'kind'>;

export type HistoryDaysOptions = Omit<historyQuery, 'limit'> & { limit: number };

export interface SummaryFacts {
  lastRun: runSummary | null;
  totals: { integrated: number; rejected: number; archived: number };
  topReasons: { code: reasonCode; count: number }[];
}

export interface AnonymiseOptions {
  /**
   * The retention cutoff (ISO instant: now minus the organisation's personalDataRetentionDays).
   * Retired before it: contracts archived before it, and contracts only the history remembers
   * (never integrated, no longer received) whose last history entry is older.
   */
  before: string;
  /** Report what would change, change nothing. */
  dryRun: boolean;
}

export interface AnonymiseReport {
  /** Codes of the retired contracts whose personal data was (dry run: would be) replaced, sorted. */
  codes: string[];
  /** History entries rewritten (or to rewrite). */
  changes: number;
  /** Received records dropped (or to drop): every record of the runs started before the cutoff, held runs excepted. */
  receivedRecords: number;
}

export interface Store {
  /** Creates or migrates the schema (versioned migrations). */
  init(): Promise<void>;
  close(): Promise<void>;

  upsertOrganization(org: OrgInfo): Promise<void>;

  // ---- the life of a run: one at a time per organisation, held by a lease ----

  /**
   * Opens a run (status running, leased until `leaseUntil`). Throws RunInProgressError when another
   * run of the organisation holds a live lease; a run whose lease expired is first marked failed
   * ("interrupted"): a crashed or killed process never keeps an organisation locked.
   */
  openRun(orgId: string, input: OpenRunInput): Promise<string>;
  /**
   * Takes a held run back to work for its approval: running again, leased like a new run, so no
   * other run of the organisation (in any process) applies meanwhile. Throws RunInProgressError
   * when another run is live; false when the run is not held (approved already, superseded).
   */
  resumeHeld(orgId: string, runId: string, input: { now: string; leaseUntil: string }): Promise<boolean>;
  /**
   * The heartbeat of a working run: extends its lease and records its progress. False when the run
   * is no longer running (an admin abandoned it, another process declared it interrupted): its
   * work must stop. Best effort: a busy database skips a beat rather than waiting.
   */
  heartbeat(orgId: string, runId: string, leaseUntil: string, progress: runProgress | null): Promise<boolean>;
  /** Keeps received records, verbatim, in order, in a transaction of their own: what was received is never lost. */
  appendReceived(orgId: string, runId: string, records: readonly ReceivedRecord[]): Promise<void>;
  /**
   * The same, for records already encoded into blocks elsewhere (a thread that reads the input a
   * second time: server/node/received-thread.ts). Stores that keep blocks (SQLite, PostgreSQL)
   * have it; the memory store keeps records as they are and has not.
   */
  appendReceivedBlocks?(orgId: string, runId: string, blocks: readonly ReceivedBlock[]): Promise<void>;
  /**
   * The hashes of the blocks kept by the organisation's latest run that kept any, except `runId`:
   * the blocks an unchanged export cuts again, which a reading thread then does not deflate.
   */
  receivedBlockHashes?(orgId: string, runId: string): Promise<string[]>;
  /**
   * Forgets what a running run received so far, to receive it again from its first record: a
   * CSV read with a layout guessed from its start, which its end contradicted (CsvGuessError).
   * Stores that keep blocks have it, as appendReceivedBlocks.
   */
  discardReceived?(orgId: string, runId: string): Promise<void>;
  /** The records a run received, verbatim, in order (approving a held run reads them again). */
  readReceived(orgId: string, runId: string): AsyncIterable<ReceivedRecord[]>;
  /** The state a run diffs against: fingerprints, open rejections, sessions; full contracts on demand. */
  stateReader(orgId: string): Promise<StateReader>;
  /** The newest applied (succeeded) run, if any: what it received is the truncated-file guard's yardstick. */
  lastAppliedRun(orgId: string): Promise<runSummary | null>;
  /**
   * Applies an outcome in ONE transaction: contracts, rejections (replaced), sessions, changes,
   * the run's status/counts/facts, and older held runs marked superseded. Throws -> nothing applied.
   * A run may be applied while running, or later when approved while held.
   */
  applyRun(orgId: string, runId: string, outcome: OutcomeStreams, facts: RunReadFacts, finishedAt: string): Promise<void>;
  /** Marks a run held by a guard, with what approving would do; applies nothing. Older held runs are superseded. */
  holdRun(orgId: string, runId: string, hold: HoldInput, finishedAt: string): Promise<void>;
  /** Marks a run failed with its technical detail and the kind of failure (words for admins). */
  failRun(orgId: string, runId: string, error: string, finishedAt: string, failure?: runFailure): Promise<void>;
  /** An admin gives up a run stuck as running: failed ("abandoned"), recorded with who did it. False when it was not running. */
  abandonRun(orgId: string, runId: string, by: actor, at: string): Promise<boolean>;
  /** Records what an admin did to a run (started, approved). */
  recordRunEvent(orgId: string, runId: string, event: runEvent): Promise<void>;
  /** Marks every running run whose lease expired by `now` as failed ("interrupted"). Returns how many. */
  failInterruptedRuns(now: string): Promise<number>;

  getRun(orgId: string, runId: string): Promise<runSummary | null>;

  // ---- the schedule, shared by every instance on the same database ----

  /**
   * Claims one scheduled occurrence of an organisation's job: true for the first caller only,
   * whichever instance or process it is, so a scheduled import (or digest) runs once per
   * occurrence however many instances fire. `slot`: the occurrence of an import is its instant (ISO,
   * starting with a digit); another job's is its name and instant (`digest:2025-…`). `at`: when.
   */
  claimScheduledRun(orgId: string, slot: string, at: string): Promise<boolean>;
  /** The newest import occurrence claimed for the organisation, or null (never scheduled yet): a missed one is caught up at start. */
  lastScheduledClaim(orgId: string): Promise<string | null>;
  /**
   * Retention: drops the received records of all but the `keep` newest runs of an organisation
   * (a held run keeps its records: approving it needs them). Runs, contracts and history stay.
   * Returns how many records were dropped.
   */
  pruneReceived(orgId: string, keep: number): Promise<number>;
  /**
   * Retention of personal data, in ONE transaction (or nothing): for each contract of the
   * organisation retired before `opts.before` that still holds personal data, the personal
   * fields (common/personal.ts personalFields) of its contract row are replaced by the marker
   * ANONYMISED (sort and search columns follow: its names no longer find it), and so are those
   * of its history entries (learner, field changes, reasons' values and people-naming details);
   * then the received records of every run started before the cutoff are dropped (a held run
   * keeps them: approving it needs them). Shapes are kept: statuses, counts, days, kinds of
   * change, which fields changed. Idempotent: a second call finds nothing to do. Open
   * rejections and live contracts are never touched.
   */
  anonymisePersonalData(orgId: string, opts: AnonymiseOptions): Promise<AnonymiseReport>;
  /**
   * A run's rejections by position in what it received, paged: the org's open rejections when the
   * run is its last applied one, the kept ones of a held run; null when no longer available.
   */
  runRejections(
    orgId: string,
    runId: string,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; rejections: Rejection[] } | null>;
  /** What a held run would do, paged (the approval preview). */
  heldEffects(
    orgId: string,
    runId: string,
    page: { kind?: HeldEffect['kind']; q?: string; limit: number; offset: number },
  ): Promise<{ total: number; items: HeldEffect[] }>;

  // ---- reads for the APIs ----

  summary(orgId: string): Promise<SummaryFacts>;
  listContracts(orgId: string, filter: ContractsFilter): Promise<ContractRows>;
  getContract(orgId: string, code: string): Promise<ContractFacts | null>;
  /** Every change to one contract, newest first. */
  timeline(orgId: string, code: string): Promise<StoredChange[]>;
  /**
   * Days with runs or changes, newest first; `before` exclusive, `from` inclusive. With a
   * ChangeFilter, only days having a matching change, and their counts count only those
   * (the runs are still listed); `nextBefore` then pages through matching days only.
   */
  historyDays(orgId: string, opts: HistoryDaysOptions): Promise<{ days: historyDay[]; nextBefore: string | null }>;
  historyDay(
    orgId: string,
    date: string,
    opts: ChangeFilter & { limit: number; offset: number },
  ): Promise<{ total: number; changes: StoredChange[] }>;
  /** Integrated / rejected totals at the end of each of the last `days` days that had a run. */
  trend(orgId: string, days: number): Promise<trend>;
  /** For the sync API: integrated contracts, or the records last received, paged (page 1-based). */
  syncContracts(
    orgId: string,
    kind: 'integrated' | 'received',
    page: { limit: number; page: number },
  ): Promise<{ total: number; contrats: Record<string, unknown>[] }>;
}
