/**
 * Every UI string of the ERP sync widgets, one module per language implementing this
 * interface (Shoelace's translations/en.ts pattern): fr.ts (the default, bundled) and en.ts
 * (loaded on demand). Values that embed numbers or dates take them already formatted by
 * `Localizer`, so a translation never formats anything itself.
 *
 * Field labels, reason labels and reason sentences come from the contract's wording of the same
 * language (`wording`), so the server's CSV export and the widgets say the same words. French
 * reason sentences are not bundled: their templates come with the schemas (reason-templates.ts).
 */
import type { changeKind, heldEffectKind, runEvent, runFailure, runProgress, runSource, runStatus } from '../../../contract/api.ts';
import type { lang } from '../../../contract/fields.ts';
import type { Wording } from '../../../contract/i18n/wording.ts';

/** The contract's labels of a language, with its reason sentences' templates when it brings them. */
export type WordingLabels = Pick<Wording, 'fieldLabels' | 'reasonLabels'> & Partial<Pick<Wording, 'reasonTemplates'>>;

/** Plural forms, selected with Intl.PluralRules (French: 0 and 1 are "one"). */
export interface PluralForms {
  one: string;
  other: string;
}

export interface Translations {
  lang: lang;
  /** BCP 47 locale used for Intl formatting. */
  locale: string;
  /**
   * The contract's words in this language: field labels, reason labels and, when they come with
   * the language (English), the sentences' templates.
   */
  wording: WordingLabels;

  // ---- states ----
  loading: string;
  retry: string;
  errorTitle: string;
  errorNetwork: string;
  errorBadResponse: string;
  errorServer: string;
  errorNotFound: string;
  errorConflict: string;
  errorBadRequest: string;
  unauthorizedTitle: string;
  unauthorizedBody: string;
  forbiddenTitle: string;
  forbiddenBody: string;
  neverSyncedTitle: string;
  neverSyncedBody: string;
  empty: string;
  emptyForSearch: (query: string) => string;
  /** No row for the active reason filter (and search, `query` may be ''). */
  emptyForReason: (reason: string, query: string) => string;
  /** The button of that empty state, removing the reason filter. */
  clearReasonFilter: (reason: string) => string;
  /** Words for known API error codes (instead of the server's French message). */
  errorRunNotHeld: string;
  errorNotRunnable: string;
  errorRunInProgress: string;
  errorRunFailed: string;

  // ---- status header ----
  statusHeading: string;
  lastSync: (date: string, time: string) => string;
  sourceLabel: string;
  statusLabel: string;
  sources: Record<runSource, string>;
  runStatuses: Record<runStatus, string>;
  countReceived: string;
  countIntegrated: string;
  countRejected: string;
  countArchived: string;
  organization: string;
  /** Heading of the last run's own counts (what the ERP sent and what became of it). */
  runCountsHeading: string;
  /** Heading of what is on the platform now, whatever the run. */
  platformHeading: string;
  startedLabel: string;
  finishedLabel: string;
  /** The finish time of a run still running. */
  notFinished: string;
  /** "12/03/2026 à 02:05". */
  dateTime: (date: string, time: string) => string;
  /** Why "Transmis" is not "Intégrés + Non intégrés" (numbers formatted). */
  countsDiffer: (received: string, sum: string) => string;
  startRun: string;
  startingRun: string;
  /** The start button while the last run is still running. */
  runInProgress: string;
  /** A running run's phase, in words (its progress bar's label and what is announced when it changes). */
  runPhases: Record<runProgress['phase'], string>;
  /** Announced when a run started here finishes (or is seen finishing), by its final status. */
  runOutcome: Record<runStatus, string>;
  actionFailed: (message: string) => string;
  /** The status header's link to the non-integrated table: "12 contrats non intégrés à corriger". */
  rejectedToFix: (count: string) => string;
  /** The status header when every received contract is integrated. */
  noneToFix: string;

  // ---- search ----
  searchLabel: string;
  searchPlaceholder: string;
  searchHint: string;

  // ---- tables ----
  integratedHeading: (count: string) => string;
  rejectedHeading: (count: string) => string;
  integratedCaption: string;
  rejectedCaption: string;
  detailColumn: string;
  showDetail: (name: string) => string;
  sortBy: (column: string) => string;
  sortAscending: string;
  sortDescending: string;
  detailHeading: (name: string) => string;
  /** Flags the fields a reason names in a non-integrated contract's detail. */
  toFix: string;
  /** The detail row's button firing `erp-sync-contract-history`. */
  showContractHistory: string;
  emptyValue: string;
  columns: {
    learner: string;
    contract: string;
    email: string;
    formation: string;
    group: string;
    site: string;
    company: string;
    companyTutor: string;
    dates: string;
    reasons: string;
    since: string;
    validVersion: string;
  };
  dateRange: (start: string, end: string) => string;
  validVersionKept: string;
  noValidVersion: string;

  /** A value's label in a card (a table row on a narrow screen): "Formation : ". */
  cardLabel: (label: string) => string;
  /** Under a table whose columns go on to the right, out of sight. */
  moreColumns: string;
  /** The column chooser's disclosure button, and its group's name. */
  columnsButton: string;
  columnsLabel: (caption: string) => string;
  /** The skip link before a long table: "Passer le tableau : Contrats intégrés…". */
  skipTable: (caption: string) => string;
  /** A search's summary above the tables; each count is a link moving the focus to its table. */
  searchSummaryLabel: (query: string) => string;
  /** "18 contrats intégrés → voir": one table's link in that summary (count formatted with its words). */
  searchSummaryLink: (count: string) => string;

  // ---- pager ----
  pagerLabel: (table: string) => string;
  range: (from: string, to: string, total: string) => string;
  previousPage: string;
  nextPage: string;

  // ---- reason chips ----
  reasonFilterLabel: string;
  chip: (label: string, count: string) => string;

  // ---- export ----
  exportCsv: string;
  exporting: string;
  exportFilename: string;

  // ---- a record not filed under its own code (contract origin) ----
  /** "ligne 98": where a CSV record was read. */
  originLine: (line: string) => string;
  /** "position 83": where a pushed or pulled record stood in the snapshot (1-based). */
  originPosition: (position: string) => string;
  /** "2025-000098 (2e copie, ligne 98)": the nth record sent with this code. */
  originCopy: (code: string, nth: string, where: string) => string;
  /** "sans code (ligne 82)". */
  originNoCode: (where: string) => string;
  /** Ordinal suffixes by Intl.PluralRules ordinal category ("1re", "2e"; "1st", "2nd", "3rd", "4th"). */
  ordinalSuffixes: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

  // ---- units ----
  contracts: PluralForms;
  integratedContracts: PluralForms;
  rejectedContracts: PluralForms;
  /** "contrat non intégré", for the status header's count. */
  nonIntegratedContracts: PluralForms;

  // ---- live region announcements (counts come formatted with their words) ----
  /** "12 contrats intégrés et 3 non intégrés pour « helene »"; `query` may be ''. */
  resultsAnnounce: (integrated: string, rejected: string, query: string) => string;
  /** "10 contrats non intégrés avec le motif « Entreprise manquante »"; `reason` may be ''. */
  reasonAnnounce: (rejected: string, reason: string) => string;
  /** "Contrats intégrés : 51–100 sur 20 000". */
  pageAnnounce: (table: string, range: string) => string;

  // ---- Historique tab (<erp-sync-history>) ----
  history: HistoryTranslations;
}

/**
 * The dialog approving a held run (approval-fr.ts, approval-en.ts): what the run would do, the
 * contracts it would archive or change, then Confirm or Cancel. Not part of `Translations`: they
 * are loaded with the dialog (widget/data/approval.ts), not with the first paint.
 */
export interface ApprovalTranslations {
  /** The held run's notice in the status header: what it would archive, to check before approving. */
  runHeld: (wouldArchive: string, integrated: string) => string;
  approve: string;
  approving: string;
  title: string;
  /** "206 contrats sur 303 intégrés seraient archivés…"; both come formatted, the first with its word. */
  intro: (wouldArchive: string, integrated: string) => string;
  /** The mass-update guard: heading of the list of fields that would change. */
  fieldUpdatesHeading: string;
  /** "Formation : 40 contrats". */
  fieldUpdate: (field: string, count: string) => string;
  /** The group of the two lists' toggle buttons. */
  kindsLabel: string;
  /** "À archiver (206)"; `count` is '' while unknown. */
  kinds: Record<heldEffectKind, (count: string) => string>;
  searchLabel: string;
  searchPlaceholder: string;
  captions: Record<heldEffectKind, string>;
  changedFields: string;
  /** Nothing in this list (or nothing for the search, `query` may be ''). */
  empty: (query: string) => string;
  pagerLabel: (caption: string) => string;
  confirm: string;
  confirming: string;
  cancel: string;
  /** Announced once applied: "Synchronisation approuvée : 206 contrats archivés." */
  approved: (archived: string) => string;
  archivedContracts: PluralForms;
  /** Announced when the dialog is closed without approving. */
  cancelled: string;
}

/**
 * Strings of the Historique tab (<erp-sync-history>), one key of Translations (history-fr.ts,
 * history-en.ts hold them).
 */
export interface HistoryTranslations {
  heading: string;

  // ---- trend chart (its own words come with it: TrendTranslations) ----
  trendError: string;

  // ---- filters ----
  filtersLabel: string;
  searchLabel: string;
  searchPlaceholder: string;
  /** Says that the search and the kind narrow the list of days, not only the opened days. */
  searchHint: string;
  kindFilterLabel: string;
  allKinds: string;
  dateRangeLabel: string;
  fromLabel: string;
  toLabel: string;
  clearDates: string;
  dateRangeInvalid: string;

  // ---- days ----
  daysLabel: string;
  runsLabel: string;
  runLine: (source: string, status: string, time: string) => string;
  /** Who started, approved or abandoned a run, and when: « approuvé par Marie Dupont à 09:12 ». */
  runEvent: (action: runEvent['action'], who: string, time: string) => string;
  noRun: string;
  countsLabel: string;
  noChangeCounts: string;
  loadOlder: string;
  loadingOlder: string;
  emptyTitle: string;
  emptyBody: string;
  emptyRange: string;
  /** No day has a change matching the search or the kind. */
  emptyFilters: string;
  dateNotFound: (date: string) => string;

  // ---- live region (said once a result arrives) ----
  /** "jour"/"jours", for "12 jours". */
  dayCount: PluralForms;
  /** "changement"/"changements", for "34 changements". */
  changeCount: PluralForms;
  /** "12 jours, 34 changements pour « helene »" (`query` is '' without a search). */
  listAnnouncement: (days: string, changes: string, query: string) => string;
  /** "15 changements le mardi 24 novembre 2026": an opened day's changes have arrived. */
  dayAnnouncement: (changes: string, day: string) => string;

  // ---- a day's changes ----
  dayChangesLabel: (date: string) => string;
  noChanges: string;
  noChangesForFilters: string;
  /** Singular labels of a kind of change (chips, the badge of a contract). */
  kinds: Record<changeKind, string>;
  /** "3 ajouts", "1 nouveau rejet": the day's badges. */
  kindCounts: Record<changeKind, PluralForms>;
}

/**
 * What an opened day's contracts, a change's details and a contract's timeline say
 * (changes-fr.ts, changes-en.ts). Not part of `Translations`: they come with those pieces
 * (widget/history/change-details.ts, loaded when a day is opened or a timeline shown), not with
 * the first paint.
 */
export interface ChangesTranslations {
  changeAt: (time: string) => string;
  contractCode: (code: string) => string;

  // ---- change details ----
  fieldColumn: string;
  beforeColumn: string;
  afterColumn: string;
  diffCaption: (name: string) => string;
  addedHeading: (name: string) => string;
  archivedHeading: (name: string) => string;
  reasonsAppeared: string;
  reasonsFixed: string;
  noDetail: string;

  // ---- contract timeline ----
  showTimeline: string;
  timelineHeading: (name: string, code: string) => string;
  /** The heading when the ERP sent no learner name. */
  timelineHeadingNoName: (code: string) => string;
  /** The heading while the contract is loading (its code may be an internal key: not shown). */
  timelineTitle: string;
  timelineBack: string;
  timelineEmpty: string;
}

/**
 * A running run's progress and abandon button (progress-fr.ts, progress-en.ts): loaded with
 * them (widget/shared/pieces/run-progress.ts) while a run runs, not with the first paint. Its
 * phase words (`runPhases`) stay in `Translations`: the element announces them.
 */
export interface ProgressTranslations {
  /** "12 000 sur 100 000 contrats", or "12 000 contrats" while the total is unknown. */
  runProgressText: (done: string, total: string | null) => string;
  /** The progress bar's value in words: the phase, then the counts. */
  runProgressValue: (phase: string, counts: string) => string;
  /** Abandons a run stuck as running: nothing of it is applied. */
  abandonRun: string;
  abandoning: string;
  abandonHint: string;
}

/**
 * A failed run in words (failure-fr.ts, failure-en.ts): loaded with its drawing
 * (widget/shared/pieces/run-failure.ts) when a failed run is shown, not with the first paint.
 */
export interface FailureTranslations {
  /** A failed run without a known kind of failure, with the server's error. */
  runFailed: (error: string) => string;
  /** A failed run in words: what happened, that the data stays, what to do (the technical error goes behind a disclosure). */
  runFailures: Record<runFailure, string>;
  /** The disclosure showing a failed run's technical error. */
  technicalDetail: string;
}

/**
 * The trend chart's words (trend-fr.ts, trend-en.ts): loaded with the chart
 * (widget/history/trend.ts) beside the trend's own request, not with the first paint.
 */
export interface TrendTranslations {
  /** "Évolution sur 12 jours (du 01/03/2026 au 12/03/2026)": the days the chart has data for, with their unit. */
  trendHeading: (days: string, from: string, to: string) => string;
  /** The chart's title while it has no data at all. */
  trendHeadingEmpty: string;
  /** role="img" label of one sparkline: what, over which days, range and last value. */
  trendSummary: (what: string, from: string, to: string, min: string, max: string, last: string) => string;
  trendEmpty: string;
}
