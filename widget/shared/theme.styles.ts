/**
 * Theme tokens and the styles of the shared pieces. A widget includes them first:
 * `static override styles = [themeStyles, pieceStyles, css\`...own rules...\`]`.
 *
 * Hosts restyle (light/dark, brand) only through the `--erp-sync-*` custom properties, set on
 * the element itself or any selector matching it, e.g.
 * `.dark erp-sync-data { --erp-sync-color-text: #e5e7eb; --erp-sync-color-surface: #111827; ... }`.
 * The defaults meet WCAG AA contrast on white: 4.5:1 for text, 3:1 for the borders of inputs
 * (`--erp-sync-color-input-border`, WCAG 1.4.11; `--erp-sync-color-border` only separates areas).
 * `--erp-sync-color-scheme` (light by default) sets `color-scheme`, so native controls (date
 * pickers, scrollbars, the search field's clear button) follow a dark theme too.
 */
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --erp-sync-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --erp-sync-font-size: 0.9375rem;
    --erp-sync-font-size-small: 0.8125rem;
    --erp-sync-color-text: #1f2937;
    --erp-sync-color-muted: #4b5563;
    --erp-sync-color-surface: #ffffff;
    --erp-sync-color-surface-alt: #f3f4f6;
    --erp-sync-color-border: #d1d5db;
    --erp-sync-color-input-border: #6b7280;
    --erp-sync-color-accent: #1d4ed8;
    --erp-sync-color-accent-contrast: #ffffff;
    --erp-sync-color-danger: #b91c1c;
    --erp-sync-color-warning: #92400e;
    --erp-sync-color-success: #166534;
    --erp-sync-radius: 0.375rem;
    --erp-sync-spacing: 0.75rem;
    --erp-sync-focus-ring: 3px solid #2563eb;
    --erp-sync-focus-offset: 2px;

    display: block;
    color-scheme: var(--erp-sync-color-scheme, light);
    font-family: var(--erp-sync-font-family);
    font-size: var(--erp-sync-font-size);
    color: var(--erp-sync-color-text);
    background: var(--erp-sync-color-surface);
    line-height: 1.4;
  }

  :host([hidden]) {
    display: none;
  }

  /* Again on the inner wrapper: a host page's \`* { font-family: ... }\` matches the host element
     itself and beats :host, and everything inside would inherit it. */
  [part~='base'] {
    font-family: var(--erp-sync-font-family);
    font-size: var(--erp-sync-font-size);
    color: var(--erp-sync-color-text);
    line-height: 1.4;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :focus-visible {
    outline: var(--erp-sync-focus-ring);
    outline-offset: var(--erp-sync-focus-offset);
  }

  /* Form fields: a 3:1 border (WCAG 1.4.11). :host raises the specificity above a widget's own
     layout rules (e.g. \`fieldset.date-range input\`), so every field gets the token. */
  :host input:not([type='checkbox'], [type='radio'], [type='range'], [type='hidden']),
  :host select,
  :host textarea {
    border-color: var(--erp-sync-color-input-border);
  }

  :host :is(input, select, textarea)[aria-invalid='true']:not([type='checkbox'], [type='radio']) {
    border-color: var(--erp-sync-color-danger);
  }

  /* A focused heading (a focus target after an action) needs no ring of its own. */
  h2[tabindex='-1']:focus {
    outline: none;
  }
`;

export const pieceStyles = css`
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  button {
    font: inherit;
    color: var(--erp-sync-color-text);
    background: var(--erp-sync-color-surface);
    border: 1px solid var(--erp-sync-color-border);
    border-radius: var(--erp-sync-radius);
    padding: calc(var(--erp-sync-spacing) / 3) calc(var(--erp-sync-spacing) * 0.8);
    cursor: pointer;
  }

  button:hover:not(:disabled, [aria-disabled='true']) {
    border-color: var(--erp-sync-color-accent);
  }

  /* aria-disabled (kept focusable, clicks ignored) looks like disabled. */
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    color: var(--erp-sync-color-muted);
    background: var(--erp-sync-color-surface-alt);
  }

  button.link {
    border: none;
    background: none;
    padding: 0;
    color: var(--erp-sync-color-accent);
    text-decoration: underline;
  }

  /* A skip link: out of sight until focused, then shown where it is. */
  .skip-link:not(:focus) {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }

  .skip-link:focus {
    align-self: flex-start;
    margin-bottom: 0.25rem;
  }

  nav.pager:focus-visible {
    outline: var(--erp-sync-focus-ring);
    outline-offset: var(--erp-sync-focus-offset);
  }

  button.primary {
    background: var(--erp-sync-color-accent);
    border-color: var(--erp-sync-color-accent);
    color: var(--erp-sync-color-accent-contrast);
  }

  /* ---- search box ---- */
  .search {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-block: var(--erp-sync-spacing);
  }

  .search label {
    font-weight: 600;
  }

  input {
    font: inherit;
    color: var(--erp-sync-color-text);
    background: var(--erp-sync-color-surface);
    border: 1px solid var(--erp-sync-color-input-border);
    border-radius: var(--erp-sync-radius);
    padding: calc(var(--erp-sync-spacing) / 3);
  }

  .search input {
    padding: calc(var(--erp-sync-spacing) / 2);
    max-width: 32rem;
  }

  .hint {
    color: var(--erp-sync-color-muted);
    font-size: var(--erp-sync-font-size-small);
  }

  /* ---- table ---- */
  .table-wrap {
    overflow-x: auto;
    border: 1px solid var(--erp-sync-color-border);
    border-radius: var(--erp-sync-radius);
  }

  table {
    width: 100%;
    border-collapse: collapse;
  }

  /* Stale rows while the next page loads: marked without dimming the text (it keeps 4.5:1). */
  table[aria-busy='true'] tbody {
    cursor: progress;
  }

  table[aria-busy='true'] {
    box-shadow: inset 0 3px 0 var(--erp-sync-color-accent);
  }

  caption {
    text-align: start;
    padding: calc(var(--erp-sync-spacing) / 2) var(--erp-sync-spacing);
    color: var(--erp-sync-color-muted);
    font-size: var(--erp-sync-font-size-small);
  }

  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: calc(var(--erp-sync-spacing) / 2) var(--erp-sync-spacing);
    border-top: 1px solid var(--erp-sync-color-border);
  }

  thead th {
    background: var(--erp-sync-color-surface-alt);
    font-weight: 600;
    white-space: nowrap;
  }

  tbody th {
    font-weight: 600;
  }

  th button.sort {
    border: none;
    background: none;
    padding: 0;
    font-weight: 600;
    display: inline-flex;
    gap: 0.25rem;
    align-items: center;
  }

  .sort-indicator {
    color: var(--erp-sync-color-muted);
    font-size: 0.75em;
  }

  button.disclosure {
    border: none;
    background: none;
    padding: 0.125rem 0.375rem;
    line-height: 1;
  }

  button.disclosure .chevron {
    display: inline-block;
    transition: transform 0.15s;
  }

  button.disclosure[aria-expanded='true'] .chevron {
    transform: rotate(90deg);
  }

  tr.detail > td {
    background: var(--erp-sync-color-surface-alt);
  }

  dl.fields {
    display: grid;
    grid-template-columns: minmax(10rem, max-content) 1fr;
    gap: 0.25rem var(--erp-sync-spacing);
    margin: 0;
  }

  /* Each label and value pair is a row of the list's grid (subgrid), so a flagged one is highlighted whole. */
  dl.fields .field {
    display: grid;
    grid-column: 1 / -1;
    grid-template-columns: subgrid;
  }

  dl.fields .flagged {
    padding: 0.15rem 0.35rem;
    margin-inline: -0.35rem;
    border-inline-start: 3px solid var(--erp-sync-color-danger);
    background: var(--erp-sync-color-surface-alt);
  }

  dl.fields .flagged dt {
    color: var(--erp-sync-color-text);
    font-weight: 600;
  }

  .flag {
    color: var(--erp-sync-color-danger);
    font-size: var(--erp-sync-font-size-small);
  }

  dl.fields dt {
    color: var(--erp-sync-color-muted);
  }

  dl.fields dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .muted {
    color: var(--erp-sync-color-muted);
  }

  ul.reasons {
    margin: 0;
    padding-inline-start: 1.1rem;
  }

  /* ---- pager ---- */
  nav.pager {
    display: flex;
    align-items: center;
    gap: calc(var(--erp-sync-spacing) / 2);
    justify-content: flex-end;
    margin-block: calc(var(--erp-sync-spacing) / 2);
  }

  /* ---- chips ---- */
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--erp-sync-spacing) / 2);
    margin-block: calc(var(--erp-sync-spacing) / 2);
  }

  .chips button {
    border-radius: 999px;
    font-size: var(--erp-sync-font-size-small);
  }

  .state .clear-reason {
    margin-top: calc(var(--erp-sync-spacing) / 2);
  }

  .chips button[aria-pressed='true'] {
    background: var(--erp-sync-color-accent);
    border-color: var(--erp-sync-color-accent);
    color: var(--erp-sync-color-accent-contrast);
  }

  /* ---- states ---- */
  .state {
    padding: var(--erp-sync-spacing);
    border: 1px dashed var(--erp-sync-color-border);
    border-radius: var(--erp-sync-radius);
    color: var(--erp-sync-color-muted);
  }

  .state p {
    margin: 0 0 calc(var(--erp-sync-spacing) / 2);
  }

  .state .state-title {
    font-weight: 600;
    color: var(--erp-sync-color-text);
  }

  .state.error,
  .state.unauthorized {
    border-style: solid;
    border-color: var(--erp-sync-color-danger);
  }

  .state.error .state-title,
  .state.unauthorized .state-title,
  .danger {
    color: var(--erp-sync-color-danger);
  }

  .warning {
    color: var(--erp-sync-color-warning);
  }

  .success {
    color: var(--erp-sync-color-success);
  }

  /* ---- status header ---- */
  .status {
    display: flex;
    flex-direction: column;
    gap: calc(var(--erp-sync-spacing) / 2);
    padding: var(--erp-sync-spacing);
    border: 1px solid var(--erp-sync-color-border);
    border-radius: var(--erp-sync-radius);
  }

  .status h2 {
    margin: 0;
    font-size: 1.125rem;
  }

  .status .meta {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--erp-sync-spacing) / 2) calc(var(--erp-sync-spacing) * 1.5);
    margin: 0;
  }

  .status .meta div {
    display: flex;
    gap: 0.35rem;
  }

  .status .meta dt {
    color: var(--erp-sync-color-muted);
  }

  .status .meta dd {
    margin: 0;
    font-weight: 600;
  }

  .status h3 {
    margin: 0 0 0.25rem;
    font-size: var(--erp-sync-font-size);
  }

  .status .figures {
    display: flex;
    flex-wrap: wrap;
    gap: var(--erp-sync-spacing) calc(var(--erp-sync-spacing) * 3);
  }

  .status .counts-differ {
    margin: 0.25rem 0 0;
    max-width: 60ch;
    font-size: var(--erp-sync-font-size-small);
    color: var(--erp-sync-color-muted);
  }

  .status .to-fix {
    margin: 0;
  }

  @media (prefers-reduced-motion: reduce) {
    button.disclosure .chevron {
      transition: none;
    }
  }
`;
