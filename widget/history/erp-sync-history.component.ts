import { Task, TaskStatus, initialState } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { PAGE_MAX, type changeKind, type historyDay, type historyDays } from '../../server/contract/index.ts';
import { createApiClient, DEFAULT_API_BASE, type ApiClient, type TokenSource } from '../shared/api-client.ts';
import { SearchController } from '../shared/controllers/search-controller.ts';
import { emit } from '../shared/events.ts';
import { localizerFor, type Localizer } from '../shared/i18n/localize.ts';
import { renderSearchBox } from '../shared/pieces/controls.ts';
import { isAuthError, renderError, renderLoading, renderUnauthorized } from '../shared/pieces/states.ts';
import { pieceStyles, themeStyles } from '../shared/theme.styles.ts';
import { renderTimeline } from './contract-timeline.ts';
import { renderDay, type DayListContext } from './day-list.ts';
import { historyStyles } from './erp-sync-history.styles.ts';
import { renderDateRange, renderKindChips } from './filters.ts';
import { addDays, isDay } from './format.ts';
import { OpenDay } from './open-day.ts';
import { renderTrend } from './trend-chart.ts';

/** Days per request of the list; "load earlier days" asks for as many again. */
const DAYS_PAGE = 30;
/** Default changes per page of an opened day: a 5,000-change day must stay a light DOM. */
const DAY_PAGE = 50;
/** Days covered by the chart. */
const TREND_DAYS = 30;
/** The server's cap on `limit` for GET /history, used to reach a deep-linked old day at once. */
const DAYS_MAX = 366;

const HEADING_ID = 'history-heading';

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * @summary The "Historique" tab of the Synchro ERP console: every change the nightly imports
 * made to the integrated contracts, day after day, down to the field.
 *
 * One entry per day, newest first (its runs and counts of added, updated, archived, newly
 * rejected and fixed contracts). Opening a day fetches its changes (never before), paged and
 * grouped by contract; opening a contract shows, for an update, each field's old and new value.
 * Above the days: a 30-day chart of integrated and non-integrated contracts, and filters (search
 * by name, kind of change, date range). A search or a kind narrows the list itself to the days
 * with a matching change, their counts counting only those, and opened days show only those
 * changes. With `contract` set, the element shows that contract's own timeline instead, with a
 * way back to the whole history.
 *
 * Requests start once `token` is set and go to `api-base` with `Authorization: Bearer`.
 *
 * @fires erp-sync-day-toggle - The user opened or closed a day. `detail: { date, open }`.
 * @fires erp-sync-contract-select - The user opened a contract's timeline from a day. `detail: { code }`.
 * @fires erp-sync-timeline-close - The user left a contract's timeline for the whole history. `detail: { code }`.
 * @fires erp-sync-error - A request failed (network, server, 401/403, malformed response). `detail: { error }`.
 *
 * @csspart base - The element's wrapper (a <section>).
 * @csspart heading - The title: "Historique", or the contract's in its timeline.
 * @csspart trend - The chart's <figure>.
 * @csspart trend-series - One series of the chart (label, sparkline, last value).
 * @csspart sparkline - Each sparkline <svg>; also `sparkline-integrated`, `sparkline-rejected`.
 * @csspart filters - The filters' wrapper.
 * @csspart search - The search box (shared).
 * @csspart kind-filter - The kind-of-change chips.
 * @csspart date-range - The from/to date fieldset.
 * @csspart days - The list of days.
 * @csspart day - One day.
 * @csspart day-header - A day's date, runs and counts.
 * @csspart day-toggle - A day's disclosure button.
 * @csspart runs - A day's runs.
 * @csspart badges - A day's counts; each count is a `badge`.
 * @csspart badge - One count of a day (data-kind attribute).
 * @csspart day-panel - The region of an opened day's changes.
 * @csspart day-pager - The pager of a day's changes.
 * @csspart contracts - The contracts of an opened day.
 * @csspart contract - One contract of a day.
 * @csspart contract-toggle - A contract's disclosure button.
 * @csspart kind - A kind-of-change label (data-kind attribute).
 * @csspart contract-detail - The details of an expanded contract.
 * @csspart change - One change in the details or the timeline.
 * @csspart diff - The field / old value / new value table of an update.
 * @csspart before - An old value (<del>).
 * @csspart after - A new value (<ins>).
 * @csspart fields - The fields of an added or archived contract (shared field list).
 * @csspart reasons - The reasons that appeared (rejection) or disappeared (fix).
 * @csspart show-timeline - The button opening a contract's timeline.
 * @csspart load-older - The "Charger les jours précédents" button.
 * @csspart timeline-view - The contract timeline's wrapper.
 * @csspart timeline-back - The "Retour à l'historique complet" button.
 * @csspart timeline - The list of a contract's changes.
 * @csspart state - Any state view; also `state-loading`, `state-empty`, `state-error`, `state-unauthorized`.
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
 * @cssprop [--erp-sync-color-inserted=success mixed into surface] - Background of a new value.
 * @cssprop [--erp-sync-color-deleted=danger mixed into surface] - Background of an old value.
 * @cssprop [--erp-sync-chart-integrated=var(--erp-sync-color-accent)] - Line of the integrated series.
 * @cssprop [--erp-sync-chart-rejected=var(--erp-sync-color-danger)] - Line of the non-integrated series.
 */
export class ErpSyncHistory extends LitElement {
  static override styles = [themeStyles, pieceStyles, historyStyles];

  private readonly search = new SearchController(this, { onCommit: () => this.filtersChanged() });
  /** Opened days by date; each owns its task and pager (see open-day.ts). */
  private readonly openDays = new Map<string, OpenDay>();
  private clientCache: { apiBase: string; token: TokenSource; client: ApiClient } | null = null;
  /** Becomes true the first time the list is shown: a host opening a timeline first pays for nothing else. */
  private listWanted = false;
  /** A deep-linked day to scroll to once it is drawn. */
  private scrollToDate = '';
  /** Move focus to the heading after switching between the list and a timeline. */
  private focusHeading = false;

  private readonly daysTask = new Task(this, {
    // The committed search and the kind are arguments: the day list itself is filtered by them
    // (debounced by the SearchController; a superseded request is aborted by the Task).
    args: () => [this.client, this.from, this.to, this.date, this.listWanted, this.search.query, this.kind] as const,
    task: async ([client, from, to, date, wanted, q, kind], { signal }): Promise<historyDays | typeof initialState> => {
      if (!client || !wanted) return initialState;
      const before = to ? addDays(to, 1) : undefined;
      const filter = { q: q || undefined, kind: kind ?? undefined };
      const page = await client.history({ limit: DAYS_PAGE, from: from || undefined, before, ...filter }, signal);
      const oldest = page.days[page.days.length - 1]?.date;
      const reachable = isDay(date) && (!from || date >= from) && (!to || date <= to);
      if (reachable && page.nextBefore && oldest && date < oldest) {
        // A deep link to an older day: fetch every day down to it in one request, so the list
        // stays contiguous and "load earlier days" carries on from there.
        const more = await client.history({ limit: DAYS_MAX, before: page.nextBefore, from: date, ...filter }, signal);
        const days = [...page.days, ...more.days];
        return { days, nextBefore: more.nextBefore ?? days[days.length - 1].date };
      }
      return page;
    },
    onComplete: (page) => this.pruneOpenDays(page.days),
    onError: (error) => this.fail(error),
  });

  private readonly olderTask = new Task(this, {
    autoRun: false,
    args: () => [this.client, this.from, this.nextBefore, this.search.query, this.kind] as const,
    task: async ([client, from, before, q, kind], { signal }): Promise<historyDays | typeof initialState> => {
      if (!client || !before) return initialState;
      const page = await client.history(
        { limit: DAYS_PAGE, before, from: from || undefined, q: q || undefined, kind: kind ?? undefined },
        signal,
      );
      this.olderDays = [...this.olderDays, ...page.days];
      this.olderNextBefore = page.nextBefore;
      return page;
    },
    onError: (error) => {
      if (isAbort(error)) return;
      this.olderError = error;
      this.fail(error);
    },
  });

  private readonly trendTask = new Task(this, {
    args: () => [this.client, this.listWanted] as const,
    task: async ([client, wanted], { signal }) => {
      if (!client || !wanted) return initialState;
      return client.trend(TREND_DAYS, signal);
    },
    onError: (error) => this.fail(error),
  });

  private readonly timelineTask = new Task(this, {
    args: () => [this.client, this.contract] as const,
    task: async ([client, code], { signal }) => {
      if (!client || !code) return initialState;
      return client.contract(code, signal);
    },
    onError: (error) => this.fail(error),
  });

  @state() private kind: changeKind | null = null;
  /** What the date inputs hold; `from`/`to` only take them once the pair is valid. */
  @state() private fromInput = '';
  @state() private toInput = '';
  @state() private rangeError = false;
  /** The applied date range (days on or after `from`, on or before `to`). */
  @state() private from = '';
  @state() private to = '';
  /** Days added by "load earlier days", after the first page. */
  @state() private olderDays: historyDay[] = [];
  /** `nextBefore` of the last older page; undefined until one is loaded. */
  @state() private olderNextBefore: string | null | undefined = undefined;
  @state() private olderError: unknown = null;

  /** Base URL of the admin API (`/api/erp-sync` by default); another origin needs CORS on the server. */
  @property({ attribute: 'api-base' }) apiBase: string = DEFAULT_API_BASE;

  /** Language of the texts, dates and numbers: `fr` (default) or `en`. */
  @property({ reflect: true }) override lang = 'fr';

  /** The admin's bearer token, or a function returning a fresh one before each request. */
  @property({ attribute: false }) token: TokenSource | undefined = undefined;

  /** Deep link: a day (`YYYY-MM-DD`) to open and expand. */
  @property() date = '';

  /** A contract code: when set, the element shows that contract's timeline instead of the days. */
  @property() contract = '';

  /** Changes per page of an opened day (the API caps it at 500). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = DAY_PAGE;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.contract) this.listWanted = true;
    if (changed.has('date') && isDay(this.date)) {
      this.openDay(this.date);
      this.scrollToDate = this.date;
    }
    // A new first page (other range, deep link, token or API) starts the older pages over.
    if (
      changed.has('apiBase') ||
      changed.has('token') ||
      changed.has('date') ||
      changed.has('from' as keyof ErpSyncHistory) ||
      changed.has('to' as keyof ErpSyncHistory)
    ) {
      this.resetOlder();
    }
    if (changed.has('contract') && changed.get('contract') !== undefined) this.focusHeading = true;
    if (changed.has('pageSize')) for (const day of this.openDays.values()) day.paging.setLimit(this.pageLimit);
  }

  protected override updated(): void {
    if (this.focusHeading) {
      this.focusHeading = false;
      this.renderRoot.querySelector<HTMLElement>(`#${HEADING_ID}`)?.focus();
    }
    if (this.scrollToDate) {
      const day = this.renderRoot.querySelector<HTMLElement>(`li.day[data-date="${this.scrollToDate}"]`);
      if (day) {
        this.scrollToDate = '';
        day.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  /** The API client for the current `api-base` and `token`; null until a token is given. */
  private get client(): ApiClient | null {
    const token = this.token;
    if (token === undefined || token === '') return null;
    const cached = this.clientCache;
    if (cached && cached.apiBase === this.apiBase && cached.token === token) return cached.client;
    const client = createApiClient({ apiBase: this.apiBase, token });
    this.clientCache = { apiBase: this.apiBase, token, client };
    return client;
  }

  /** `page-size` kept within what the API accepts, so a typo cannot turn every day into an error. */
  private get pageLimit(): number {
    const n = Math.floor(this.pageSize);
    return Number.isFinite(n) ? Math.min(Math.max(n, 1), PAGE_MAX) : DAY_PAGE;
  }

  private get nextBefore(): string | null {
    if (this.olderNextBefore !== undefined) return this.olderNextBefore;
    return this.daysTask.value?.nextBefore ?? null;
  }

  /** Async failures become an `erp-sync-error` event (and a drawn state, by each renderer). */
  private fail(error: unknown): void {
    if (isAbort(error)) return;
    emit(this, 'erp-sync-error', { error: error instanceof Error ? error : new Error(String(error)) });
  }

  private openDay(date: string): OpenDay {
    let day = this.openDays.get(date);
    if (!day) {
      day = new OpenDay(
        this,
        date,
        () => ({ client: this.client, q: this.search.query, kind: this.kind }),
        this.pageLimit,
        (error) => this.fail(error),
      );
      this.openDays.set(date, day);
      this.requestUpdate();
    }
    return day;
  }

  private closeDay(date: string): void {
    const day = this.openDays.get(date);
    if (!day) return;
    day.dispose();
    this.openDays.delete(date);
    this.requestUpdate();
  }

  /** Days that left the list (other range) stop listening to the filters. */
  private pruneOpenDays(days: readonly historyDay[]): void {
    const kept = new Set(days.map((d) => d.date));
    for (const date of [...this.openDays.keys()]) if (!kept.has(date)) this.closeDay(date);
  }

  /** A search or kind filter is applied (the list holds only days with a matching change). */
  private get filtered(): boolean {
    return this.search.query !== '' || this.kind !== null;
  }

  /**
   * A new search or kind: the list is fetched again by daysTask, so the older pages loaded
   * under the previous filter go, and every opened day goes back to its first page.
   */
  private filtersChanged(): void {
    this.resetOlder();
    for (const day of this.openDays.values()) day.paging.reset();
  }

  private resetOlder(): void {
    this.olderTask.abort();
    this.olderDays = [];
    this.olderNextBefore = undefined;
    this.olderError = null;
  }

  private toggleDay(date: string, open: boolean): void {
    if (open) this.openDay(date);
    else this.closeDay(date);
    emit(this, 'erp-sync-day-toggle', { date, open });
  }

  private toggleContract(day: OpenDay, code: string, open: boolean): void {
    if (open) day.expanded.add(code);
    else day.expanded.delete(code);
    this.requestUpdate();
  }

  private showTimeline(code: string): void {
    this.contract = code;
    emit(this, 'erp-sync-contract-select', { code });
  }

  private closeTimeline(): void {
    const code = this.contract;
    this.contract = '';
    emit(this, 'erp-sync-timeline-close', { code });
  }

  private setKind(kind: changeKind | null): void {
    if (kind === this.kind) return;
    this.kind = kind;
    this.filtersChanged();
  }

  private setRange(from: string, to: string): void {
    this.fromInput = from;
    this.toInput = to;
    this.rangeError = from !== '' && to !== '' && from > to;
    if (this.rangeError) return;
    this.from = from;
    this.to = to;
  }

  private loadOlder(): void {
    if (this.olderTask.status === TaskStatus.PENDING) return;
    this.olderError = null;
    void this.olderTask.run();
  }

  private retryDays(): void {
    this.resetOlder();
    void this.daysTask.run();
    if (this.trendTask.status === TaskStatus.ERROR) void this.trendTask.run();
  }

  private renderTrendSection(loc: Localizer): unknown {
    const task = this.trendTask;
    if (task.status === TaskStatus.ERROR) {
      // An auth failure is said once, by the list; the chart just steps aside.
      if (isAuthError(task.error)) return nothing;
      return html`<div class="trend" part="trend">
        <p class="danger">${loc.t.history.trendError}</p>
        <button type="button" class="retry" @click=${() => void task.run()}>${loc.t.retry}</button>
      </div>`;
    }
    if (task.value) return renderTrend(task.value, TREND_DAYS, loc);
    if (task.status === TaskStatus.PENDING) {
      return html`<div class="trend" part="trend"><p class="muted">${loc.t.loading}</p></div>`;
    }
    return nothing;
  }

  private renderFilters(loc: Localizer): TemplateResult {
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

  private renderOlder(loc: Localizer): unknown {
    const h = loc.t.history;
    const next = this.nextBefore;
    if (!next && !this.olderError) return nothing;
    const pending = this.olderTask.status === TaskStatus.PENDING;
    return html`<div class="older">
      ${next
        ? html`<button
            type="button"
            class="load-older"
            part="load-older"
            aria-disabled=${pending ? 'true' : 'false'}
            @click=${() => this.loadOlder()}
          >
            ${pending ? h.loadingOlder : h.loadOlder}
          </button>`
        : nothing}
      ${this.olderError ? renderError(loc, this.olderError, () => this.loadOlder()) : nothing}
    </div>`;
  }

  private renderDays(loc: Localizer, days: readonly historyDay[]): unknown {
    const h = loc.t.history;
    const task = this.daysTask;
    if (!task.value) return renderLoading(loc);
    if (days.length === 0) {
      // A status when filtered: the answer to a search typed a moment ago must be heard.
      if (this.filtered) {
        return html`<div class="state empty" part="state state-empty" role="status"><p class="state-title">${h.emptyFilters}</p></div>`;
      }
      return html`<div class="state empty" part="state state-empty">
        ${this.from || this.to
          ? html`<p class="state-title">${h.emptyRange}</p>`
          : html`<p class="state-title">${h.emptyTitle}</p>
              <p>${h.emptyBody}</p>`}
      </div>`;
    }
    const ctx: DayListContext = {
      loc,
      openDay: (date) => this.openDays.get(date),
      onToggleDay: (date, open) => this.toggleDay(date, open),
      onToggleContract: (day, code, open) => this.toggleContract(day, code, open),
      onShowTimeline: (code) => this.showTimeline(code),
      filtered: this.filtered,
    };
    // Filtered out is not "no import that day": the notice would mislead.
    const missing =
      task.status === TaskStatus.COMPLETE && !this.filtered && isDay(this.date) && !days.some((d) => d.date === this.date);
    return html`${missing ? html`<p class="notice" role="status">${h.dateNotFound(loc.date(this.date))}</p>` : nothing}
      <ol class="days" part="days" aria-label=${h.daysLabel} aria-busy=${task.status === TaskStatus.PENDING ? 'true' : 'false'}>
        ${repeat(
          days,
          (d) => d.date,
          (d, i) => renderDay(d, i, ctx),
        )}
      </ol>
      ${this.renderOlder(loc)}`;
  }

  private renderList(loc: Localizer): TemplateResult {
    const h = loc.t.history;
    const task = this.daysTask;
    const heading = html`<h2 id=${HEADING_ID} class="heading" part="heading" tabindex="-1">${h.heading}</h2>`;
    // A failed list is the whole story (the chart most likely failed alike): one message, one retry.
    if (task.status === TaskStatus.ERROR) {
      return html`${heading}${isAuthError(task.error)
        ? renderUnauthorized(loc, task.error)
        : renderError(loc, task.error, () => this.retryDays())}`;
    }
    const days = task.value ? [...task.value.days, ...this.olderDays] : [];
    // An empty history has nothing to chart or filter; an empty date range or search keeps its filters.
    const nothingYet =
      task.status === TaskStatus.COMPLETE && days.length === 0 && !this.from && !this.to && !this.rangeError && !this.filtered;
    return html`${heading}
      ${nothingYet ? nothing : html`${this.renderTrendSection(loc)}${this.renderFilters(loc)}`}
      ${this.renderDays(loc, days)}`;
  }

  override render(): TemplateResult {
    const loc = localizerFor(this.lang);
    const body = this.contract
      ? renderTimeline({
          code: this.contract,
          status: this.timelineTask.status,
          detail: this.timelineTask.value,
          error: this.timelineTask.error,
          onRetry: () => void this.timelineTask.run(),
          loc,
          headingId: HEADING_ID,
          onBack: () => this.closeTimeline(),
        })
      : this.renderList(loc);
    return html`<section class="history" part="base" aria-labelledby=${HEADING_ID}>${body}</section>`;
  }
}
