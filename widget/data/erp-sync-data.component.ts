import { initialState, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { contractItem, contractList, runSummary, summary } from '../../contract/api.ts';
import type { reasonCode } from '../../contract/reasons.ts';
import { isAuthError } from '../shared/api-client.ts';
import { ErpSyncElement } from '../shared/erp-sync-element.ts';
import { emit } from '../shared/events.ts';
import { adoptStyles } from '../shared/lazy-piece.ts';
import { renderPager, renderSearchBox } from '../shared/pieces/controls.ts';
import { renderFieldList } from '../shared/pieces/data-table.ts';
import { renderError, renderLoading, renderNeverSynced, renderUnauthorized } from '../shared/pieces/states.ts';
import { renderStatusHeader, STATUS_HEADING_ID } from '../shared/pieces/status-header.ts';
import { ScrollCueController } from '../shared/controllers/scroll-cue-controller.ts';
import { SearchController } from '../shared/controllers/search-controller.ts';
import { ListAnnouncements } from './announcements.ts';
import { detailEntries, rowName } from './columns.ts';
import { headingId, renderContractSection } from './contract-section.ts';
import { ContractTable, type TableName } from './contract-table.ts';
import { styles } from './erp-sync-data.styles.ts';
import type { HeldPreview } from './held-preview.ts';
import { RunWatchController } from './run-watch.ts';

/** The approval dialog's module (approval.ts), loaded on demand. */
type ApprovalKit = typeof import('./approval.ts');
type ApprovalHost = import('./approval.ts').ApprovalHost;

/** Rows per page of the approval dialog's list: short enough to see the buttons below it. */
const APPROVE_PAGE_SIZE = 10;

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
 * @fires erp-sync-auth-expired - The admin API answered 401 (the session expired): set a fresh `token`. Once per token value. `detail: { error: ApiError }`.
 * @fires erp-sync-run-approved - A held run was approved (after its confirmation dialog). `detail: { runId: string }`.
 * @fires erp-sync-run-started - A run was started on demand. `detail: { runId: string }`.
 * @fires erp-sync-run-abandoned - A run stuck as running was abandoned (nothing of it applied). `detail: { runId: string }`.
 * @fires erp-sync-export - The CSV export was fetched; cancelable: call `preventDefault()` to
 *   handle the file yourself instead of the browser download. `detail: { blob: Blob; filename: string }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart status - The status header (last run, counts, held/failed notices).
 * @csspart times - The last run's start and finish, labelled.
 * @csspart run-counts - The last run's own counts (what the ERP sent and what became of it), with `counts-differ` when « Transmis » is not « Intégrés + Non intégrés ».
 * @csspart counts-differ - The sentence saying why.
 * @csspart platform-totals - What is on the platform now (integrated, non-integrated, archived).
 * @csspart run-error - A failed run in words: what happened and what to do.
 * @csspart run-error-toggle - The disclosure button of its technical detail.
 * @csspart run-error-detail - The technical detail.
 * @csspart field-flagged - A field of a non-integrated contract's detail that a reason names (listed first, « À corriger »).
 * @csspart to-fix - The status header's count of non-integrated contracts; its button (`show-rejected`) moves the focus to their table.
 * @csspart show-rejected - That button.
 * @csspart run-progress - A running run's phase, progress bar and abandon button.
 * @csspart progress-bar - The progress bar (role="progressbar").
 * @csspart abandon - The button abandoning a run stuck as running.
 * @csspart search - The search box.
 * @csspart search-summary - A search's outcome above the tables, a link to each table.
 * @csspart column-chooser - Each table's column chooser (its choice is remembered per browser, in localStorage).
 * @csspart columns-toggle - Its disclosure button.
 * @csspart more-columns - The words under a table while columns are out of sight to the right.
 * @csspart skip-link - The link before a long table jumping to its pager (shown when focused).
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
 * @csspart approve-dialog - The dialog confirming the approval of a held run (a native modal <dialog>).
 * @csspart approve-table - The scroll wrapper of that dialog's list of contracts.
 * @csspart approve-pager - That list's pagination.
 * @csspart approve-error - Why the approval failed, inside the dialog.
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
export class ErpSyncData extends ErpSyncElement {
  static override styles = [ErpSyncElement.styles, styles];
  static override properties: PropertyDeclarations = {
    generation: { state: true, attribute: false },
    reason: { state: true, attribute: false },
    abandoning: { state: true, attribute: false },
    live: { state: true, attribute: false },
    starting: { state: true, attribute: false },
    exporting: { state: true, attribute: false },
    actionError: { state: true, attribute: false },
    technicalOpen: { state: true, attribute: false },
  };

  /** Marks the tables' scroll wrappers while columns are out of sight (the visible cue). */
  protected readonly scrollCue = new ScrollCueController(this);
  private readonly search = new SearchController(this, {
    // A new search starts both tables at page 1 (page 12 of the old results means nothing).
    onCommit: () => {
      for (const table of this.tables) table.paging.reset();
      this.announcements.expect({ kind: 'results' });
    },
  });
  private readonly summaryTask = this.api.task({
    args: () => [this.generation] as const,
    task: (client, _args, signal) => client.summary(signal),
    onComplete: (data) => {
      this.live = null;
      this.runWatch.seen(data);
      // A held run: the dialog's module is fetched now, so "Approuver" opens it at once.
      if (data.lastRun?.status === 'held') void this.loadApproval().catch(() => undefined);
    },
  });
  private readonly integrated = this.table('integrated');
  private readonly rejected = this.table('rejected');
  private readonly runWatch = new RunWatchController(this, this.api, {
    onFinished: () => this.refresh(),
    onOutcome: (status) => this.liveRegion.announce(this.loc.t.runOutcome[status]),
    onProgress: (data) => this.showProgress(data),
  });

  /** The approval dialog's module, loaded when a held run is first shown (approval.ts). */
  private approvalKit: ApprovalKit | null = null;
  private approvalLoading: Promise<ApprovalKit> | null = null;
  /** What approving the held run would do: the confirmation dialog's state and list (made with the kit). */
  private preview: HeldPreview | null = null;

  private readonly announcements = new ListAnnouncements({
    tables: () => ({ integrated: this.integrated, rejected: this.rejected }),
    state: () => ({ query: this.search.query, reason: this.reason, loc: this.loc }),
    say: (text) => this.liveRegion.announce(text),
  });

  /** Bumped to fetch everything again (after approving or starting a run). */
  private generation = 0;
  /** The reason chip pressed, filtering the non-integrated table. */
  private reason: reasonCode | null = null;
  private abandoning = false;
  /** The latest summary of a running run seen by a poll: its progress is drawn, its phase said once. */
  private live: summary | null = null;
  private starting = false;
  private exporting = false;
  /** Words of the last failed user action (approve, start, export), shown in the status header. */
  private actionError = '';
  /** A failed run's technical detail is shown. */
  private technicalOpen = false;
  /** "Page suivante" was pressed: the first row of that page takes the focus once drawn. */
  private rowFocus: { table: TableName; offset: number } | null = null;

  private get tables(): ContractTable[] {
    return [this.integrated, this.rejected];
  }

  private table(name: TableName): ContractTable {
    return new ContractTable(this, this.api, name, {
      query: () => this.search.query,
      reason: () => (name === 'rejected' ? this.reason : null),
      generation: () => this.generation,
      pageSize: this.pageLimit,
      onLoaded: (list) => {
        this.announcements.arrived(name, list);
        this.focusFirstRow(name, list);
      },
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pageSize')) for (const table of this.tables) table.paging.setLimit(this.pageLimit);
  }

  /** Focuses the status heading or a table's once drawn; the retry button instead when that reload failed. */
  private focusAfter(target: 'status' | TableName): void {
    this.pendingFocus.focus(() => {
      const root = this.renderRoot;
      const failed = (target === 'status' ? this.summaryTask : this.byName(target).task).status === TaskStatus.ERROR;
      const scope = target === 'status' ? root : root.querySelector(`section.${target}`);
      const retry = failed ? scope?.querySelector<HTMLElement>('button.retry') : null;
      return retry ?? root.querySelector<HTMLElement>(`[id="${target === 'status' ? STATUS_HEADING_ID : headingId(target)}"]`);
    });
  }

  private byName(name: TableName): ContractTable {
    return name === 'integrated' ? this.integrated : this.rejected;
  }

  // ---- what the user did ----

  private sortTable(table: ContractTable, key: string): void {
    table.sortBy(key);
    this.announcements.expect({ kind: 'page', table: table.name });
  }

  private pageTable(table: ContractTable, direction: 'previous' | 'next'): void {
    const before = table.paging.offset;
    if (direction === 'next') table.paging.next();
    else table.paging.previous();
    if (table.paging.offset === before) return;
    this.announcements.expect({ kind: 'page', table: table.name });
    this.rowFocus = { table: table.name, offset: table.paging.offset };
  }

  /** The page asked for has arrived: its first row's button takes the focus (the pager's would read stale rows next). */
  private focusFirstRow(name: TableName, list: contractList): void {
    const wanted = this.rowFocus;
    if (!wanted || wanted.table !== name || wanted.offset !== list.offset) return;
    this.rowFocus = null;
    const first = list.items[0]?.codeContrat;
    if (first === undefined) return;
    this.pendingFocus.focus(() => {
      const rows = this.renderRoot.querySelectorAll<HTMLElement>(`section.${name} table[aria-busy="false"] tr[part="row"]`);
      const row = [...rows].find((r) => r.dataset.key === first);
      return row?.querySelector<HTMLElement>('button.disclosure');
    });
  }

  /** A search summary's link: the focus to that table's heading. */
  private showTable(name: TableName): void {
    this.renderRoot.querySelector<HTMLElement>(`[id="${headingId(name)}"]`)?.focus();
  }

  /** « 18 contrats intégrés → voir · 1 contrat non intégré → voir »: a search's outcome at the top, each a link to its table. */
  private renderSearchSummary(): TemplateResult | typeof nothing {
    const query = this.search.query;
    const integrated = this.integrated.task.value;
    const rejected = this.rejected.task.value;
    // Said once both tables answer this search, never with the previous one's counts.
    if (!query || !integrated || !rejected) return nothing;
    if (this.integrated.loadedQuery !== query || this.rejected.loadedQuery !== query) return nothing;
    const loc = this.loc;
    const t = loc.t;
    const link = (name: TableName, count: string) =>
      html`<button type="button" class="link" data-table=${name} @click=${() => this.showTable(name)}>${t.searchSummaryLink(count)}</button>`;
    return html`<nav class="search-summary" part="search-summary" aria-label=${t.searchSummaryLabel(query)}>
      ${link('integrated', loc.count(integrated.total, t.integratedContracts))}
      <span aria-hidden="true">·</span> ${link('rejected', loc.count(rejected.total, t.nonIntegratedContracts))}
    </nav>`;
  }

  private toggleRow(table: ContractTable, item: contractItem, open: boolean): void {
    table.toggle(item.codeContrat, open);
    // Hosts may preload the contract's history; showing it is the detail's button's job.
    if (open) emit(this, 'erp-sync-contract-select', { code: item.codeContrat });
  }

  private filterReason(code: reasonCode | null): void {
    if (code === this.reason) return;
    this.reason = code;
    this.rejected.paging.reset();
    this.announcements.expect({ kind: 'reason' });
  }

  private clearReason(): void {
    this.filterReason(null);
    // The empty state holding the button goes away: the section heading takes the focus.
    this.focusAfter('rejected');
  }

  /** The status header's count of non-integrated contracts: to their table. */
  private showRejected(): void {
    this.showTable('rejected');
  }

  /** Runs a user action (abandon, start, export) one at a time; a failure is said in the header. */
  private async act(busy: 'abandoning' | 'starting' | 'exporting', action: () => Promise<void>): Promise<void> {
    if (this[busy]) return;
    this[busy] = true;
    this.actionError = '';
    try {
      await action();
    } catch (error) {
      this.actionError = this.loc.t.actionFailed(this.loc.error(error));
    } finally {
      this[busy] = false;
    }
  }

  /** The approval dialog's module (and its styles, adopted by the shadow root), fetched once. */
  private loadApproval(): Promise<ApprovalKit> {
    this.approvalLoading ??= import('./approval.ts').then(
      (kit) => {
        adoptStyles(this.renderRoot, kit.approveDialogStyles);
        this.approvalKit = kit;
        this.preview = new kit.HeldPreview(this, this.api, APPROVE_PAGE_SIZE, initialState);
        this.requestUpdate();
        return kit;
      },
      (error: unknown) => {
        this.approvalLoading = null;
        throw error;
      },
    );
    return this.approvalLoading;
  }

  /** "Approuver": a decision, not a click. The dialog shows what the run would do first (approval-flow.ts). */
  private async approve(run: runSummary): Promise<void> {
    this.actionError = '';
    let kit: ApprovalKit;
    try {
      kit = await this.loadApproval();
    } catch (error) {
      this.actionError = this.loc.t.actionFailed(this.loc.error(error));
      return;
    }
    if (this.preview) await kit.openApproval(this.approvalHost(), this.preview, run);
  }

  /** What the approval flow (approval-flow.ts, loaded with the dialog) needs of this element. */
  private approvalHost(): ApprovalHost {
    const el = this;
    return {
      get renderRoot() {
        return el.renderRoot;
      },
      get updateComplete() {
        return el.updateComplete;
      },
      get loc() {
        return el.loc;
      },
      requestUpdate: () => this.requestUpdate(),
      approveRun: (runId) => this.api.call((client) => client.approveRun(runId)),
      announce: (text) => this.liveRegion.announce(text),
      approved: (runId, said) => {
        emit(this, 'erp-sync-run-approved', { runId });
        this.liveRegion.announce(said);
        // The held notice and its button go away: the status heading keeps the focus in place.
        this.focusAfter('status');
        this.refresh();
      },
    };
  }

  private abandon(run: runSummary): Promise<void> {
    return this.act('abandoning', async () => {
      await this.api.call((client) => client.abandonRun(run.id));
      emit(this, 'erp-sync-run-abandoned', { runId: run.id });
      this.live = null;
      this.focusAfter('status');
      this.refresh();
    });
  }

  /** A poll's summary of the running run: drawn at once; a new phase is announced (not every count). */
  private showProgress(data: summary): void {
    const phase = data.lastRun?.progress?.phase;
    if (phase && phase !== this.live?.lastRun?.progress?.phase) this.liveRegion.announce(this.loc.t.runPhases[phase]);
    this.live = data;
  }

  private startRun(): Promise<void> {
    return this.act('starting', async () => {
      const accepted = await this.api.call((client) => client.startRun());
      emit(this, 'erp-sync-run-started', { runId: accepted.runId });
      this.runWatch.started();
      this.liveRegion.announce(this.loc.t.runOutcome.running);
      this.refresh();
    });
  }

  private exportCsv(): Promise<void> {
    return this.act('exporting', async () => {
      const params = { ...this.rejected.params, lang: this.loc.lang };
      const file = await this.api.call((client) => client.downloadCsv(params));
      const filename = file.filename ?? this.loc.t.exportFilename;
      // Cancelable so a host (or a test) can take the file instead of the browser download.
      if (!emit(this, 'erp-sync-export', { blob: file.blob, filename }, { cancelable: true })) return;
      // Saving a file is fetched with the first export, not with the first paint.
      const { saveBlob } = await import('../shared/download.ts');
      saveBlob(file.blob, filename);
    });
  }

  // ---- drawing ----

  private renderDetail(item: contractItem): TemplateResult {
    const loc = this.loc;
    return html`${renderFieldList(detailEntries(item, loc), { heading: loc.t.detailHeading(rowName(item, loc)), emptyValue: loc.t.emptyValue })}
      <p class="detail-actions">
        <button type="button" class="show-history" part="show-history" @click=${() => emit(this, 'erp-sync-contract-history', { code: item.codeContrat })}>
          ${loc.t.showContractHistory}
        </button>
      </p>`;
  }

  private renderSection(table: ContractTable, fallbackCount: number): TemplateResult {
    return renderContractSection({
      table,
      loc: this.loc,
      fallbackCount,
      query: this.search.query,
      detail: (item) => this.renderDetail(item),
      onToggle: (item, open) => this.toggleRow(table, item, open),
      onSort: (key) => this.sortTable(table, key),
      onPage: (direction) => this.pageTable(table, direction),
      onRetry: () => {
        this.focusAfter(table.name);
        void table.task.run();
      },
      rejected:
        table === this.rejected
          ? {
              reason: this.reason,
              onReason: (code) => this.filterReason(code),
              onClearReason: () => this.clearReason(),
              exporting: this.exporting,
              onExport: () => void this.exportCsv(),
            }
          : undefined,
    });
  }

  /**
   * A held run's notice and "Approuver", drawn by the approval module (fetched as soon as a held
   * run is shown); asked for again at each render while a fetch of it failed.
   */
  private renderHeld(run: runSummary): unknown {
    const kit = this.approvalKit;
    const held = run.held;
    if (!held) return nothing;
    if (!kit) {
      void this.loadApproval().catch(() => undefined);
      return nothing;
    }
    return kit.renderHeldNotice({
      run,
      held,
      loc: this.loc,
      approving: this.preview?.confirming ?? false,
      onApprove: (r) => void this.approve(r),
    });
  }

  private renderBody(fetched: summary): TemplateResult {
    const loc = this.loc;
    // A poll's newer view of the same running run wins over the summary fetched when it started.
    const data = this.live && this.live.lastRun?.id === fetched.lastRun?.id && fetched.lastRun?.status === 'running' ? this.live : fetched;
    const t = loc.t;
    const header = renderStatusHeader({
      summary: data,
      loc,
      held: (run) => this.renderHeld(run),
      onAbandon: (run) => void this.abandon(run),
      onPieceLoaded: () => this.requestUpdate(),
      abandoning: this.abandoning,
      onStartRun: () => void this.startRun(),
      starting: this.starting,
      running: data.lastRun?.status === 'running',
      actionError: this.actionError,
      technicalOpen: this.technicalOpen,
      onToggleTechnical: (open) => {
        this.technicalOpen = open;
      },
      onShowRejected: data.lastRun ? () => this.showRejected() : undefined,
    });
    // Never synced: nothing to list, but an organisation that can run may start its first run.
    if (!data.lastRun) return html`${header} ${renderNeverSynced(loc)}`;
    const kit = this.approvalKit;
    const preview = this.preview;
    const dialog =
      kit && preview
        ? kit.renderApproveDialog({
            pieces: { renderPager, renderSearchBox, renderError, renderLoading },
            preview,
            loc,
            onConfirm: () => void kit.confirmApproval(this.approvalHost(), preview),
            onCancel: () => this.renderRoot.querySelector<HTMLDialogElement>('dialog.approve-dialog')?.close(),
            onClosed: () => kit.approvalClosed(this.approvalHost(), preview),
          })
        : nothing;
    return html`${header} ${dialog}
      ${renderSearchBox({
        id: 'search',
        label: t.searchLabel,
        placeholder: t.searchPlaceholder,
        hint: t.searchHint,
        value: this.search.value,
        onInput: (value) => this.search.set(value),
        onCommit: () => this.search.commit(),
      })}
      ${this.renderSearchSummary()} ${this.renderSection(this.integrated, data.totals.integrated)} ${this.renderSection(this.rejected, data.totals.rejected)}`;
  }

  /** Fetches the status and both tables again (keeping search, filters, sort and pages). */
  refresh(): void {
    this.generation += 1;
  }

  override render(): TemplateResult {
    const loc = this.loc;
    const task = this.summaryTask;
    return html`<div class="base" part="base">
      ${this.liveRegion.render()}
      ${task.render({
        initial: () => renderLoading(loc),
        pending: () => (task.value ? this.renderBody(task.value) : renderLoading(loc)),
        complete: (data) => this.renderBody(data),
        error: (error) =>
          isAuthError(error)
            ? renderUnauthorized(loc, error)
            : renderError(loc, error, () => {
                this.focusAfter('status');
                this.refresh();
              }),
      })}
    </div>`;
  }
}
