/**
 * The opened days of the Historique. Each owns a @lit/task (its changes, fetched only once the
 * day is opened), a pager and the contracts expanded in it; it is created when the user opens
 * the day and dropped when they close it, so a closed day never fetches anything, even when the
 * search or the kind filter changes.
 */
import type { ReactiveControllerHost } from 'lit';
import type { changeKind, historyDay, historyDayChanges } from '../../contract/api.ts';
import type { ApiController, ApiTask } from '../shared/controllers/api-controller.ts';
import { PagingController } from '../shared/controllers/paging-controller.ts';

/** What every opened day is filtered by; read from the host at each update. */
export interface DayFilters {
  q: string;
  kind: changeKind | null;
}

export class OpenDay {
  readonly date: string;
  readonly paging: PagingController;
  readonly task: ApiTask<readonly [string, changeKind | null, number, number], historyDayChanges>;
  /** Codes of the contracts whose details are shown. */
  readonly expanded = new Set<string>();

  constructor(
    host: ReactiveControllerHost,
    api: ApiController,
    date: string,
    filters: () => DayFilters,
    pageSize: number,
    onLoaded: (page: historyDayChanges) => void,
  ) {
    this.date = date;
    this.paging = new PagingController(host, pageSize);
    this.task = api.task({
      args: () => {
        const f = filters();
        return [f.q, f.kind, this.paging.offset, this.paging.limit] as const;
      },
      task: (client, [q, kind, offset, limit], signal) =>
        client.historyDay(date, { q: q || undefined, kind: kind ?? undefined, offset, limit }, signal),
      onComplete: (page) => {
        this.paging.setTotal(page.total);
        onLoaded(page);
      },
    });
  }
}

export interface OpenDaysOptions {
  filters: () => DayFilters;
  /** The changes of a day the user is waiting for have arrived (to be announced). */
  onArrived: (date: string, page: historyDayChanges) => void;
}

export class OpenDays {
  private readonly host: ReactiveControllerHost;
  private readonly api: ApiController;
  private readonly options: OpenDaysOptions;
  private readonly days = new Map<string, OpenDay>();
  /** Days whose changes the user asked for and has not heard about yet. */
  private readonly awaited = new Set<string>();
  private pageSize: number;

  constructor(host: ReactiveControllerHost, api: ApiController, pageSize: number, options: OpenDaysOptions) {
    this.host = host;
    this.api = api;
    this.pageSize = pageSize;
    this.options = options;
  }

  /** How many days are open. */
  get size(): number {
    return this.days.size;
  }

  get(date: string): OpenDay | undefined {
    return this.days.get(date);
  }

  /** Opens a day (fetching its changes); `announce` when the user opened it and waits to hear. */
  open(date: string, announce: boolean): OpenDay {
    if (announce) this.awaited.add(date);
    let day = this.days.get(date);
    if (!day) {
      day = new OpenDay(this.host, this.api, date, this.options.filters, this.pageSize, (page) => {
        if (this.awaited.delete(date)) this.options.onArrived(date, page);
      });
      this.days.set(date, day);
      this.host.requestUpdate();
    }
    return day;
  }

  close(date: string): void {
    this.awaited.delete(date);
    const day = this.days.get(date);
    if (!day) return;
    this.api.drop(day.task);
    this.host.removeController(day.paging);
    this.days.delete(date);
    this.host.requestUpdate();
  }

  /** Asks a failed day again, announcing its changes when they come. */
  retry(day: OpenDay): void {
    this.awaited.add(day.date);
    void day.task.run();
  }

  /** Days that left the list (another range or filter) close. */
  keepOnly(days: readonly historyDay[]): void {
    const kept = new Set(days.map((d) => d.date));
    for (const date of [...this.days.keys()]) if (!kept.has(date)) this.close(date);
  }

  /** A new search or kind: every opened day goes back to its first page. */
  firstPages(): void {
    for (const day of this.days.values()) day.paging.reset();
  }

  setPageSize(size: number): void {
    this.pageSize = size;
    for (const day of this.days.values()) day.paging.setLimit(size);
  }
}
