/**
 * What the Historique's live region says once a result the user asked for has arrived: the
 * list ("12 jours, 34 changements pour « helene »") or an opened day ("15 changements le mardi
 * 24 novembre 2026"). Words only; the element decides when.
 */
import type { historyDay } from '../../contract/api.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import { KINDS } from './day-list.ts';
import { longDay } from './format.ts';

export interface ListState {
  /** The committed search ('' without one). */
  query: string;
  /** A search or kind filter is applied. */
  filtered: boolean;
  /** A date range is applied. */
  ranged: boolean;
}

export function listAnnouncement(days: readonly historyDay[], state: ListState, loc: Localizer): string {
  const h = loc.t.history;
  if (days.length === 0) return state.filtered ? h.emptyFilters : state.ranged ? h.emptyRange : h.emptyTitle;
  const changes = days.reduce((n, d) => n + KINDS.reduce((m, k) => m + d[k], 0), 0);
  return h.listAnnouncement(loc.count(days.length, h.dayCount), loc.count(changes, h.changeCount), state.query);
}

export function dayAnnouncement(date: string, total: number, filtered: boolean, loc: Localizer): string {
  const h = loc.t.history;
  if (total === 0) return filtered ? h.noChangesForFilters : h.noChanges;
  return h.dayAnnouncement(loc.count(total, h.changeCount), longDay(date, loc, false));
}
