/**
 * One opened day of the Historique: its own @lit/task (the day's changes, fetched only once
 * the day is opened), its own pager and the contracts expanded in it. Created when the user
 * opens the day and disposed when they close it, so a closed day never fetches anything, even
 * when the search or the kind filter changes.
 */
import { Task, initialState } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { changeKind, historyDayChanges } from '../../contract/index.ts';
import type { ApiClient } from '../shared/api-client.ts';
import { PagingController } from '../shared/controllers/paging-controller.ts';

/** What every opened day is filtered by; read from the host at each update. */
export interface DayFilters {
  /** Null until the host has a token: nothing is fetched then. */
  client: ApiClient | null;
  q: string;
  kind: changeKind | null;
}

export class OpenDay {
  readonly date: string;
  readonly paging: PagingController;
  readonly task: Task<readonly [ApiClient | null, string, changeKind | null, number, number], historyDayChanges>;
  /** Codes of the contracts whose details are shown. */
  readonly expanded = new Set<string>();

  private readonly host: ReactiveControllerHost;

  constructor(
    host: ReactiveControllerHost,
    date: string,
    filters: () => DayFilters,
    pageSize: number,
    onError: (error: unknown) => void,
    onComplete?: (page: historyDayChanges) => void,
  ) {
    this.host = host;
    this.date = date;
    this.paging = new PagingController(host, pageSize);
    this.task = new Task(host, {
      args: () => {
        const f = filters();
        return [f.client, f.q, f.kind, this.paging.offset, this.paging.limit] as const;
      },
      task: async ([client, q, kind, offset, limit], { signal }) => {
        if (!client) return initialState;
        const page = await client.historyDay(date, { q: q || undefined, kind: kind ?? undefined, offset, limit }, signal);
        this.paging.setTotal(page.total);
        return page;
      },
      onComplete,
      onError,
    });
  }

  /** Stops a pending request and detaches both controllers from the host. */
  dispose(): void {
    this.task.abort();
    this.host.removeController(this.task);
    this.host.removeController(this.paging);
  }
}
