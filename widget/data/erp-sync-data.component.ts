import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { contractItem, contractList, contractSort, reasonCode, runStatus, runSummary, summary } from '../../contract/index.ts';
import {
  ApiError,
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
import { renderStatusHeader, STATUS_HEADING_ID } from '../shared/pieces/status-header.ts';
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
 * Requests wait until `token` is set to a non-empty value (the loading view shows meanwhile), so a
 * host can set it after inserting the element without a 401 flashing by. A new token value is
 * used from the next request on without reloading anything (search, sort and pages stay).
 *
 * While the last run is running, the status is polled (1 s, 2 s, 4 s… at most 10 s apart); when
 * it ends, the tables are refreshed and the outcome announced. Results (searches, filters, page
 * changes) are announced in a polite live region.
 *
 * @summary Integrated and non-integrated contracts of the CFA's ERP synchronisation.
 *
 * @fires erp-sync-contract-select - A row's detail was opened (a host may preload that contract's history). `detail: { code: string }`.
 * @fires erp-sync-contract-history - The "Voir l’historique du contrat" button of an opened row was pressed: show that contract's history. `detail: { code: string }`.
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
 * @csspart show-history - The "Voir l’historique du contrat" button of a detail row.
 * @csspart pager - Each table's pagination.
 * @csspart chips - The reason filter chips.
 * @csspart export - The CSV export button.
 * @csspart state - Any state view (loading, empty, error, unauthorised, never synced).
 * @csspart announcer - The visually hidden polite live region announcing results and run outcomes.
 *
 * @cssprop --erp-sync-font-family - Font of the whole widget.
 * @cssprop --erp-sync-font-size - Base font size.
 * @cssprop --erp-sync-font-size-small - Captions, hints, chips.
 * @cssprop --erp-sync-color-text - Text.
 * @cssprop --erp-sync-color-muted - Secondary text (AA contrast on the surface).
 * @cssprop --erp-sync-color-surface - Background.
 * @cssprop --erp-sync-color-surface-alt - Table headers, detail rows, disabled buttons.
 * @cssprop --erp-sync-color-border - Borders.
 * @cssprop --erp-sync-color-input-border - Borders of the search box and other fields (3:1 on the surface, WCAG 1.4.11).
 * @cssprop --erp-sync-color-scheme - `color-scheme` of the widget (`light` by default; `dark` for native controls in a dark theme).
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

  /** First and longest delay between two status polls while a run is running (ms). */
  private static readonly POLL_FIRST = 1000;
  private static readonly POLL_MAX = 10_000;

  /**
   * One client per `api-base`: it reads `token` at each request (getToken), so a new token value
   * does not make a new client, which would rerun every task and reset the pages.
   */
  private client: ApiClient = createApiClient({ getToken: () => this.token });
  private readonly search = new SearchController(this, {
    // A new search starts both tables at page 1 (page 12 of the old results means nothing).
    onCommit: () => {
      this.integratedPaging.reset();
      this.rejectedPaging.reset();
      this.pendingAnnounce = { kind: 'results' };
    },
  });
  private readonly integratedPaging = new PagingController(this, 50);
  private readonly rejectedPaging = new PagingController(this, 50);

  private readonly summaryTask = new Task(this, {
    task: ([client, ready], { signal }) => (ready ? this.request((s) => client.summary(s), signal) : initialState),
    args: () => [this.client, this.ready, this.refreshCount] as const,
    onComplete: (data) => this.watchRun(data),
  });

  private readonly integratedTask = new Task(this, {
    task: ([client, ready, q, offset, limit, sort, order], { signal }) =>
      ready ? this.request((s) => client.contracts({ status: 'integrated', q, offset, limit, sort, order }, s), signal) : initialState,
    args: () =>
      [
        this.client,
        this.ready,
        this.search.query,
        this.integratedPaging.offset,
        this.integratedPaging.limit,
        this.integratedSort?.key as contractSort | undefined,
        this.integratedSort?.order,
        this.refreshCount,
      ] as const,
    onComplete: (list) => {
      this.integratedPaging.setTotal(list.total);
      this.announceList('integrated', list);
    },
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
        this.ready,
        this.search.query,
        this.reason,
        this.rejectedPaging.offset,
        this.rejectedPaging.limit,
        this.rejectedSort?.key as contractSort | undefined,
        this.rejectedSort?.order,
        this.refreshCount,
      ] as const,
    onComplete: (list) => {
      this.rejectedPaging.setTotal(list.total);
      this.announceList('rejected', list);
    },
  });

  /** What the next completed list(s) should announce (set by the user action that caused them). */
  private pendingAnnounce: { kind: 'results' } | { kind: 'reason' } | { kind: 'page'; table: Table } | null = null;
  /** Where to put the focus once it is drawn (its former holder went away). */
  private pendingFocus: 'status' | Table | null = null;
  /** Status polling while the last run is running. */
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private pollAbort: AbortController | null = null;
  private pollDelay = ErpSyncData.POLL_FIRST;
  /** A running run was seen: its outcome is announced when the summary shows it finished. */
  private watchingRun = false;

  /** Bumped to refetch everything (after approving or starting a run). */
  @state() private refreshCount = 0;
  @state() private integratedSort: SortState | null = null;
  @state() private rejectedSort: SortState | null = null;
  /** The reason chip pressed, filtering the non-integrated table. */
  @state() private reason: reasonCode | null = null;
  @state() private expanded: Record<Table, ReadonlySet<string>> = { integrated: new Set(), rejected: new Set() };
  @state() private approving = false;
  @state() private starting = false;
  @state() private exporting = false;
  /** Words of the last failed user action (approve, start, export), shown in the status header. */
  @state() private actionError = '';
  /** The live region's text: results of a search, filter or page change; a run's outcome. */
  @state() private announcement = '';

  /** Base URL of the admin API (`/api/erp-sync` by default); another origin needs CORS on the server. */
  @property({ attribute: 'api-base' }) apiBase: string = DEFAULT_API_BASE;

  /** Language of the interface: 'fr' (default) or 'en'; anything else falls back to French. */
  @property({ reflect: true }) override lang = 'fr';

  /** Rows per table page (1–500); only this many rows are ever requested at once. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /**
   * Bearer token, or a function returning a fresh one (called once, again after a 401). Not an
   * attribute: it is a secret. Nothing is requested while it is unset or `''`.
   */
  @property({ attribute: false }) token: TokenSource | undefined = undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page while a run was running: keep watching it.
    if (this.summaryTask.value?.lastRun?.status === 'running') this.schedulePoll(ErpSyncData.POLL_FIRST);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPolling();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Runs before the tasks read their args (controllers' hostUpdate), so they see the new client.
    if (changed.has('apiBase')) {
      this.client = createApiClient({ apiBase: this.apiBase, getToken: () => this.token });
    }
    // A new token after a failure (an expired session, say) retries; otherwise nothing reloads.
    if (changed.has('token') && changed.get('token') !== undefined && this.ready && this.anyTaskFailed()) this.refresh();
    if (changed.has('pageSize')) {
      const size = Number.isFinite(this.pageSize) ? Math.min(PAGE_MAX, Math.max(PAGE_MIN, Math.trunc(this.pageSize))) : 50;
      this.integratedPaging.setLimit(size);
      this.rejectedPaging.setLimit(size);
    }
  }

  protected override updated(): void {
    if (this.pendingFocus) this.moveFocus(this.pendingFocus);
  }

  /** A token is there: `undefined` and `''` both mean "not ready yet" (no request without Authorization). */
  private get ready(): boolean {
    return this.token !== undefined && this.token !== '';
  }

  private anyTaskFailed(): boolean {
    return [this.summaryTask, this.integratedTask, this.rejectedTask].some((task) => task.status === TaskStatus.ERROR);
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

  /** Focuses `target` once it is drawn; a failed reload's retry button is the fallback. */
  private moveFocus(target: 'status' | Table): void {
    const root = this.renderRoot;
    const id = target === 'status' ? STATUS_HEADING_ID : `${target}-heading`;
    const heading = root.querySelector<HTMLElement>(`[id="${id}"]`);
    const task = target === 'status' ? this.summaryTask : target === 'integrated' ? this.integratedTask : this.rejectedTask;
    const scope = target === 'status' ? root : root.querySelector(`section.${target}`);
    const retry = task.status === TaskStatus.ERROR ? scope?.querySelector<HTMLElement>('button.retry') : null;
    const found = retry ?? heading;
    if (!found) return;
    this.pendingFocus = null;
    found.focus();
  }

  // ---- run status polling ----

  /** Called with every summary: starts or stops watching a running run, announces its outcome. */
  private watchRun(data: summary): void {
    const status = data.lastRun?.status;
    if (status === 'running') {
      this.watchingRun = true;
      if (this.pollTimer === undefined && !this.pollAbort) this.schedulePoll(ErpSyncData.POLL_FIRST);
      return;
    }
    this.stopPolling();
    if (this.watchingRun) {
      this.watchingRun = false;
      this.announceRunOutcome(status);
    }
  }

  private announceRunOutcome(status: runStatus | undefined): void {
    if (status) this.announcement = this.loc.t.runOutcome[status];
  }

  private schedulePoll(delay: number): void {
    if (!this.isConnected) return;
    clearTimeout(this.pollTimer);
    this.pollDelay = delay;
    this.pollTimer = setTimeout(() => void this.poll(), delay);
  }

  private stopPolling(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.pollAbort?.abort();
    this.pollAbort = null;
    this.pollDelay = ErpSyncData.POLL_FIRST;
  }

  /** One status poll: still running → next one later (backoff); finished → refresh everything. */
  private async poll(): Promise<void> {
    this.pollTimer = undefined;
    const abort = new AbortController();
    this.pollAbort = abort;
    const next = Math.min(this.pollDelay * 2, ErpSyncData.POLL_MAX);
    try {
      const data = await this.client.summary(abort.signal);
      if (abort.signal.aborted) return;
      this.pollAbort = null;
      if (data.lastRun?.status === 'running') this.schedulePoll(next);
      // Finished: the summary task's completion announces the outcome (watchRun).
      else this.refresh();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.pollAbort = null;
      // A passing network failure: keep watching; a lost session: the next action will say so.
      if (!(error instanceof ApiError && error.isAuth)) this.schedulePoll(next);
    }
  }

  // ---- announcements ----

  /** A list arrived: says what the user action that asked for it produced. */
  private announceList(table: Table, list: contractList): void {
    const pending = this.pendingAnnounce;
    if (!pending) return;
    const loc = this.loc;
    const t = loc.t;
    if (pending.kind === 'page') {
      if (pending.table !== table) return;
      const name = table === 'integrated' ? t.integratedCaption : t.rejectedCaption;
      this.announcement = t.pageAnnounce(name, loc.range(list.offset, list.items.length, list.total));
    } else if (pending.kind === 'reason') {
      if (table !== 'rejected') return;
      this.announcement = t.reasonAnnounce(loc.count(list.total, t.rejectedContracts), this.reason ? loc.reasonLabel(this.reason) : '');
    } else {
      // Both tables follow a search: announce once the other one is in too (onComplete runs
      // before this task's own status turns COMPLETE, so only the other's status is checked).
      const other = table === 'integrated' ? this.rejectedTask : this.integratedTask;
      if (other.status !== TaskStatus.COMPLETE || !other.value) return;
      const integrated = table === 'integrated' ? list.total : other.value.total;
      const rejected = table === 'rejected' ? list.total : other.value.total;
      this.announcement = t.resultsAnnounce(
        loc.count(integrated, t.integratedContracts),
        loc.count(rejected, t.rejectedContracts),
        this.search.query,
      );
    }
    this.pendingAnnounce = null;
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
    this.pendingAnnounce = { kind: 'page', table };
  }

  private handlePage(table: Table, direction: 'previous' | 'next'): void {
    const paging = table === 'integrated' ? this.integratedPaging : this.rejectedPaging;
    const before = paging.offset;
    if (direction === 'next') paging.next();
    else paging.previous();
    if (paging.offset !== before) this.pendingAnnounce = { kind: 'page', table };
  }

  private handleToggle(table: Table, item: contractItem, open: boolean): void {
    const next = new Set(this.expanded[table]);
    if (open) next.add(item.codeContrat);
    else next.delete(item.codeContrat);
    this.expanded = { ...this.expanded, [table]: next };
    // Hosts may preload the contract's history; showing it is the detail's button's job.
    if (open) emit(this, 'erp-sync-contract-select', { code: item.codeContrat });
  }

  private handleReason(code: reasonCode | null): void {
    if (code === this.reason) return;
    this.reason = code;
    this.rejectedPaging.reset();
    this.pendingAnnounce = { kind: 'reason' };
  }

  private async handleApprove(run: runSummary): Promise<void> {
    if (this.approving) return;
    this.approving = true;
    this.actionError = '';
    try {
      await this.request((s) => this.client.approveRun(run.id, s), new AbortController().signal);
      emit(this, 'erp-sync-run-approved', { runId: run.id });
      // The held notice and its button go away: the status heading keeps the focus in place.
      this.pendingFocus = 'status';
      this.refresh();
    } catch (error) {
      this.actionError = this.loc.t.actionFailed(this.loc.error(error));
    } finally {
      this.approving = false;
    }
  }

  private async handleStartRun(): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    this.actionError = '';
    try {
      const accepted = await this.request((s) => this.client.startRun(s), new AbortController().signal);
      emit(this, 'erp-sync-run-started', { runId: accepted.runId });
      this.watchingRun = true;
      this.announcement = this.loc.t.runOutcome.running;
      this.refresh();
    } catch (error) {
      this.actionError = this.loc.t.actionFailed(this.loc.error(error));
    } finally {
      this.starting = false;
    }
  }

  private async handleExport(): Promise<void> {
    if (this.exporting) return;
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

  private clearReason(): void {
    this.handleReason(null);
    // The empty state holding the button goes away: the section heading takes the focus.
    this.pendingFocus = 'rejected';
  }

  private renderDetail(item: contractItem): TemplateResult {
    const t = this.loc.t;
    return html`${renderFieldList(detailEntries(item, this.loc), {
      heading: t.detailHeading(learnerName(item)),
      emptyValue: t.emptyValue,
    })}
      <p class="detail-actions">
        <button
          type="button"
          class="show-history"
          part="show-history"
          @click=${() => emit(this, 'erp-sync-contract-history', { code: item.codeContrat })}
        >
          ${t.showContractHistory}
        </button>
      </p>`;
  }

  private renderTable(table: Table, list: contractList, busy: boolean): TemplateResult {
    const loc = this.loc;
    const t = loc.t;
    if (list.total === 0 || list.items.length === 0) {
      const reason = table === 'rejected' && this.reason ? this.reason : null;
      return renderEmpty(
        loc,
        this.search.query,
        reason ? { label: loc.reasonLabel(reason), onClear: () => this.clearReason() } : undefined,
      );
    }
    const caption = table === 'integrated' ? t.integratedCaption : t.rejectedCaption;
    return html`${renderDataTable<contractItem>({
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
      detail: (item) => this.renderDetail(item),
      busy,
    })}
      ${renderPager({
        label: t.pagerLabel(caption),
        offset: list.offset,
        count: list.items.length,
        total: list.total,
        loc,
        onPrevious: () => this.handlePage(table, 'previous'),
        onNext: () => this.handlePage(table, 'next'),
      })}`;
  }

  private renderSection(table: Table, fallbackCount: number): TemplateResult {
    const loc = this.loc;
    const t = loc.t;
    const task = table === 'integrated' ? this.integratedTask : this.rejectedTask;
    const list = task.value;
    const count = loc.number(list?.total ?? fallbackCount);
    const headingId = `${table}-heading`;
    // A later page or search loading over shown rows: said next to the heading, in space kept for
    // it, so nothing below moves (the table also carries aria-busy).
    const busy = task.status === TaskStatus.PENDING && list !== undefined;
    const body = task.render({
      initial: () => renderLoading(loc),
      pending: () => (task.value ? this.renderTable(table, task.value, true) : renderLoading(loc)),
      complete: (value) => this.renderTable(table, value, false),
      error: (error) =>
        renderError(loc, error, () => {
          this.pendingFocus = table;
          void task.run();
        }),
    });
    return html`<section class="contracts ${table}" part=${table} aria-labelledby=${headingId}>
      <div class="section-head">
        <h2 id=${headingId} tabindex="-1">${table === 'integrated' ? t.integratedHeading(count) : t.rejectedHeading(count)}</h2>
        <span class="busy ${busy ? 'active' : ''}" aria-hidden="true">${t.loading}</span>
      </div>
      ${table === 'rejected' ? this.renderRejectedToolbar(list) : nothing} ${body}
    </section>`;
  }

  private renderRejectedToolbar(list: contractList | undefined): TemplateResult {
    const loc = this.loc;
    const unavailable = this.exporting || !list || list.total === 0;
    return html`<div class="toolbar">
      ${
        list
          ? renderReasonChips({ counts: list.reasonCounts, selected: this.reason, loc, onChange: (code) => this.handleReason(code) })
          : html`<span></span>`
      }
      <button
        type="button"
        class="export"
        part="export"
        aria-disabled=${unavailable ? 'true' : 'false'}
        @click=${() => {
          if (!unavailable) void this.handleExport();
        }}
      >
        ${this.exporting ? loc.t.exporting : loc.t.exportCsv}
      </button>
    </div>`;
  }

  private renderStatus(data: summary): TemplateResult {
    return renderStatusHeader({
      summary: data,
      loc: this.loc,
      onApprove: (run) => void this.handleApprove(run),
      approving: this.approving,
      onStartRun: () => void this.handleStartRun(),
      starting: this.starting,
      running: data.lastRun?.status === 'running',
      actionError: this.actionError,
    });
  }

  private renderBody(data: summary): TemplateResult {
    const loc = this.loc;
    const t = loc.t;
    if (!data.lastRun) {
      // Never synced: nothing to list, but an organisation that can run may start its first run.
      return html`${this.renderStatus(data)} ${renderNeverSynced(loc)}`;
    }
    return html`${this.renderStatus(data)}
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
      <div class="visually-hidden" part="announcer" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${task.render({
        initial: () => renderLoading(loc),
        pending: () => (task.value ? this.renderBody(task.value) : renderLoading(loc)),
        complete: (data) => this.renderBody(data),
        error: (error) =>
          isAuthError(error)
            ? renderUnauthorized(loc, error)
            : renderError(loc, error, () => {
                this.pendingFocus = 'status';
                this.refresh();
              }),
      })}
    </div>`;
  }
}
