import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, initialState } from '@lit/task';
import type { contractItem, contractList, contractSort, ReasonCode, runSummary, summary } from '../../server/contract/index.ts';
import {
  createApiClient,
  DEFAULT_API_BASE,
  type ApiClient,
  type ContractsParams,
  type TokenSource,
} from '../shared/api-client.ts';
import { PagingController } from '../shared/controllers/paging-controller.ts';
import { SearchController } from '../shared/controllers/search-controller.ts';
import { saveBlob } from '../shared/download.ts';
import { emit } from '../shared/events.ts';
import { localizerFor, toLang, type Localizer } from '../shared/i18n/localize.ts';
import { renderReasonChips, renderPager, renderSearchBox } from '../shared/pieces/controls.ts';
import { nextSort, renderDataTable, renderFieldList, type SortState } from '../shared/pieces/data-table.ts';
import { isAuthError, renderEmpty, renderError, renderLoading, renderNeverSynced, renderUnauthorized } from '../shared/pieces/states.ts';
import { renderStatusHeader } from '../shared/pieces/status-header.ts';
import { pieceStyles, themeStyles } from '../shared/theme.styles.ts';
import { detailEntries, integratedColumns, learnerName, rejectedColumns } from './columns.ts';
import { styles } from './erp-sync-data.styles.ts';

type Table = 'integrated' | 'rejected';

/** Server page size bounds (PAGE_MAX in the contract). */
const PAGE_MIN = 1;
const PAGE_MAX = 500;

/**
 * The "Données" screen of Synchro ERP: the last synchronisation's status, the integrated
 * contracts and the received-but-not-integrated ones with the reasons to fix in the ERP.
 * Everything is fetched page by page from the admin API (search, sort, filters server-side).
 *
 * Requests wait until `token` is set (the loading view shows meanwhile), so a host can set it
 * after inserting the element without a 401 flashing by.
 *
 * @summary Integrated and non-integrated contracts of the CFA's ERP synchronisation.
 *
 * @fires erp-sync-contract-select - A row's detail was opened. `detail: { code: string }`.
 * @fires erp-sync-error - A request failed (not fired for aborted, superseded ones). `detail: { error: ApiError }`.
 * @fires erp-sync-run-approved - A held run was approved. `detail: { runId: string }`.
 * @fires erp-sync-run-started - A run was started on demand. `detail: { runId: string }`.
 * @fires erp-sync-export - The CSV export was fetched; cancelable: call `preventDefault()` to
 *   handle the file yourself instead of the browser download. `detail: { blob: Blob; filename: string }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart status - The status header (last run, counts, held/failed notices).
 * @csspart search - The search box.
 * @csspart integrated - The "Contrats intégrés" section.
 * @csspart rejected - The "Contrats non intégrés" section.
 * @csspart table - The scroll wrapper of each table.
 * @csspart header-cell - Column header cells.
 * @csspart row - A contract row.
 * @csspart disclosure - A row's disclosure button.
 * @csspart detail-row - The expandable row with every field.
 * @csspart fields - The field list inside a detail row.
 * @csspart pager - Each table's pagination.
 * @csspart chips - The reason filter chips.
 * @csspart export - The CSV export button.
 * @csspart state - Any state view (loading, empty, error, unauthorised, never synced).
 *
 * @cssprop --erp-sync-font-family - Font of the whole widget.
 * @cssprop --erp-sync-font-size - Base font size.
 * @cssprop --erp-sync-font-size-small - Captions, hints, chips.
 * @cssprop --erp-sync-color-text - Text.
 * @cssprop --erp-sync-color-muted - Secondary text (AA contrast on the surface).
 * @cssprop --erp-sync-color-surface - Background.
 * @cssprop --erp-sync-color-surface-alt - Table headers, detail rows, disabled buttons.
 * @cssprop --erp-sync-color-border - Borders.
 * @cssprop --erp-sync-color-accent - Primary buttons, pressed chips.
 * @cssprop --erp-sync-color-accent-contrast - Text on the accent color.
 * @cssprop --erp-sync-color-danger - Errors, failed run.
 * @cssprop --erp-sync-color-warning - Held run.
 * @cssprop --erp-sync-color-success - Succeeded run.
 * @cssprop --erp-sync-radius - Corner radius.
 * @cssprop --erp-sync-spacing - Base spacing unit.
 * @cssprop --erp-sync-focus-ring - Outline of focused controls.
 * @cssprop --erp-sync-focus-offset - Offset of that outline.
 */
export class ErpSyncData extends LitElement {
  static override styles = [themeStyles, pieceStyles, styles];

  private client: ApiClient = createApiClient();
  private readonly search = new SearchController(this, {
    // A new search starts both tables at page 1 (page 12 of the old results means nothing).
    onCommit: () => {
      this.integratedPaging.reset();
      this.rejectedPaging.reset();
    },
  });
  private readonly integratedPaging = new PagingController(this, 50);
  private readonly rejectedPaging = new PagingController(this, 50);

  private readonly summaryTask = new Task(this, {
    task: ([client, ready], { signal }) => (ready ? this.request((s) => client.summary(s), signal) : initialState),
    args: () => [this.client, this.token !== undefined, this.refreshCount] as const,
  });

  private readonly integratedTask = new Task(this, {
    task: ([client, ready, q, offset, limit, sort, order], { signal }) =>
      ready
        ? this.request((s) => client.contracts({ status: 'integrated', q, offset, limit, sort, order }, s), signal)
        : initialState,
    args: () =>
      [
        this.client,
        this.token !== undefined,
        this.search.query,
        this.integratedPaging.offset,
        this.integratedPaging.limit,
        this.integratedSort?.key as contractSort | undefined,
        this.integratedSort?.order,
        this.refreshCount,
      ] as const,
    onComplete: (list) => this.integratedPaging.setTotal(list.total),
  });

  private readonly rejectedTask = new Task(this, {
    task: ([client, ready, q, reason, offset, limit, sort, order], { signal }) =>
      ready
        ? this.request(
            (s) => client.contracts({ status: 'rejected', q, reason: reason ?? undefined, offset, limit, sort, order }, s),
            signal,
          )
        : initialState,
    args: () =>
      [
        this.client,
        this.token !== undefined,
        this.search.query,
        this.reason,
        this.rejectedPaging.offset,
        this.rejectedPaging.limit,
        this.rejectedSort?.key as contractSort | undefined,
        this.rejectedSort?.order,
        this.refreshCount,
      ] as const,
    onComplete: (list) => this.rejectedPaging.setTotal(list.total),
  });

  /** Bumped to refetch everything (after approving or starting a run). */
  @state() private refreshCount = 0;
  @state() private integratedSort: SortState | null = null;
  @state() private rejectedSort: SortState | null = null;
  /** The reason chip pressed, filtering the non-integrated table. */
  @state() private reason: ReasonCode | null = null;
  @state() private expanded: Record<Table, ReadonlySet<string>> = { integrated: new Set(), rejected: new Set() };
  @state() private approving = false;
  @state() private starting = false;
  @state() private exporting = false;
  /** Words of the last failed user action (approve, start, export), shown in the status header. */
  @state() private actionError = '';

  /** Base URL of the admin API (`/api/erp-sync` by default); another origin needs CORS on the server. */
  @property({ attribute: 'api-base' }) apiBase: string = DEFAULT_API_BASE;

  /** Language of the interface: 'fr' (default) or 'en'; anything else falls back to French. */
  @property({ reflect: true }) override lang = 'fr';

  /** Rows per table page (1–500); only this many rows are ever requested at once. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** Bearer token, or a function returning a fresh one before each request. Not an attribute: it is a secret. */
  @property({ attribute: false }) token: TokenSource | undefined = undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Runs before the tasks read their args (controllers' hostUpdate), so they see the new client.
    if (changed.has('apiBase') || changed.has('token')) {
      this.client = createApiClient({ apiBase: this.apiBase, token: this.token });
    }
    if (changed.has('pageSize')) {
      const size = Number.isFinite(this.pageSize) ? Math.min(PAGE_MAX, Math.max(PAGE_MIN, Math.trunc(this.pageSize))) : 50;
      this.integratedPaging.setLimit(size);
      this.rejectedPaging.setLimit(size);
    }
  }

  /** Runs one request; a failure that is not an abort is announced with `erp-sync-error`. */
  private async request<T>(call: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    try {
      return await call(signal);
    } catch (error) {
      // A superseded search is not a failure: nobody waits for its answer any more.
      if (!signal.aborted) emit(this, 'erp-sync-error', { error: error instanceof Error ? error : new Error(String(error)) });
      throw error;
    }
  }

  private get loc(): Localizer {
    return localizerFor(this.lang);
  }

  private currentRejectedParams(): ContractsParams {
    return {
      status: 'rejected',
      q: this.search.query,
      reason: this.reason ?? undefined,
      sort: this.rejectedSort?.key as contractSort | undefined,
      order: this.rejectedSort?.order,
      lang: toLang(this.lang),
    };
  }

  private handleSort(table: Table, key: string): void {
    if (table === 'integrated') {
      this.integratedSort = nextSort(this.integratedSort, key);
      this.integratedPaging.reset();
    } else {
      this.rejectedSort = nextSort(this.rejectedSort, key);
      this.rejectedPaging.reset();
    }
  }

  private handleToggle(table: Table, item: contractItem, open: boolean): void {
    const next = new Set(this.expanded[table]);
    if (open) next.add(item.codeContrat);
    else next.delete(item.codeContrat);
    this.expanded = { ...this.expanded, [table]: next };
    if (open) emit(this, 'erp-sync-contract-select', { code: item.codeContrat });
  }

  private handleReason(code: ReasonCode | null): void {
    this.reason = code;
    this.rejectedPaging.reset();
  }

  private async handleApprove(run: runSummary): Promise<void> {
    this.approving = true;
    this.actionError = '';
    try {
      await this.request((s) => this.client.approveRun(run.id, s), new AbortController().signal);
      emit(this, 'erp-sync-run-approved', { runId: run.id });
      this.refresh();
    } catch (error) {
      this.actionError = this.loc.t.actionFailed(this.loc.error(error));
    } finally {
      this.approving = false;
    }
  }

  private async handleStartRun(): Promise<void> {
    this.starting = true;
    this.actionError = '';
    try {
      const accepted = await this.request((s) => this.client.startRun(s), new AbortController().signal);
      emit(this, 'erp-sync-run-started', { runId: accepted.runId });
      this.refresh();
    } catch (error) {
      this.actionError = this.loc.t.actionFailed(this.loc.error(error));
    } finally {
      this.starting = false;
    }
  }

  private async handleExport(): Promise<void> {
    this.exporting = true;
    this.actionError = '';
    try {
      const params = this.currentRejectedParams();
      const file = await this.request((s) => this.client.downloadCsv(params, s), new AbortController().signal);
      const filename = file.filename ?? this.loc.t.exportFilename;
      // Cancelable so a host (or a test) can take the file instead of the browser download.
      if (emit(this, 'erp-sync-export', { blob: file.blob, filename }, { cancelable: true })) saveBlob(file.blob, filename);
    } catch (error) {
      this.actionError = this.loc.t.actionFailed(this.loc.error(error));
    } finally {
      this.exporting = false;
    }
  }

  private renderTable(table: Table, list: contractList, busy: boolean): TemplateResult {
    const loc = this.loc;
    const t = loc.t;
    const paging = table === 'integrated' ? this.integratedPaging : this.rejectedPaging;
    if (list.total === 0 || list.items.length === 0) return renderEmpty(loc, this.search.query);
    const caption = table === 'integrated' ? t.integratedCaption : t.rejectedCaption;
    return html`${busy ? html`<p class="busy" role="status">${t.loading}</p>` : nothing}
      ${renderDataTable<contractItem>({
        id: `${table}-table`,
        caption,
        columns: table === 'integrated' ? integratedColumns(loc) : rejectedColumns(loc),
        rows: list.items,
        rowKey: (i) => i.codeContrat,
        rowLabel: learnerName,
        t,
        sort: table === 'integrated' ? this.integratedSort : this.rejectedSort,
        onSort: (key) => this.handleSort(table, key),
        expanded: this.expanded[table],
        onToggle: (item, open) => this.handleToggle(table, item, open),
        detail: (item) =>
          renderFieldList(detailEntries(item, loc), { heading: t.detailHeading(learnerName(item)), emptyValue: t.emptyValue }),
        busy,
      })}
      ${renderPager({
        label: t.pagerLabel(table === 'integrated' ? t.integratedCaption : t.rejectedCaption),
        offset: list.offset,
        count: list.items.length,
        total: list.total,
        loc,
        onPrevious: () => paging.previous(),
        onNext: () => paging.next(),
      })}`;
  }

  private renderSection(table: Table, fallbackCount: number): TemplateResult {
    const loc = this.loc;
    const t = loc.t;
    const task = table === 'integrated' ? this.integratedTask : this.rejectedTask;
    const list = task.value;
    const count = loc.number(list?.total ?? fallbackCount);
    const headingId = `${table}-heading`;
    const body = task.render({
      initial: () => renderLoading(loc),
      pending: () => (task.value ? this.renderTable(table, task.value, true) : renderLoading(loc)),
      complete: (value) => this.renderTable(table, value, false),
      error: (error) => renderError(loc, error, () => void task.run()),
    });
    return html`<section class="contracts ${table}" part=${table} aria-labelledby=${headingId}>
      <h2 id=${headingId}>${table === 'integrated' ? t.integratedHeading(count) : t.rejectedHeading(count)}</h2>
      ${table === 'rejected' ? this.renderRejectedToolbar(list) : nothing} ${body}
    </section>`;
  }

  private renderRejectedToolbar(list: contractList | undefined): TemplateResult {
    const loc = this.loc;
    return html`<div class="toolbar">
      ${list
        ? renderReasonChips({ counts: list.reasonCounts, selected: this.reason, loc, onChange: (code) => this.handleReason(code) })
        : html`<span></span>`}
      <button
        type="button"
        class="export"
        part="export"
        ?disabled=${this.exporting || !list || list.total === 0}
        @click=${() => void this.handleExport()}
      >
        ${this.exporting ? loc.t.exporting : loc.t.exportCsv}
      </button>
    </div>`;
  }

  private renderBody(data: summary): TemplateResult {
    const loc = this.loc;
    const t = loc.t;
    if (!data.lastRun) {
      return html`${renderNeverSynced(loc)}`;
    }
    return html`${renderStatusHeader({
        summary: data,
        loc,
        onApprove: (run) => void this.handleApprove(run),
        approving: this.approving,
        onStartRun: () => void this.handleStartRun(),
        starting: this.starting,
        actionError: this.actionError,
      })}
      ${renderSearchBox({
        id: 'search',
        label: t.searchLabel,
        placeholder: t.searchPlaceholder,
        hint: t.searchHint,
        value: this.search.value,
        onInput: (value) => this.search.set(value),
        onCommit: () => this.search.commit(),
      })}
      ${this.renderSection('integrated', data.totals.integrated)} ${this.renderSection('rejected', data.totals.rejected)}`;
  }

  /** Refetches the status and both tables (keeping search, filters, sort and pages). */
  refresh(): void {
    this.refreshCount += 1;
  }

  override render(): TemplateResult {
    const loc = this.loc;
    const task = this.summaryTask;
    return html`<div class="base" part="base">
      ${task.render({
        initial: () => renderLoading(loc),
        pending: () => (task.value ? this.renderBody(task.value) : renderLoading(loc)),
        complete: (data) => this.renderBody(data),
        error: (error) =>
          isAuthError(error) ? renderUnauthorized(loc, error) : renderError(loc, error, () => this.refresh()),
      })}
    </div>`;
  }
}
