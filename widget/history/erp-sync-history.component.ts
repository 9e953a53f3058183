import { TaskStatus, initialState } from '@lit/task';
import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { historyDay, historyDayChanges } from '../../contract/api.ts';
import { isAuthError } from '../shared/api-client.ts';
import { ErpSyncElement } from '../shared/erp-sync-element.ts';
import { emit } from '../shared/events.ts';
import { adoptStyles, LazyPiece } from '../shared/lazy-piece.ts';
import { renderError, renderLoading, renderUnauthorized } from '../shared/pieces/states.ts';
import { DayListController } from './day-list-controller.ts';
import { dayAnnouncement, listAnnouncement } from './announcements.ts';
import { type ChangesPiece, renderDayList } from './day-list.ts';
import { historyStyles } from './erp-sync-history.styles.ts';
import { HistoryFilters } from './filters.ts';
import { isDay } from './format.ts';
import { OpenDays, type OpenDay } from './open-days.ts';
import { renderTrendSection, TREND_DAYS, type TrendPiece } from './trend-chart.ts';

const HEADING_ID = 'history-heading';

/**
 * An opened day's changes and a contract's own timeline, drawn once the user opens a day or a
 * host asks for a timeline: fetched then, not with the first paint.
 */
const changes = new LazyPiece(() => import('./history-changes.ts'));
/** The trend chart: fetched beside the trend's own request, not with the first paint. */
const trendChart = new LazyPiece(() => import('./trend.ts'));

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
 * @fires erp-sync-auth-expired - The admin API answered 401 (the session expired): set a fresh `token`. Once per token value. `detail: { error: ApiError }`.
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
export class ErpSyncHistory extends ErpSyncElement {
  static override styles = [ErpSyncElement.styles, historyStyles];
  static override properties: PropertyDeclarations = { date: {}, contract: {} };

  private readonly filters = new HistoryFilters(this, (what) => this.filtersChanged(what));
  private readonly openDays = new OpenDays(this, this.api, this.pageLimit, {
    filters: () => ({ q: this.filters.search.query, kind: this.filters.kind }),
    onArrived: (date, page) => this.announceDay(date, page),
  });
  private readonly dayList = new DayListController(this, this.api, {
    query: () => ({
      wanted: this.listWanted,
      from: this.filters.from,
      to: this.filters.to,
      q: this.filters.search.query,
      kind: this.filters.kind,
      date: this.date,
    }),
    onList: (days) => {
      this.openDays.keepOnly(days);
      if (this.userActed) this.announceList(days);
    },
    onOlder: (added) => this.olderLoaded(added),
  });
  private readonly trendTask = this.api.task({
    args: () => [this.listWanted] as const,
    task: (client, [wanted], signal) => (wanted ? client.trend({ days: TREND_DAYS }, signal) : Promise.resolve(initialState)),
  });
  private readonly timelineTask = this.api.task({
    args: () => [this.contract] as const,
    task: (client, [code], signal) => (code ? client.contract(code, signal) : Promise.resolve(initialState)),
  });

  /** Becomes true the first time the list is shown: a host opening a timeline first pays for nothing else. */
  private listWanted = false;
  /** A deep-linked day to scroll to once it is drawn. */
  private scrollToDate = '';
  /** Results are announced only once the user has acted (not for the first load of the page). */
  private userActed = false;

  /** Deep link: a day (`YYYY-MM-DD`) to open and expand. */
  date = '';

  /** A contract code: when set, the element shows that contract's timeline instead of the days. */
  contract = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.contract) this.listWanted = true;
    if (changed.has('date') && isDay(this.date)) {
      this.openDays.open(this.date, false);
      this.scrollToDate = this.date;
    }
    // No focus move here: a host setting `contract` must not steal the focus from its own page.
    if (changed.has('pageSize')) this.openDays.setPageSize(this.pageLimit);
  }

  protected override updated(): void {
    if (!this.scrollToDate) return;
    const day = this.renderRoot.querySelector<HTMLElement>(`li.day[data-date="${this.scrollToDate}"]`);
    if (!day) return;
    this.scrollToDate = '';
    day.scrollIntoView({ block: 'nearest' });
  }

  /** Focuses the first element matching `selector` once it is drawn. */
  private focusOn(selector: string): void {
    this.pendingFocus.focus(() => this.renderRoot.querySelector<HTMLElement>(selector));
  }

  private focusOnDay(date: string): void {
    this.focusOn(`li.day[data-date="${date}"] button.day-toggle`);
  }

  // ---- what the user did ----

  /** A new search or kind: opened days go back to their first page (the list is fetched again). */
  private filtersChanged(what: 'search' | 'range'): void {
    this.userActed = true;
    if (what === 'search') this.openDays.firstPages();
  }

  private toggleDay(date: string, open: boolean): void {
    if (open) this.openDays.open(date, true);
    else this.openDays.close(date);
    emit(this, 'erp-sync-day-toggle', { date, open });
  }

  private toggleContract(day: OpenDay, code: string, open: boolean): void {
    if (open) day.expanded.add(code);
    else day.expanded.delete(code);
    this.requestUpdate();
  }

  private showTimeline(code: string): void {
    this.contract = code;
    this.focusOn(`#${HEADING_ID}`);
    emit(this, 'erp-sync-contract-select', { code });
  }

  private closeTimeline(): void {
    const code = this.contract;
    this.contract = '';
    this.focusOn(`#${HEADING_ID}`);
    emit(this, 'erp-sync-timeline-close', { code });
  }

  private loadOlder(): void {
    this.userActed = true;
    this.dayList.loadOlder();
  }

  /** Older days arrived: the focus follows if it was on "load earlier days", which may be gone. */
  private olderLoaded(added: readonly historyDay[]): void {
    const active = (this.renderRoot as ShadowRoot).activeElement;
    // Safari drops the focus of a clicked button to <body>.
    const onButton = active ? active.matches('[part="load-older"]') : document.activeElement === document.body;
    if (onButton) {
      if (added.length > 0) this.focusOnDay(added[0].date);
      else this.focusOn(`#${HEADING_ID}`);
    }
    this.announceList(this.dayList.days);
  }

  /** Retry of "load earlier days": the button (still there) keeps the focus. */
  private retryOlder(): void {
    this.focusOn('[part="load-older"]');
    this.loadOlder();
  }

  /** Retry of the whole list: the error view and its button go, the heading takes the focus. */
  private retryDays(): void {
    this.userActed = true;
    this.focusOn(`#${HEADING_ID}`);
    this.dayList.retry();
    if (this.trendTask.status === TaskStatus.ERROR) void this.trendTask.run();
  }

  private retry(task: { run(): Promise<void> }): void {
    this.focusOn(`#${HEADING_ID}`);
    void task.run();
  }

  /** Retry of an opened day: its error view goes, its own toggle takes the focus. */
  private retryDay(day: OpenDay): void {
    this.userActed = true;
    this.focusOnDay(day.date);
    this.openDays.retry(day);
  }

  // ---- the live region ----

  private announceList(days: readonly historyDay[]): void {
    const f = this.filters;
    this.liveRegion.announce(listAnnouncement(days, { query: f.search.query, filtered: f.filtered, ranged: f.ranged }, this.loc));
  }

  private announceDay(date: string, page: historyDayChanges): void {
    this.liveRegion.announce(dayAnnouncement(date, page.total, this.filters.filtered, this.loc));
  }

  // ---- drawing ----

  /** The drawing of changes, once it is there (a render follows its arrival), its styles adopted. */
  private piece(): ChangesPiece | null {
    const piece = changes.get(() => this.requestUpdate());
    if (piece) adoptStyles(this.renderRoot, piece.changesStyles);
    return piece;
  }

  /** The trend chart's drawing, once it is there (asked for as soon as the chart's place is drawn). */
  private chart(): TrendPiece | null {
    const piece = trendChart.get(() => this.requestUpdate());
    if (piece) adoptStyles(this.renderRoot, piece.trendStyles);
    return piece;
  }

  private renderList(): TemplateResult {
    const loc = this.loc;
    const list = this.dayList.first;
    const heading = html`<h2 id=${HEADING_ID} class="heading" part="heading" tabindex="-1">${loc.t.history.heading}</h2>`;
    // A failed list is the whole story (the chart most likely failed alike): one message, one retry.
    if (list.status === TaskStatus.ERROR) {
      return html`${heading}${
        isAuthError(list.error) ? renderUnauthorized(loc, list.error) : renderError(loc, list.error, () => this.retryDays())
      }`;
    }
    const days = this.dayList.days;
    const f = this.filters;
    // An empty history has nothing to chart or filter; an empty date range or search keeps its filters.
    const nothingYet = list.status === TaskStatus.COMPLETE && days.length === 0 && !f.ranged && !f.rangeError && !f.filtered;
    return html`${heading}
      ${nothingYet ? nothing : html`${renderTrendSection(this.trendTask, this.chart(), loc, () => this.retry(this.trendTask))}${f.render(loc)}`}
      ${renderDayList({
        loc,
        days,
        status: list.status,
        loaded: list.value !== undefined,
        filtered: f.filtered,
        ranged: f.ranged,
        date: this.date,
        openDay: (date) => this.openDays.get(date),
        changes: this.openDays.size > 0 ? this.piece() : null,
        onToggleDay: (date, open) => this.toggleDay(date, open),
        onToggleContract: (day, code, open) => this.toggleContract(day, code, open),
        onShowTimeline: (code) => this.showTimeline(code),
        onRetryDay: (day) => this.retryDay(day),
        older: {
          next: this.dayList.nextBefore !== null,
          loading: this.dayList.loadingOlder,
          error: this.dayList.olderError,
          onLoad: () => this.loadOlder(),
          onRetry: () => this.retryOlder(),
        },
      })}`;
  }

  override render(): TemplateResult {
    const loc = this.loc;
    const timeline = this.timelineTask;
    const timelinePiece = this.contract ? this.piece() : null;
    const body = this.contract
      ? !timelinePiece
        ? renderLoading(loc)
        : timelinePiece.renderTimeline({
            status: timeline.status,
            detail: timeline.value,
            error: timeline.error,
            onRetry: () => this.retry(timeline),
            loc,
            headingId: HEADING_ID,
            onBack: () => this.closeTimeline(),
          })
      : this.renderList();
    return html`<section class="history" part="base" aria-labelledby=${HEADING_ID}>${body} ${this.liveRegion.render()}</section>`;
  }
}
