/**
 * Small controls as render functions (see data-table.ts for why not elements): the search box,
 * the pager and the reason filter chips. State stays in the host (SearchController,
 * PagingController, a @state for the selected reason); these only draw and call back.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { SEARCH_MAX_LENGTH } from '../../../contract/constants.ts';
import type { reasonCode } from '../../../contract/reasons.ts';
import type { Localizer } from '../i18n/localize.ts';

export interface SearchBoxOptions {
  /** Unique in the shadow root (label `for`). */
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  hint?: string;
  onInput: (value: string) => void;
  /** Enter, or the field cleared with its × button: search now, without waiting. */
  onCommit: () => void;
}

export function renderSearchBox(o: SearchBoxOptions): TemplateResult {
  const hintId = `${o.id}-hint`;
  // Named by its label: a page (or an open dialog) may hold several search landmarks.
  return html`<div class="search" part="search" role="search" aria-label=${o.label}>
    <label for=${o.id}>${o.label}</label>
    <input
      id=${o.id}
      type="search"
      maxlength=${SEARCH_MAX_LENGTH}
      autocomplete="off"
      spellcheck="false"
      placeholder=${o.placeholder ?? ''}
      aria-describedby=${hintId}
      .value=${live(o.value)}
      @input=${(e: InputEvent) => o.onInput((e.target as HTMLInputElement).value)}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Enter') o.onCommit();
      }}
      @search=${(e: Event) => {
        // Chrome also fires 'search' on Enter (handled above); here only the × clear button counts.
        if ((e.target as HTMLInputElement).value === '') o.onCommit();
      }}
    />
    <span class="hint" id=${hintId}>${o.hint ?? ''}</span>
  </div>`;
}

export interface PagerOptions {
  /** Unique in the shadow root: the nav can then take the focus (a skip link's target). */
  id?: string;
  /** The nav's accessible name, e.g. "Pagination : Contrats intégrés". */
  label: string;
  offset: number;
  /** Rows shown on this page. */
  count: number;
  total: number;
  loc: Localizer;
  onPrevious: () => void;
  onNext: () => void;
  part?: string;
}

/**
 * "1–50 sur 18 240" with previous/next buttons. At either end a button is `aria-disabled` (and
 * does nothing) rather than `disabled`: a disabled button drops the keyboard focus to <body>
 * when "Page suivante" reaches the last page.
 */
export function renderPager(o: PagerOptions): TemplateResult {
  const hasPrevious = o.offset > 0;
  const hasNext = o.offset + o.count < o.total;
  return html`<nav class="pager" part=${o.part ?? 'pager'} aria-label=${o.label} id=${o.id ?? nothing} tabindex=${o.id ? '-1' : nothing}>
    <span class="range">${o.loc.range(o.offset, o.count, o.total)}</span>
    <button
      type="button"
      data-page="previous"
      aria-disabled=${hasPrevious ? 'false' : 'true'}
      @click=${() => {
        if (hasPrevious) o.onPrevious();
      }}
    >
      ${o.loc.t.previousPage}
    </button>
    <button
      type="button"
      data-page="next"
      aria-disabled=${hasNext ? 'false' : 'true'}
      @click=${() => {
        if (hasNext) o.onNext();
      }}
    >
      ${o.loc.t.nextPage}
    </button>
  </nav>`;
}

export interface ReasonChipsOptions {
  counts: readonly { code: reasonCode; count: number }[];
  /** The active filter; one reason at a time (the API filters on one). */
  selected: reasonCode | null;
  loc: Localizer;
  /** Called with the chip's code, or null when the active chip is pressed again. */
  onChange: (code: reasonCode | null) => void;
}

/**
 * Toggle buttons (aria-pressed), "Entreprise manquante · 25", most frequent first. The selected
 * chip is always drawn (with 0 when the server's counts no longer name it, e.g. after a search):
 * a filter that is applied must stay visible and removable.
 */
export function renderReasonChips(o: ReasonChipsOptions): TemplateResult {
  const counts = [...o.counts].filter((c) => c.count > 0 || c.code === o.selected).sort((a, b) => b.count - a.count);
  if (o.selected && !counts.some((c) => c.code === o.selected)) counts.push({ code: o.selected, count: 0 });
  return html`<div class="chips" part="chips" role="group" aria-label=${o.loc.t.reasonFilterLabel}>
    ${counts.map((c) => {
      const pressed = c.code === o.selected;
      return html`<button
        type="button"
        data-reason=${c.code}
        aria-pressed=${pressed ? 'true' : 'false'}
        @click=${() => o.onChange(pressed ? null : c.code)}
      >
        ${o.loc.t.chip(o.loc.reasonLabel(c.code), o.loc.number(c.count))}
      </button>`;
    })}
  </div>`;
}
