import { Task, TaskStatus, initialState } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { PAGE_MAX, type changeKind, type historyDay, type historyDays } from '../../contract/index.ts';
import { createApiClient, DEFAULT_API_BASE, type ApiClient, type TokenSource } from '../shared/api-client.ts';
import { SearchController } from '../shared/controllers/search-controller.ts';
import { emit } from '../shared/events.ts';
import { localizerFor, type Localizer } from '../shared/i18n/localize.ts';
import { renderSearchBox } from '../shared/pieces/controls.ts';
import { isAuthError, renderError, renderLoading, renderUnauthorized } from '../shared/pieces/states.ts';
import { pieceStyles, themeStyles } from '../shared/theme.styles.ts';
import { renderTimeline } from './contract-timeline.ts';
import { KINDS, renderDay, type DayListContext } from './day-list.ts';
import { historyStyles } from './erp-sync-history.styles.ts';
import { renderDateRange, renderKindChips } from './filters.ts';
import { addDays, isDay, longDay } from './format.ts';
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
const HEADING = `#${HEADING_ID}`;

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * The "Historique" tab of the Synchro ERP console: every change the nightly imports made to the
 * integrated contracts, day after day, down to the field.
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
 * Requests start once `token` is set and go to `api-base` with `Authorization: Bearer`; a new
 * token is used from the next request on, without reloading anything. Results (a search, a
 * filter, earlier days, an opened day) are announced in a polite live region once they arrive.
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
 * @csspart announcer - The visually hidden polite live region announcing results.
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
  /**
   * One client per `api-base`: it reads the host's token at each request (see `client`), so a
   * host rotating its token (or passing a new inline function at each render) keeps the client,
   * and with it the loaded days, opened days and older pages.
   */
  private clientCache: { apiBase: string; client: ApiClient } | null = null;
  /** Becomes true the first time the list is shown: a host opening a timeline first pays for nothing else. */
  private listWanted = false;
  /** A deep-linked day to scroll to once it is drawn. */
  private scrollToDate = '';
  /**
   * Where focus goes after the next render, for the user's own actions only (timeline opened or
   * left, older days loaded, a retry): a CSS selector in the shadow root, tried once.
   */
  private focusTarget = '';
  /** Results are announced only once the user has acted (not for the first load of the page). */
  private userActed = false;
  /** Days the user opened whose changes, once loaded, are announced. */
  private readonly announceDays = new Set<string>();
  /** Bumped whenever the first page is replaced: an older page asked for before is dropped. */
  private listGeneration = 0;

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
    onComplete: (page) => {
      this.pruneOpenDays(page.days);
      if (this.userActed) this.announceList(page.days);
    },
    onError: (error) => this.fail(error),
  });

  private readonly olderTask = new Task(this, {
    autoRun: false,
    args: () => [this.client, this.from, this.nextBefore, this.search.query, this.kind] as const,
    task: async ([client, from, before, q, kind], { signal }): Promise<historyDays | typeof initialState> => {
      if (!client || !before) return initialState;
      const generation = this.listGeneration;
      const page = await client.history(
        { limit: DAYS_PAGE, before, from: from || undefined, q: q || undefined, kind: kind ?? undefined },
        signal,
      );
      // The list was replaced meanwhile (new range, filter, deep link): this page belongs to the old one.
      if (signal.aborted || generation !== this.listGeneration || this.daysTask.status !== TaskStatus.COMPLETE) {
        return initialState;
      }
      // Newest first and each date once: only days older than the last one shown are appended.
      const last = this.shownDays.at(-1)?.date;
      const added = last ? page.days.filter((d) => d.date < last) : page.days;
      const focusWasOnButton = this.focusOnLoadOlder();
      this.olderDays = [...this.olderDays, ...added];
      this.olderNextBefore = page.nextBefore;
      // The button may be gone (no earlier day): focus the first new day rather than <body>.
      if (focusWasOnButton) {
        this.focusTarget = added.length > 0 ? `li.day[data-date="${added[0].date}"] button.day-toggle` : HEADING;
      }
      this.announceList(this.shownDays);
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
  /** The text of the polite live region: set when a result arrives, never while loading. */
  @state() private announcement = '';

  /** Base URL of the admin API (`/api/erp-sync` by default); another origin needs CORS on the server. */
  @property({ attribute: 'api-base' }) apiBase: string = DEFAULT_API_BASE;

  /** Language of the texts, dates and numbers: `fr` (default) or `en`. */
  @property({ reflect: true }) override lang = 'fr';

  /** The admin's bearer token, or a function returning one; changing it reloads nothing. Not an attribute: it is a secret. */
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
    // A new first page (other range, deep link or API) starts the older pages over. A new token
    // does not: the client keeps its identity and reads the token at each request.
    if (
      changed.has('apiBase') ||
      changed.has('date') ||
      changed.has('from' as keyof ErpSyncHistory) ||
      changed.has('to' as keyof ErpSyncHistory)
    ) {
      this.resetOlder();
    }
    // After this update (not during it): what a stale token made fail is asked again.
    if (changed.has('token') && changed.get('token') !== undefined) queueMicrotask(() => this.retryAuthFailures());
    // No focus move here: a host setting `contract` must not steal the focus from its own page.
    if (changed.has('pageSize')) for (const day of this.openDays.values()) day.paging.setLimit(this.pageLimit);
  }

  protected override updated(): void {
    if (this.focusTarget) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusTarget);
      this.focusTarget = '';
      target?.focus();
    }
    if (this.scrollToDate) {
      const day = this.renderRoot.querySelector<HTMLElement>(`li.day[data-date="${this.scrollToDate}"]`);
      if (day) {
        this.scrollToDate = '';
        day.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  /** The API client for the current `api-base`; null until a token is given. */
  private get client(): ApiClient | null {
    if (this.token === undefined || this.token === '') return null;
    const cached = this.clientCache;
    if (cached && cached.apiBase === this.apiBase) return cached.client;
    // `token` is read by the client at each request: this getter hands it the host's current
    // source (a string, or its function), so a rotated token needs no new client.
    const host = this;
    const client = createApiClient({
      apiBase: this.apiBase,
      get token(): TokenSource | undefined {
        return host.token;
      },
    });
    this.clientCache = { apiBase: this.apiBase, client };
    return client;
  }

  /** A new token may cure a 401/403: what failed with one is asked again, the rest is kept. */
  private retryAuthFailures(): void {
    if (!this.client) return;
    if (this.daysTask.status === TaskStatus.ERROR && isAuthError(this.daysTask.error)) void this.daysTask.run();
    if (this.trendTask.status === TaskStatus.ERROR && isAuthError(this.trendTask.error)) void this.trendTask.run();
    if (this.timelineTask.status === TaskStatus.ERROR && isAuthError(this.timelineTask.error)) void this.timelineTask.run();
    for (const day of this.openDays.values()) {
      if (day.task.status === TaskStatus.ERROR && isAuthError(day.task.error)) void day.task.run();
    }
    if (isAuthError(this.olderError)) this.olderError = null;
  }

  /** `page-size` kept within what the API accepts, so a typo cannot turn every day into an error. */
  private get pageLimit(): number {
    const n = Math.floor(this.pageSize);
    return Number.isFinite(n) ? Math.min(Math.max(n, 1), PAGE_MAX) : DAY_PAGE;
  }

  /**
   * Where "load earlier days" carries on; null while the first page is loading, so a click can
   * never continue the previous list (other range or filter) into the new one.
   */
  private get nextBefore(): string | null {
    if (this.daysTask.status !== TaskStatus.COMPLETE) return null;
    if (this.olderNextBefore !== undefined) return this.olderNextBefore;
    return this.daysTask.value?.nextBefore ?? null;
  }

  /** The days drawn: the first page, then the older pages. */
  private get shownDays(): historyDay[] {
    const first = this.daysTask.value;
    return first ? [...first.days, ...this.olderDays] : [];
  }

  /** Whether the focus is on "load earlier days" (or was lost to <body>, as Safari does on click). */
  private focusOnLoadOlder(): boolean {
    const active = (this.renderRoot as ShadowRoot).activeElement;
    if (active) return active.matches('[part="load-older"]');
    return document.activeElement === null || document.activeElement === document.body;
  }

  /** Says what the list now holds, in the live region ("12 jours, 34 changements pour « helene »"). */
  private announceList(days: readonly historyDay[]): void {
    const loc = localizerFor(this.lang);
    const h = loc.t.history;
    if (days.length === 0) {
      this.announcement = this.filtered ? h.emptyFilters : this.from || this.to ? h.emptyRange : h.emptyTitle;
      return;
    }
    const changes = days.reduce((n, d) => n + KINDS.reduce((m, k) => m + d[k], 0), 0);
    this.announcement = h.listAnnouncement(loc.count(days.length, h.dayCount), loc.count(changes, h.changeCount), this.search.query);
  }

  /** Says what an opened day holds once its changes arrive ("15 changements le mardi 24 novembre 2026"). */
  private announceDay(date: string, total: number): void {
    if (!this.announceDays.delete(date)) return;
    const loc = localizerFor(this.lang);
    const h = loc.t.history;
    this.announcement =
      total === 0
        ? this.filtered
          ? h.noChangesForFilters
          : h.noChanges
        : h.dayAnnouncement(loc.count(total, h.changeCount), longDay(date, loc, false));
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
        (page) => this.announceDay(date, page.total),
      );
      this.openDays.set(date, day);
      this.requestUpdate();
    }
    return day;
  }

  private closeDay(date: string): void {
    const day = this.openDays.get(date);
    this.announceDays.delete(date);
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
    this.userActed = true;
    this.resetOlder();
    for (const day of this.openDays.values()) day.paging.reset();
  }

  private resetOlder(): void {
    this.listGeneration++;
    this.olderTask.abort();
    this.olderDays = [];
    this.olderNextBefore = undefined;
    this.olderError = null;
  }

  private toggleDay(date: string, open: boolean): void {
    if (open) {
      this.announceDays.add(date);
      this.openDay(date);
    } else this.closeDay(date);
    emit(this, 'erp-sync-day-toggle', { date, open });
  }

  private toggleContract(day: OpenDay, code: string, open: boolean): void {
    if (open) day.expanded.add(code);
    else day.expanded.delete(code);
    this.requestUpdate();
  }

  private showTimeline(code: string): void {
    this.contract = code;
    this.focusTarget = HEADING;
    emit(this, 'erp-sync-contract-select', { code });
  }

  private closeTimeline(): void {
    const code = this.contract;
    this.contract = '';
    this.focusTarget = HEADING;
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
    if (from !== this.from || to !== this.to) this.userActed = true;
    this.from = from;
    this.to = to;
  }

  private loadOlder(): void {
    // Only from a complete list: a pending one has no `nextBefore` of its own yet.
    if (this.olderTask.status === TaskStatus.PENDING || !this.nextBefore) return;
    this.userActed = true;
    this.olderError = null;
    void this.olderTask.run();
  }

  /** Retry of "load earlier days": its error goes, the button (still there) keeps the focus. */
  private retryOlder(): void {
    this.focusTarget = '[part="load-older"]';
    this.loadOlder();
    this.requestUpdate();
  }

  /** Retry of the whole list: the error view and its button go, the heading takes the focus. */
  private retryDays(): void {
    this.userActed = true;
    this.focusTarget = HEADING;
    this.resetOlder();
    void this.daysTask.run();
    if (this.trendTask.status === TaskStatus.ERROR) void this.trendTask.run();
  }

  private retryTrend(): void {
    this.focusTarget = HEADING;
    void this.trendTask.run();
  }

  private retryTimeline(): void {
    this.focusTarget = HEADING;
    void this.timelineTask.run();
  }

  /** Retry of an opened day: its error view goes, its own toggle takes the focus. */
  private retryDay(day: OpenDay): void {
    this.userActed = true;
    this.announceDays.add(day.date);
    this.focusTarget = `li.day[data-date="${day.date}"] button.day-toggle`;
    void day.task.run();
  }

  private renderTrendSection(loc: Localizer): unknown {
    const task = this.trendTask;
    if (task.status === TaskStatus.ERROR) {
      // An auth failure is said once, by the list; the chart just steps aside.
      if (isAuthError(task.error)) return nothing;
      return html`<div class="trend" part="trend">
        <p class="danger">${loc.t.history.trendError}</p>
        <button type="button" class="retry" @click=${() => this.retryTrend()}>${loc.t.retry}</button>
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
      ${
        next
          ? html`<button
            type="button"
            class="load-older"
            part="load-older"
            aria-disabled=${pending ? 'true' : 'false'}
            @click=${() => this.loadOlder()}
          >
            ${pending ? h.loadingOlder : h.loadOlder}
          </button>`
          : nothing
      }
      ${this.olderError ? renderError(loc, this.olderError, () => this.retryOlder()) : nothing}
    </div>`;
  }

  private renderDays(loc: Localizer, days: readonly historyDay[]): unknown {
    const h = loc.t.history;
    const task = this.daysTask;
    if (!task.value) return renderLoading(loc);
    if (days.length === 0) {
      // Heard through the live region (announceList), not a second status here.
      if (this.filtered) {
        return html`<div class="state empty" part="state state-empty"><p class="state-title">${h.emptyFilters}</p></div>`;
      }
      return html`<div class="state empty" part="state state-empty">
        ${
          this.from || this.to
            ? html`<p class="state-title">${h.emptyRange}</p>`
            : html`<p class="state-title">${h.emptyTitle}</p>
              <p>${h.emptyBody}</p>`
        }
      </div>`;
    }
    const ctx: DayListContext = {
      loc,
      openDay: (date) => this.openDays.get(date),
      onToggleDay: (date, open) => this.toggleDay(date, open),
      onToggleContract: (day, code, open) => this.toggleContract(day, code, open),
      onShowTimeline: (code) => this.showTimeline(code),
      onRetryDay: (day) => this.retryDay(day),
      filtered: this.filtered,
    };
    // Filtered out is not "no import that day": the notice would mislead.
    const missing = task.status === TaskStatus.COMPLETE && !this.filtered && isDay(this.date) && !days.some((d) => d.date === this.date);
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
      return html`${heading}${
        isAuthError(task.error) ? renderUnauthorized(loc, task.error) : renderError(loc, task.error, () => this.retryDays())
      }`;
    }
    const days = this.shownDays;
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
          onRetry: () => this.retryTimeline(),
          loc,
          headingId: HEADING_ID,
          onBack: () => this.closeTimeline(),
        })
      : this.renderList(loc);
    // One live region, always in the DOM so screen readers track it; it only changes on results.
    return html`<section class="history" part="base" aria-labelledby=${HEADING_ID}>
      ${body}
      <div class="visually-hidden" part="announcer" role="status" aria-live="polite" aria-atomic="true" data-announcer>${this.announcement}</div>
    </section>`;
  }
}
