/**
 * A server-sorted, disclosure-row data table, as a render function drawing into the caller's
 * shadow root (so `aria-controls` and ids resolve: ARIA id references do not cross shadow roots,
 * which is why the pieces are render functions and not elements of their own).
 *
 * Semantics: a real <table> with a <caption>, <th scope="col"> headers whose sortable ones hold a
 * <button> and carry `aria-sort` when sorted, a row header (`rowHeader` column), and per row a
 * disclosure <button aria-expanded aria-controls> that shows an expandable detail row spanning
 * every column. All buttons are native, so the table is keyboard operable as is. State (sort,
 * expanded rows) stays in the host; the table only calls back.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Translations } from '../i18n/translations.ts';
import { renderDisclosure } from './disclosure.ts';

export interface Column<T> {
  /** Stable id, also used as the header cell's part suffix. */
  id: string;
  label: string;
  /** Server sort key; the header gets a sort button when set. */
  sortKey?: string;
  /** The cell's content: text (escaped by Lit) or a template. */
  cell: (row: T) => unknown;
  /** Render this column as the row header (<th scope="row">); use it for the learner's name. */
  rowHeader?: boolean;
  /** Kept when rows become cards on a narrow screen (the others are in the row's detail). */
  card?: boolean;
}

export interface SortState {
  key: string;
  order: 'asc' | 'desc';
}

export interface DataTableOptions<T> {
  /** Unique in the shadow root: prefixes the detail rows' ids. */
  id: string;
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Who the row is about, for the disclosure button's accessible name. */
  rowLabel: (row: T) => string;
  t: Translations;
  sort?: SortState | null;
  onSort?: (key: string) => void;
  expanded: ReadonlySet<string>;
  onToggle: (row: T, open: boolean) => void;
  /** Content of the detail row (e.g. renderFieldList). Only rendered while expanded. */
  detail: (row: T) => unknown;
  /**
   * Visible words shown under the table while columns are out of sight to the right (the
   * ScrollCueController marks the wrapper `data-more`); screen readers read every column anyway.
   */
  moreColumnsHint?: string;
  /** A newer page is loading: the rows are stale (aria-busy). */
  busy?: boolean;
  part?: string;
}

/** Next sort state when a header is clicked: a new column starts ascending, the same one flips. */
export function nextSort(current: SortState | null | undefined, key: string): SortState {
  if (current?.key === key) return { key, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { key, order: 'asc' };
}

function header<T>(col: Column<T>, o: DataTableOptions<T>): TemplateResult {
  if (!col.sortKey || !o.onSort) return html`<th scope="col" part="header-cell">${col.label}</th>`;
  const sorted = o.sort?.key === col.sortKey ? o.sort.order : null;
  const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : nothing;
  const key = col.sortKey;
  const onSort = o.onSort;
  return html`<th scope="col" part="header-cell" aria-sort=${ariaSort}>
    <button type="button" class="sort" data-sort=${key} @click=${() => onSort(key)}>
      ${col.label}<span class="sort-indicator" aria-hidden="true"
        >${sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span
      >
    </button>
  </th>`;
}

export function renderDataTable<T>(o: DataTableOptions<T>): TemplateResult {
  const span = o.columns.length + 1;
  return html`<div class="table-wrap" part=${o.part ?? 'table'}>
    <table id=${o.id} aria-busy=${o.busy ? 'true' : 'false'}>
      <caption>${o.caption}</caption>
      <thead>
        <tr>
          <th scope="col" part="header-cell"><span class="visually-hidden">${o.t.detailColumn}</span></th>
          ${o.columns.map((c) => header(c, o))}
        </tr>
      </thead>
      ${repeat(
        o.rows,
        (row) => o.rowKey(row),
        (row, index) => {
          const key = o.rowKey(row);
          const open = o.expanded.has(key);
          // Index-based ids: a contract code may hold any character, an id must stay simple.
          const detailId = `${o.id}-detail-${index}`;
          return html`<tbody>
            <tr part="row" data-key=${key}>
              <td>
                ${renderDisclosure({
                  open,
                  controls: detailId,
                  content: nothing,
                  label: o.t.showDetail(o.rowLabel(row)),
                  onToggle: (next) => o.onToggle(row, next),
                })}
              </td>
              ${o.columns.map((c) =>
                c.rowHeader
                  ? html`<th scope="row" data-column=${c.id}>${c.cell(row)}</th>`
                  : html`<td data-column=${c.id} data-label=${o.t.cardLabel(c.label)} class=${c.card ? 'card-field' : ''}>${c.cell(row)}</td>`,
              )}
            </tr>
            <tr class="detail" id=${detailId} part="detail-row" ?hidden=${!open}>
              <td colspan=${span}>${open ? o.detail(row) : nothing}</td>
            </tr>
          </tbody>`;
        },
      )}
    </table>
  </div>
  ${o.moreColumnsHint ? html`<p class="more-columns" part="more-columns" aria-hidden="true">${o.moreColumnsHint}</p>` : nothing}`;
}

/** One field of a record's detail. */
export interface FieldEntry {
  label: string;
  value: string;
  /** The field's name, kept on the row (`data-field`) for hosts and tests. */
  field?: string;
  /** Words flagging the field ("À corriger"): drawn highlighted, with the words, not by color alone. */
  flag?: string;
}

/** Every field of a record as a <dl>, labels first; empty values show a dash; flagged ones highlighted. */
export function renderFieldList(entries: readonly FieldEntry[], opts: { heading: string; emptyValue: string }): TemplateResult {
  return html`<dl class="fields" part="fields" aria-label=${opts.heading}>
    ${entries.map(
      (
        e,
      ) => html`<div class=${e.flag ? 'field flagged' : 'field'} part=${e.flag ? 'field field-flagged' : 'field'} data-field=${e.field ?? nothing}>
        <dt>${e.label}${e.flag ? html` <strong class="flag">${e.flag}</strong>` : nothing}</dt>
        <dd>${e.value === '' ? html`<span class="muted">${opts.emptyValue}</span>` : e.value}</dd>
      </div>`,
    )}
  </dl>`;
}
