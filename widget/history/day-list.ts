/**
 * The list of days (newest first) and, inside an opened day, its changes grouped by contract.
 * Render functions, not elements: the disclosure buttons' `aria-controls` must resolve in the
 * host's shadow root, and the host's theme tokens must reach every line (a nested element
 * would redeclare them on its own :host). State lives in the host and its OpenDay objects.
 * An opened day's changes are drawn by day-changes.ts, which the host fetches (in
 * history-changes.ts) when a day is first opened; until it is there the day says it is loading,
 * as it does while its changes come.
 */
import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { changeKind, historyDay } from '../../contract/api.ts';
import { changeKinds } from '../../contract/constants.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import { renderDisclosure } from '../shared/pieces/disclosure.ts';
import { renderError, renderLoading } from '../shared/pieces/states.ts';
import { runStatusClass } from '../shared/pieces/status-header.ts';
import type { DayChangesContext } from './day-changes.ts';
import { isDay, longDay } from './format.ts';
import type { OpenDay } from './open-days.ts';

export const KINDS: readonly changeKind[] = changeKinds;

/** history-changes.ts (an opened day's changes, a contract's timeline), loaded on demand by the host. */
export type ChangesPiece = typeof import('./history-changes.ts');

interface DayListContext extends DayChangesContext {
  /** The opened day's state, or undefined when the day is closed. */
  openDay: (date: string) => OpenDay | undefined;
  onToggleDay: (date: string, open: boolean) => void;
  /** The drawing of an opened day's changes; null while it is on its way. */
  changes: ChangesPiece | null;
}

function renderRuns(day: historyDay, loc: Localizer): TemplateResult {
  const h = loc.t.history;
  if (day.runs.length === 0) return html`<p class="runs muted" part="runs">${h.noRun}</p>`;
  return html`<ul class="runs" part="runs" aria-label=${h.runsLabel}>
    ${day.runs.map(
      (r) => html`<li data-run=${r.id} data-status=${r.status} class=${runStatusClass(r.status)}>
        ${h.runLine(loc.t.sources[r.source], loc.t.runStatuses[r.status], loc.time(r.startedAt))}
        ${r.events.map((e) => html`<span class="run-event" data-action=${e.action}> · ${h.runEvent(e.action, e.by.name ?? e.by.sub, loc.time(e.at))}</span>`)}
      </li>`,
    )}
  </ul>`;
}

function renderCounts(day: historyDay, loc: Localizer): TemplateResult {
  const h = loc.t.history;
  const kinds = KINDS.filter((k) => day[k] > 0);
  if (kinds.length === 0) return html`<p class="badges muted" part="badges">${h.noChangeCounts}</p>`;
  return html`<ul class="badges" part="badges" aria-label=${h.countsLabel}>
    ${kinds.map(
      (k) => html`<li class="badge kind-${k}" part="badge" data-kind=${k} data-count=${day[k]}>
        ${loc.count(day[k], h.kindCounts[k])}
      </li>`,
    )}
  </ul>`;
}

/** One day: its date as the disclosure, its runs, its counts; its changes once opened. */
function renderDay(day: historyDay, index: number, ctx: DayListContext): TemplateResult {
  const { loc } = ctx;
  const opened = ctx.openDay(day.date);
  const open = opened !== undefined;
  // Index-based ids: simple and unique in the shadow root (dates would do too, but stay uniform).
  const panelId = `history-day-${index}`;
  return html`<li class="day" part="day" data-date=${day.date}>
    <div class="day-header" part="day-header">
      <h3 class="day-title">
        ${renderDisclosure({
          open,
          controls: panelId,
          part: 'day-toggle',
          className: 'day-toggle',
          onToggle: (next) => ctx.onToggleDay(day.date, next),
          content: html`<span class="day-date">${longDay(day.date, loc)}</span>`,
        })}
      </h3>
      ${renderRuns(day, loc)} ${renderCounts(day, loc)}
    </div>
    <div
      class="day-panel"
      part="day-panel"
      id=${panelId}
      role="group"
      aria-label=${loc.t.history.dayChangesLabel(loc.date(day.date))}
      ?hidden=${!open}
    >
      ${opened ? (ctx.changes ? ctx.changes.renderDayChanges(opened, panelId, ctx) : renderLoading(loc)) : nothing}
    </div>
  </li>`;
}

export interface DayListOptions extends DayListContext {
  days: readonly historyDay[];
  /** The first page's task status, and whether a first page was ever drawn. */
  status: TaskStatus;
  loaded: boolean;
  /** A date range is applied (changes the empty wording). */
  ranged: boolean;
  /** A deep-linked day, said missing when the list does not hold it. */
  date: string;
  older: OlderOptions;
}

export interface OlderOptions {
  /** There are earlier days to load. */
  next: boolean;
  loading: boolean;
  /** Why the last attempt failed; null when it did not. */
  error: unknown;
  onLoad: () => void;
  onRetry: () => void;
}

/** "Charger les jours précédents", with its error and retry when it failed. */
function renderOlder(o: OlderOptions, loc: Localizer): unknown {
  if (!o.next && !o.error) return nothing;
  const h = loc.t.history;
  return html`<div class="older">
    ${
      o.next
        ? html`<button type="button" class="load-older" part="load-older" aria-disabled=${o.loading ? 'true' : 'false'} @click=${o.onLoad}>
          ${o.loading ? h.loadingOlder : h.loadOlder}
        </button>`
        : nothing
    }
    ${o.error ? renderError(loc, o.error, o.onRetry) : nothing}
  </div>`;
}

/** The days, newest first, with their empty states (heard through the live region) and "load earlier days". */
export function renderDayList(o: DayListOptions): unknown {
  const { loc, days } = o;
  const h = loc.t.history;
  if (!o.loaded) return renderLoading(loc);
  if (days.length === 0) {
    const title = o.filtered ? h.emptyFilters : o.ranged ? h.emptyRange : h.emptyTitle;
    return html`<div class="state empty" part="state state-empty">
      <p class="state-title">${title}</p>
      ${o.filtered || o.ranged ? nothing : html`<p>${h.emptyBody}</p>`}
    </div>`;
  }
  // Filtered out is not "no import that day": the notice would mislead.
  const missing = o.status === TaskStatus.COMPLETE && !o.filtered && isDay(o.date) && !days.some((d) => d.date === o.date);
  return html`${missing ? html`<p class="notice" role="status">${h.dateNotFound(loc.date(o.date))}</p>` : nothing}
    <ol class="days" part="days" aria-label=${h.daysLabel} aria-busy=${o.status === TaskStatus.PENDING ? 'true' : 'false'}>
      ${repeat(
        days,
        (d) => d.date,
        (d, i) => renderDay(d, i, o),
      )}
    </ol>
    ${renderOlder(o.older, loc)}`;
}
