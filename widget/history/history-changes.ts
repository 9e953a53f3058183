/**
 * What <erp-sync-history> draws only on demand, in one file of the bundle loaded the first time
 * a day is opened or a contract's timeline shown: an opened day's changes (day-changes.ts), a
 * contract's timeline (contract-timeline.ts), the change details both draw (change-details.ts),
 * with their words and styles. One module on purpose: a piece shared by two files loaded on
 * demand makes rolldown move Lit out of the bundle into a third file, loaded before the first
 * paint.
 */
export { changesStyles } from './change-details.ts';
export { renderTimeline } from './contract-timeline.ts';
export { renderDayChanges } from './day-changes.ts';
