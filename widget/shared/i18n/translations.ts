/**
 * Every UI string of the ERP sync widgets, one module per language implementing this
 * interface (Shoelace's translations/en.ts pattern). Values that embed numbers or dates take
 * them already formatted by `Localizer`, so a translation never formats anything itself.
 *
 * Field labels, reason labels and reason messages are NOT here: they come from the API
 * contract module (`fieldLabels`, `reasonLabels`, `reasonMessage`) so the server's CSV export
 * and the widgets say the same words.
 */
import type { runSource, runStatus } from '../../../contract/index.ts';
import type { HistoryTranslations } from './history-translations.ts';

/** Plural forms, selected with Intl.PluralRules (French: 0 and 1 are "one"). */
export interface PluralForms {
  one: string;
  other: string;
}

export interface Translations {
  /** BCP 47 locale used for Intl formatting. */
  locale: string;

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
  runFailed: (error: string) => string;
  runHeld: (wouldArchive: string, integrated: string) => string;
  approve: string;
  approving: string;
  startRun: string;
  startingRun: string;
  /** The start button while the last run is still running. */
  runInProgress: string;
  /** Announced when a run started here finishes (or is seen finishing), by its final status. */
  runOutcome: Record<runStatus, string>;
  actionFailed: (message: string) => string;

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
  /** The detail row's button firing `erp-sync-contract-history`. */
  showContractHistory: string;
  emptyValue: string;
  columns: {
    learner: string;
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

  // ---- units ----
  contracts: PluralForms;
  integratedContracts: PluralForms;
  rejectedContracts: PluralForms;

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
