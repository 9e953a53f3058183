/**
 * The Historique's filters besides the shared search box: the kind of change (toggle chips,
 * one at a time because the API filters on one) and the date range (from/to, applied on
 * `change` so half-typed dates do not fire requests). State stays in the host.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { changeKind } from '../../contract/index.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import { KINDS } from './day-list.ts';

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
