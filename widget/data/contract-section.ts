/**
 * A table's section of <erp-sync-data>, as a render function (ARIA ids stay in the element's
 * shadow root): its heading with the count, a busy note in space kept for it, the table (or its
 * loading, empty or error state) and its pager. The non-integrated section adds the reason chips
 * and the CSV export above its table.
 */
import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { contractItem, contractList } from '../../contract/api.ts';
import type { reasonCode } from '../../contract/reasons.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import { renderPager, renderReasonChips } from '../shared/pieces/controls.ts';
import { renderDataTable } from '../shared/pieces/data-table.ts';
import { renderDisclosure } from '../shared/pieces/disclosure.ts';
import { renderEmpty, renderError, renderLoading } from '../shared/pieces/states.ts';
import { integratedColumns, rejectedColumns, rowName } from './columns.ts';
import type { ContractTable, TableName } from './contract-table.ts';

export interface SectionOptions {
  table: ContractTable;
  loc: Localizer;
  /** The count to show before the first page is in (the summary's). */
  fallbackCount: number;
  query: string;
  /** The rows' detail (every field, the history button). */
  detail: (item: contractItem) => unknown;
  onToggle: (item: contractItem, open: boolean) => void;
  onSort: (key: string) => void;
  onPage: (direction: 'previous' | 'next') => void;
  onRetry: () => void;
  /** The non-integrated section's reason filter and export. */
  rejected?: RejectedToolbar;
}

export interface RejectedToolbar {
  reason: reasonCode | null;
  onReason: (code: reasonCode | null) => void;
  onClearReason: () => void;
  exporting: boolean;
  onExport: () => void;
}

/** Above this many rows on a page, a skip link jumps over the table. */
export const SKIP_LINK_ROWS = 10;

export function headingId(name: TableName): string {
  return `${name}-heading`;
}

function renderToolbar(list: contractList | undefined, o: RejectedToolbar, loc: Localizer): TemplateResult {
  const unavailable = o.exporting || !list || list.total === 0;
  return html`<div class="toolbar">
    ${list ? renderReasonChips({ counts: list.reasonCounts, selected: o.reason, loc, onChange: o.onReason }) : html`<span></span>`}
    <button
      type="button"
      class="export"
      part="export"
      aria-disabled=${unavailable ? 'true' : 'false'}
      @click=${() => {
        if (!unavailable) o.onExport();
      }}
    >
      ${o.exporting ? loc.t.exporting : loc.t.exportCsv}
    </button>
  </div>`;
}

function renderRows(list: contractList, busy: boolean, o: SectionOptions): TemplateResult {
  const { loc, table } = o;
  const t = loc.t;
  if (list.total === 0 || list.items.length === 0) {
    const filter = o.rejected;
    return renderEmpty(loc, o.query, filter?.reason ? { label: loc.reasonLabel(filter.reason), onClear: filter.onClearReason } : undefined);
  }
  const caption = table.name === 'integrated' ? t.integratedCaption : t.rejectedCaption;
  const pagerId = `${table.name}-pager`;
  const all = table.name === 'integrated' ? integratedColumns(loc) : rejectedColumns(loc);
  const columns = all.filter((c) => c.rowHeader || !table.columns.hidden.has(c.id));
  // A long table is many Tab stops: a skip link (shown when focused) jumps to its pager.
  const skip =
    list.items.length > SKIP_LINK_ROWS
      ? html`<button
          type="button"
          class="link skip-link"
          part="skip-link"
          @click=${(e: Event) => {
            const host = (e.currentTarget as HTMLElement).getRootNode() as ShadowRoot;
            host.querySelector<HTMLElement>(`[id="${pagerId}"]`)?.focus();
          }}
        >
          ${t.skipTable(caption)}
        </button>`
      : nothing;
  return html`${skip}${renderDataTable<contractItem>({
    id: `${table.name}-table`,
    caption,
    columns,
    moreColumnsHint: t.moreColumns,
    rows: list.items,
    rowKey: (i) => i.codeContrat,
    rowLabel: (i) => rowName(i, loc),
    t,
    sort: table.sort,
    onSort: o.onSort,
    expanded: table.expanded,
    onToggle: o.onToggle,
    detail: o.detail,
    busy,
  })}
    ${renderPager({
      id: pagerId,
      label: t.pagerLabel(caption),
      offset: list.offset,
      count: list.items.length,
      total: list.total,
      loc,
      onPrevious: () => o.onPage('previous'),
      onNext: () => o.onPage('next'),
    })}`;
}

/** "Colonnes": a disclosure showing a checkbox per column (the learner's is always shown). */
function renderColumnChooser(table: ContractTable, loc: Localizer): TemplateResult {
  const t = loc.t;
  const choice = table.columns;
  const id = `${table.name}-columns`;
  const caption = table.name === 'integrated' ? t.integratedCaption : t.rejectedCaption;
  const choosable = (table.name === 'integrated' ? integratedColumns(loc) : rejectedColumns(loc)).filter((c) => !c.rowHeader);
  return html`<div class="column-chooser" part="column-chooser">
    ${renderDisclosure({
      open: choice.open,
      controls: id,
      content: t.columnsButton,
      part: 'columns-toggle',
      className: 'columns-toggle',
      onToggle: (open) => choice.toggle(open),
    })}
    <fieldset id=${id} class="columns" ?hidden=${!choice.open}>
      <legend class="visually-hidden">${t.columnsLabel(caption)}</legend>
      ${choosable.map(
        (c) => html`<label
          ><input
            type="checkbox"
            data-column=${c.id}
            .checked=${!choice.hidden.has(c.id)}
            @change=${(e: Event) => choice.show(c.id, (e.target as HTMLInputElement).checked)}
          />
          ${c.label}</label
        >`,
      )}
    </fieldset>
  </div>`;
}

export function renderContractSection(o: SectionOptions): TemplateResult {
  const { loc, table } = o;
  const t = loc.t;
  const task = table.task;
  const list = task.value;
  const count = loc.number(list?.total ?? o.fallbackCount);
  const id = headingId(table.name);
  // A later page or search loading over shown rows: said next to the heading, in space kept for
  // it, so nothing below moves (the table also carries aria-busy).
  const busy = task.status === TaskStatus.PENDING && list !== undefined;
  const body = task.render({
    initial: () => renderLoading(loc),
    pending: () => (list ? renderRows(list, true, o) : renderLoading(loc)),
    complete: (value) => renderRows(value, false, o),
    error: (error) => renderError(loc, error, o.onRetry),
  });
  return html`<section class="contracts ${table.name}" part=${table.name} aria-labelledby=${id}>
    <div class="section-head">
      <h2 id=${id} tabindex="-1">${table.name === 'integrated' ? t.integratedHeading(count) : t.rejectedHeading(count)}</h2>
      <span class="busy ${busy ? 'active' : ''}" aria-hidden="true">${t.loading}</span>
      ${renderColumnChooser(table, loc)}
    </div>
    ${o.rejected ? renderToolbar(list, o.rejected, loc) : nothing} ${body}
  </section>`;
}
