import type { HistoryTranslations } from './translations.ts';

export const historyEn: HistoryTranslations = {
  heading: 'History',

  trendError: 'The chart could not be loaded.',

  filtersLabel: 'History filters',
  searchLabel: 'Search the changes',
  searchPlaceholder: 'Learner name, contract code, programme…',
  searchHint: 'Only days with a matching change are listed, and their counts count only those.',
  kindFilterLabel: 'Kind of change',
  allKinds: 'All',
  dateRangeLabel: 'Period',
  fromLabel: 'From',
  toLabel: 'To',
  clearDates: 'Clear dates',
  dateRangeInvalid: 'The start date is after the end date.',

  daysLabel: 'Import days, newest first',
  runsLabel: 'Imports of the day',
  runLine: (source, status, time) => `${source} · ${status} · ${time}`,
  runEvent: (action, who, time) => `${action} by ${who} at ${time}`,
  noRun: 'No import that day',
  countsLabel: 'Changes of the day',
  noChangeCounts: 'No changes',
  loadOlder: 'Load earlier days',
  loadingOlder: 'Loading earlier days…',
  emptyTitle: 'No imports yet',
  emptyBody: 'Each import from the ERP will show here, day after day, with what it changed.',
  emptyRange: 'No imports in this period.',
  emptyFilters: 'No change matches the filters.',
  dateNotFound: (date) => `No import on ${date}.`,

  dayCount: { one: 'day', other: 'days' },
  changeCount: { one: 'change', other: 'changes' },
  listAnnouncement: (days, changes, query) => `${days}, ${changes}${query ? ` for “${query}”` : ''}`,
  dayAnnouncement: (changes, day) => `${changes} on ${day}`,

  dayChangesLabel: (date) => `Changes of ${date}`,
  noChanges: 'No changes that day.',
  noChangesForFilters: 'No change of this day matches the filters.',
  kinds: {
    added: 'Added',
    updated: 'Updated',
    archived: 'Archived',
    rejected: 'Newly rejected',
    fixed: 'Fixed',
  },
  kindCounts: {
    added: { one: 'added', other: 'added' },
    updated: { one: 'updated', other: 'updated' },
    archived: { one: 'archived', other: 'archived' },
    rejected: { one: 'newly rejected', other: 'newly rejected' },
    fixed: { one: 'fixed', other: 'fixed' },
  },
};
