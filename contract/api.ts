/**
 * Payloads of the admin API (/api/erp-sync) and of the ERP-facing sync API (/api/sync).
 * Server, widgets and mocks all import these; the OpenAPI document is generated from them.
 */
import { z } from 'zod/mini';
import { changeKinds, PAGE_DEFAULT, PAGE_MAX, SEARCH_MAX_LENGTH } from './constants.ts';
import { contractField, contractRecord, lang, sessionRef } from './fields.ts';
import { reasonCode, reasonView } from './reasons.ts';

// ---------- shared bits ----------

export const isoDate = z.string(); // 'YYYY-MM-DD' (a day, Europe/Paris)
export const isoDateTime = z.string(); // ISO 8601 instant

export { changeKinds, PAGE_DEFAULT, PAGE_MAX, SEARCH_MAX_LENGTH };

/** A search box's text: bounded, so a pasted page cannot turn into a thousand-word query. */
export const searchText = z.string().check(z.maxLength(SEARCH_MAX_LENGTH));

export const runStatus = z.enum(['running', 'succeeded', 'failed', 'held', 'superseded']);
export type runStatus = z.infer<typeof runStatus>;

export const runSource = z.enum(['push', 'csv', 'pull']);
export type runSource = z.infer<typeof runSource>;

export const runCounts = z.object({
  received: z.number(),
  integrated: z.number(),
  rejected: z.number(),
  added: z.number(),
  updated: z.number(),
  archived: z.number(),
  fixed: z.number(),
  newlyRejected: z.number(),
});
export type runCounts = z.infer<typeof runCounts>;

/** Why a run is held instead of applied: each guard that tripped. */
export const guardReason = z.enum(['removal', 'update', 'truncated']);
export type guardReason = z.infer<typeof guardReason>;

export const guardInfo = z.object({
  /** removal: too many contracts would be archived; update: one field would change on too many; truncated: a cut file with rows missing. */
  reasons: z.array(guardReason),
  wouldArchive: z.number(),
  /** Integrated contracts before the run: what the ratios are taken of. */
  integrated: z.number(),
  maxRatio: z.number(),
  /** Integrated contracts each field would change on, most changed first (every field that would change). */
  fieldUpdates: z.array(z.object({ field: contractField, count: z.number() })),
  maxUpdateRatio: z.number(),
  /** Records received, and by the previous run (null when there was none): a cut file receives fewer. */
  received: z.number(),
  previousReceived: z.nullable(z.number()),
});
export type guardInfo = z.infer<typeof guardInfo>;

/** Who did something to a run: the admin's JWT `sub`, and `name` when the token carries one. */
export const actor = z.object({ sub: z.string(), name: z.nullable(z.string()) });
export type actor = z.infer<typeof actor>;

/** What an admin did to a run (started it, approved it, abandoned it), when, and who. */
export const runEvent = z.object({
  at: isoDateTime,
  action: z.enum(['started', 'approved', 'abandoned']),
  by: actor,
});
export type runEvent = z.infer<typeof runEvent>;

/** How far a running import is: reading the source, checking records, writing the outcome. */
export const runProgress = z.object({
  phase: z.enum(['reading', 'checking', 'writing']),
  done: z.number(),
  /** Null while unknown (a source still being read). */
  total: z.nullable(z.number()),
});
export type runProgress = z.infer<typeof runProgress>;

/**
 * Where a record that is not filed under its own contract code came from: screens name it
 * « 2025-000098 (2e copie, ligne 98) » or « sans code (ligne 82) », never by an internal key.
 */
export const recordOrigin = z.object({
  /** 0-based position in the snapshot. */
  index: z.number(),
  /** The CSV line it was read on; null for push and pull. */
  line: z.nullable(z.number()),
  /** 1 for the first record with this code (or a codeless one), 2 for the second copy... */
  copy: z.number(),
});
export type recordOrigin = z.infer<typeof recordOrigin>;

/**
 * Why a run failed, for words an administrator can act on (the `error` text is the technical
 * detail): the ERP could not be read, what was sent could not be read, the run was cut short
 * (a stopped or killed server), an admin abandoned it, or something unexpected.
 */
export const runFailure = z.enum(['source', 'body', 'interrupted', 'abandoned', 'internal']);
export type runFailure = z.infer<typeof runFailure>;

export const runSummary = z.object({
  id: z.string(),
  source: runSource,
  status: runStatus,
  startedAt: isoDateTime,
  finishedAt: z.nullable(isoDateTime),
  /** The day the run is dated (Europe/Paris), possibly replayed with --as-of. */
  date: isoDate,
  counts: runCounts,
  error: z.nullable(z.string()),
  /** Set when failed: what kind of failure `error` describes. */
  failure: z.nullable(runFailure),
  held: z.nullable(guardInfo),
  /** The source was cut short (a CSV file whose last row is cut). */
  truncated: z.boolean(),
  /** Running only: how far it is (null when the process running it cannot tell this one). */
  progress: z.nullable(runProgress),
  /** What admins did to this run, oldest first. */
  events: z.array(runEvent),
});
export type runSummary = z.infer<typeof runSummary>;

export const apiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type apiError = z.infer<typeof apiError>;

// ---------- admin API ----------

export const summary = z.object({
  organization: z.object({ id: z.string(), name: z.string() }),
  lastRun: z.nullable(runSummary),
  totals: z.object({ integrated: z.number(), rejected: z.number(), archived: z.number() }),
  topReasons: z.array(z.object({ code: reasonCode, count: z.number() })),
  /** Whether the organisation's source can be run on demand (file or pull, not push). */
  canRun: z.boolean(),
});
export type summary = z.infer<typeof summary>;

export const contractStatus = z.enum(['integrated', 'rejected', 'archived']);
export type contractStatus = z.infer<typeof contractStatus>;

export const contractItem = z.object({
  codeContrat: z.string(),
  status: contractStatus,
  /** Every field: for integrated/archived the platform's version, for rejected the data as last received. */
  data: contractRecord,
  session: z.nullable(sessionRef),
  /** Since when the contract is in this status (integrated since, rejected since, archived since). */
  since: isoDateTime,
  updatedAt: isoDateTime,
  /** Current reasons (empty when the last received version is valid). */
  reasons: z.array(reasonView),
  /** For a rejected contract: a last valid version is still on the platform. */
  hasValidVersion: z.boolean(),
  /**
   * Where a record that could not be filed under its own code came from: a codeless record, or
   * the 2nd, 3rd... copy of a code sent twice. `codeContrat` is then an internal key that is
   * never shown: screens say « 2025-000098 (2e copie, ligne 98) » or « sans code (ligne 82) ».
   * Null for a contract filed under its code.
   */
  origin: z.nullable(recordOrigin),
});
export type contractItem = z.infer<typeof contractItem>;

export const contractSort = z.enum(['learner', 'formation', 'company', 'group', 'site', 'code', 'since', 'dateDebut', 'dateFin']);
export type contractSort = z.infer<typeof contractSort>;

export const contractsQuery = z.object({
  status: z._default(contractStatus, 'integrated'),
  q: z.optional(searchText),
  reason: z.optional(reasonCode),
  formation: z.optional(z.string()),
  sort: z.optional(contractSort),
  order: z.optional(z.enum(['asc', 'desc'])),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(PAGE_MAX))),
  offset: z.optional(z.coerce.number().check(z.int(), z.minimum(0))),
  lang: z.optional(lang),
});
export type contractsQuery = z.infer<typeof contractsQuery>;

export const contractList = z.object({
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  items: z.array(contractItem),
  /** Per-reason counts over the same filters minus `reason` (for the chips). */
  reasonCounts: z.array(z.object({ code: reasonCode, count: z.number() })),
});
export type contractList = z.infer<typeof contractList>;

export const changeKind = z.enum(changeKinds);
export type changeKind = z.infer<typeof changeKind>;

export const fieldChange = z.object({
  field: z.string(),
  before: z.string(),
  after: z.string(),
});
export type fieldChange = z.infer<typeof fieldChange>;

export const change = z.object({
  runId: z.string(),
  at: isoDateTime,
  date: isoDate,
  kind: changeKind,
  codeContrat: z.string(),
  learner: z.string(),
  formation: z.string(),
  /** updated: changed fields; added/archived: the contract's fields (before '' or after ''). */
  fields: z.array(fieldChange),
  /** rejected: reasons that appeared; fixed: reasons that disappeared. */
  reasons: z.array(reasonView),
  /** For a record without a code of its own (codeless, a later copy): where it came from. */
  origin: z.nullable(recordOrigin),
});
export type change = z.infer<typeof change>;

export const contractDetail = z.object({
  contract: contractItem,
  /** The version on the platform (integrated or archived), if any. */
  validVersion: z.nullable(contractRecord),
  /** The version last received from the ERP, if any. */
  received: z.nullable(contractRecord),
  timeline: z.array(change),
});
export type contractDetail = z.infer<typeof contractDetail>;

export const historyDay = z.object({
  date: isoDate,
  /** The day's runs, oldest first, with what admins did to them (who started, approved, abandoned). */
  runs: z.array(
    z.object({
      id: z.string(),
      source: runSource,
      status: runStatus,
      startedAt: isoDateTime,
      failure: z.nullable(runFailure),
      events: z.array(runEvent),
    }),
  ),
  added: z.number(),
  updated: z.number(),
  archived: z.number(),
  rejected: z.number(),
  fixed: z.number(),
});
export type historyDay = z.infer<typeof historyDay>;

export const historyQuery = z.object({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(366))),
  /** Only days strictly before this date (paging back in time). */
  before: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  /** Only days on or after this date (date range filter). */
  from: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  /**
   * Only days with a change matching this search (same rule as a day's `q`), counted alone:
   * the list a user sees must agree with what opening each day shows.
   */
  q: z.optional(searchText),
  /** Only days with a change of this kind, counted alone. */
  kind: z.optional(changeKind),
});
export type historyQuery = z.infer<typeof historyQuery>;

export const TREND_DAYS_DEFAULT = 30;
export const TREND_DAYS_MAX = 366;

/** `?days` of GET /history/trend. */
export const trendQuery = z.object({
  days: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(TREND_DAYS_MAX)), TREND_DAYS_DEFAULT),
});
export type trendQuery = z.infer<typeof trendQuery>;

export const historyDays = z.object({
  days: z.array(historyDay),
  /** Pass as `before` to get older days; null when there are none. */
  nextBefore: z.nullable(isoDate),
});
export type historyDays = z.infer<typeof historyDays>;

export const historyDayQuery = z.object({
  q: z.optional(searchText),
  kind: z.optional(changeKind),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(PAGE_MAX))),
  offset: z.optional(z.coerce.number().check(z.int(), z.minimum(0))),
  lang: z.optional(lang),
});
export type historyDayQuery = z.infer<typeof historyDayQuery>;

export const historyDayChanges = z.object({
  date: isoDate,
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  changes: z.array(change),
});
export type historyDayChanges = z.infer<typeof historyDayChanges>;

/** Integrated and non-integrated counts at the end of each day (for the chart). */
export const trend = z.object({
  points: z.array(z.object({ date: isoDate, integrated: z.number(), rejected: z.number() })),
});
export type trend = z.infer<typeof trend>;

export const heldEffectKind = z.enum(['archive', 'update']);
export type heldEffectKind = z.infer<typeof heldEffectKind>;

/** GET /runs/:id/preview: what approving a held run would do, one kind at a time, searchable. */
export const heldPreviewQuery = z.object({
  kind: z._default(heldEffectKind, 'archive'),
  q: z.optional(searchText),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(PAGE_MAX))),
  offset: z.optional(z.coerce.number().check(z.int(), z.minimum(0))),
  lang: z.optional(lang),
});
export type heldPreviewQuery = z.infer<typeof heldPreviewQuery>;

export const heldPreview = z.object({
  run: runSummary,
  kind: heldEffectKind,
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  items: z.array(
    z.object({
      /** The contract as it is on the platform now (learner, formation, company...). */
      contract: contractItem,
      /** update: the fields that would change (contract field names). */
      fields: z.array(z.string()),
    }),
  ),
});
export type heldPreview = z.infer<typeof heldPreview>;

export const runAccepted = z.object({ runId: z.string(), status: runStatus });
export type runAccepted = z.infer<typeof runAccepted>;

// ---------- ERP-facing sync API (DOMAIN.md §1, same paths and shapes) ----------

export const SYNC_PAGE_DEFAULT = 100;
export const SYNC_PAGE_MAX = 1000;

/** `?limit&page` of the sync list routes: the public API's own paging (page from 1). */
export const syncListQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(SYNC_PAGE_MAX)), SYNC_PAGE_DEFAULT),
  page: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 1),
});
export type syncListQuery = z.infer<typeof syncListQuery>;

/** One received record: any JSON object; it is validated per record, never as a batch. */
export const syncRecord = z.record(z.string(), z.unknown());

/** A received record that is not integrated: its position in what was sent, and why. */
export const syncRejection = z.object({ index: z.number(), codeContrat: z.string(), reasons: z.array(reasonView) });
export type syncRejection = z.infer<typeof syncRejection>;

/** GET /api/sync/v1/runs/:runId/rejections: a run's rejections, paged like the other lists. */
export const syncRejections = z.object({ total: z.number(), rejections: z.array(syncRejection) });
export type syncRejections = z.infer<typeof syncRejections>;

export const syncPushResult = z.object({
  runId: z.string(),
  status: runStatus,
  received: z.number(),
  integrated: z.number(),
  rejected: z.number(),
  added: z.number(),
  updated: z.number(),
  archived: z.number(),
  /**
   * The first records that are not integrated (100 at most), by position in the array: the
   * answer stays small whatever was sent. `rejectionsTotal` counts them all; `rejectionsUrl`
   * pages through them.
   */
  rejections: z.array(syncRejection),
  rejectionsTotal: z.number(),
  rejectionsUrl: z.string(),
  held: z.nullable(guardInfo),
});
export type syncPushResult = z.infer<typeof syncPushResult>;

/**
 * The dry run, as the public API documents it: four arrays of contracts. `same`, `added` (new,
 * back, or fixed) and `updated` hold each contract as sent (an updated one also with `changes`,
 * its changed fields); `removed` holds the platform's contracts that would be archived. Also:
 * the records that would not be integrated, with their reasons, and the counts.
 */
export const syncDiffResult = z.object({
  same: z.array(syncRecord),
  added: z.array(syncRecord),
  updated: z.array(syncRecord),
  removed: z.array(syncRecord),
  rejected: z.array(syncRejection),
  counts: z.object({ same: z.number(), added: z.number(), updated: z.number(), removed: z.number(), rejected: z.number() }),
});
export type syncDiffResult = z.infer<typeof syncDiffResult>;

export const syncList = z.object({
  total: z.number(),
  contrats: z.array(z.record(z.string(), z.unknown())),
});
export type syncList = z.infer<typeof syncList>;

export const syncTest = z.object({ value: z.literal('token valid'), name: z.string() });
export type syncTest = z.infer<typeof syncTest>;

export const syncError = z.object({ error: z.string(), reason: z.string() });
export type syncError = z.infer<typeof syncError>;
