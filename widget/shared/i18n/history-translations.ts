/**
 * Strings of the Historique tab (<erp-sync-history>), kept in their own interface and modules
 * (history-fr.ts, history-en.ts) so the shared Translations only gains one `history` key.
 * As in translations.ts, numbers and dates arrive already formatted by the Localizer.
 */
import type { changeKind } from '../../../contract/index.ts';
import type { PluralForms } from './translations.ts';

export interface HistoryTranslations {
  heading: string;

  // ---- trend chart ----
  trendHeading: (days: string) => string;
  /** role="img" label of one sparkline: what, over which days, range and last value. */
  trendSummary: (what: string, from: string, to: string, min: string, max: string, last: string) => string;
  trendLast: (value: string) => string;
  trendEmpty: string;
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
  timelineBack: string;
  timelineEmpty: string;
}
