/**
 * The Historique's filters: the search box (shared, debounced), the kind of change (toggle
 * chips, one at a time because the API filters on one) and the date range (from/to, applied on
 * `change` so half-typed dates do not fire requests). `HistoryFilters` holds their state for the
 * host; the render functions only draw and call back.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { changeKind } from '../../contract/api.ts';
import { SearchController } from '../shared/controllers/search-controller.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import { renderSearchBox } from '../shared/pieces/controls.ts';
import { KINDS } from './day-list.ts';

export class HistoryFilters {
  readonly search: SearchController;
  kind: changeKind | null = null;
  /** What the date inputs hold; `from`/`to` only take them once the pair is valid. */
  fromInput = '';
  toInput = '';
  rangeError = false;
  /** The applied date range (days on or after `from`, on or before `to`). */
  from = '';
  to = '';

  private readonly host: ReactiveControllerHost;
  private readonly onChange: (what: 'search' | 'range') => void;

  /** `onChange`: the user changed the search or the kind (`search`), or the applied range. */
  constructor(host: ReactiveControllerHost, onChange: (what: 'search' | 'range') => void) {
    this.host = host;
    this.onChange = onChange;
    this.search = new SearchController(host, { onCommit: () => onChange('search') });
  }

  /** A search or kind is applied (the list holds only days with a matching change). */
  get filtered(): boolean {
    return this.search.query !== '' || this.kind !== null;
  }

  get ranged(): boolean {
    return this.from !== '' || this.to !== '';
  }

  setKind(kind: changeKind | null): void {
    if (kind === this.kind) return;
    this.kind = kind;
    this.onChange('search');
    this.host.requestUpdate();
  }

  setRange(from: string, to: string): void {
    this.fromInput = from;
    this.toInput = to;
    this.rangeError = from !== '' && to !== '' && from > to;
    this.host.requestUpdate();
    if (this.rangeError || (from === this.from && to === this.to)) return;
    this.from = from;
    this.to = to;
    this.onChange('range');
  }

  render(loc: Localizer): TemplateResult {
    const h = loc.t.history;
    return html`<div class="filters" part="filters" role="group" aria-label=${h.filtersLabel}>
      ${renderSearchBox({
        id: 'history-search',
        label: h.searchLabel,
        value: this.search.value,
        placeholder: h.searchPlaceholder,
        hint: h.searchHint,
        onInput: (value) => this.search.set(value),
        onCommit: () => this.search.commit(),
      })}
      ${renderKindChips({ selected: this.kind, loc, onChange: (kind) => this.setKind(kind) })}
      ${renderDateRange({
        from: this.fromInput,
        to: this.toInput,
        error: this.rangeError,
        loc,
        onChange: (from, to) => this.setRange(from, to),
      })}
    </div>`;
  }
}

export interface KindChipsOptions {
  selected: changeKind | null;
  loc: Localizer;
  onChange: (kind: changeKind | null) => void;
}

export function renderKindChips(o: KindChipsOptions): TemplateResult {
  const h = o.loc.t.history;
  const chip = (kind: changeKind | null, label: string) => {
    const pressed = kind === o.selected;
    return html`<button
      type="button"
      data-kind=${kind ?? ''}
      aria-pressed=${pressed ? 'true' : 'false'}
      @click=${() => o.onChange(kind)}
    >
      ${label}
    </button>`;
  };
  return html`<div class="chips" part="kind-filter" role="group" aria-label=${h.kindFilterLabel}>
    ${chip(null, h.allKinds)} ${KINDS.map((k) => chip(k, h.kinds[k]))}
  </div>`;
}

export interface DateRangeOptions {
  /** What the inputs hold (possibly an invalid pair, shown with `error`). */
  from: string;
  to: string;
  loc: Localizer;
  error: boolean;
  onChange: (from: string, to: string) => void;
}

export function renderDateRange(o: DateRangeOptions): TemplateResult {
  const h = o.loc.t.history;
  // Both inputs are read on either change: the host validates the pair, not one date.
  const read = (e: Event) => {
    const root = (e.target as HTMLElement).closest('fieldset');
    const from = root?.querySelector<HTMLInputElement>('input[name="from"]')?.value ?? '';
    const to = root?.querySelector<HTMLInputElement>('input[name="to"]')?.value ?? '';
    o.onChange(from, to);
  };
  return html`<fieldset class="date-range" part="date-range">
    <legend>${h.dateRangeLabel}</legend>
    <label>
      <span>${h.fromLabel}</span>
      <input type="date" name="from" .value=${live(o.from)} aria-invalid=${o.error ? 'true' : 'false'} @change=${read} />
    </label>
    <label>
      <span>${h.toLabel}</span>
      <input type="date" name="to" .value=${live(o.to)} aria-invalid=${o.error ? 'true' : 'false'} @change=${read} />
    </label>
    ${
      o.from || o.to ? html`<button type="button" class="clear-dates" @click=${() => o.onChange('', '')}>${h.clearDates}</button>` : nothing
    }
    ${o.error ? html`<p class="danger" role="alert">${h.dateRangeInvalid}</p>` : nothing}
  </fieldset>`;
}
