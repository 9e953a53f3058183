/**
 * The storage seam. The pipeline and the HTTP layer only see this interface:
 * SQLite (better-sqlite3) is the embedded default, an in-memory store serves the browser
 * mock and tests, and PostgreSQL can be a third implementation passing the same store tests.
 * Every method is async so that a networked database fits without touching callers.
 */
import type {
  contractRecord,
  contractsQuery,
  reason,
  reasonCode,
  contractStatus,
  historyDay,
  historyDayQuery,
  historyQuery,
  runSource,
  runSummary,
  sessionRef,
  trend,
} from '../../contract/index.ts';
import type { Change, PreviousState, ReceivedRecord, RecordOrigin, RunOutcome } from '../core/types.ts';

/**
 * Thrown by startRun when another live process is running an import of the same organisation
 * (the runner's in-process lock cannot see a CLI run beside the server).
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

export interface StartRunInput {
  source: runSource;
  /** ISO instant. */
  startedAt: string;
  /** Day the run is dated (YYYY-MM-DD, Europe/Paris). */
  date: string;
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

export type StoredChange = Change & { runId: string };

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

export interface Store {
  /** Creates or migrates the schema (versioned migrations). */
  init(): Promise<void>;
  close(): Promise<void>;

  upsertOrganization(org: OrgInfo): Promise<void>;

  /** Marks runs left `running` by a process that no longer exists as failed ("interrupted"). Returns how many. */
  failInterruptedRuns(finishedAt: string): Promise<number>;

  // ---- the write path of one run ----

  /**
   * Opens a run (status running) and keeps every received record verbatim, in a transaction of
   * its own, before anything is processed: what was received is never lost. Throws
   * RunInProgressError when another live process is running an import of that organisation.
   */
  startRun(orgId: string, input: StartRunInput, records: ReceivedRecord[]): Promise<string>;
  /** The state the pipeline diffs against. */
  loadState(orgId: string): Promise<PreviousState>;
  /**
   * Applies an outcome in ONE transaction: contracts, rejections (replaced), sessions, changes,
   * the run's status/counts, and older held runs marked superseded. A held outcome only marks
   * the run held (with its guard info) and applies nothing else. Throws -> nothing applied.
   */
  applyRun(orgId: string, runId: string, outcome: RunOutcome, finishedAt: string): Promise<void>;
  failRun(orgId: string, runId: string, error: string, finishedAt: string): Promise<void>;

  getRun(orgId: string, runId: string): Promise<runSummary | null>;
  /**
   * Retention: drops the received records of all but the `keep` newest runs of an organisation
   * (a held run keeps its records: approving it needs them). Runs, contracts and history stay.
   * Returns how many records were dropped.
   */
  pruneReceived(orgId: string, keep: number): Promise<number>;
  /** The records a run received, verbatim, in order (used to approve a held run). */
  getRunRecords(orgId: string, runId: string): Promise<ReceivedRecord[]>;

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
