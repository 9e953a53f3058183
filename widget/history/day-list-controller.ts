/**
 * The list of days of the Historique: its first page (following the date range, the search, the
 * kind and a deep-linked day) and the older pages appended by "load earlier days". Older pages
 * belong to the list they continue: a new first page (any other range, filter, deep link or
 * `api-base`) drops them, and a page asked for the old list is never appended to the new one.
 */
import { TaskStatus, initialState } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { changeKind, historyDay, historyDays } from '../../contract/api.ts';
import { isAbortError, type ApiClient } from '../shared/api-client.ts';
import type { ApiController, ApiTask } from '../shared/controllers/api-controller.ts';
import { addDays, isDay } from './format.ts';

/** Days per request of the list; "load earlier days" asks for as many again. */
const DAYS_PAGE = 30;
/** The server's cap on `limit` for GET /history, used to reach a deep-linked old day at once. */
const DAYS_MAX = 366;

export interface DayListQuery {
  /** The list is shown (not a contract's timeline): until then nothing is fetched. */
  wanted: boolean;
  from: string;
  to: string;
  q: string;
  kind: changeKind | null;
  /** A deep-linked day the list must reach. */
  date: string;
}

export interface DayListOptions {
  query: () => DayListQuery;
  /** A first page arrived: the list was replaced. */
  onList: (days: readonly historyDay[]) => void;
  /** An older page was appended (`added` may be empty: nothing older than what is shown). */
  onOlder: (added: readonly historyDay[]) => void;
}

type FirstArgs = readonly [boolean, string, string, string, changeKind | null, string];

export class DayListController implements ReactiveController {
  readonly first: ApiTask<FirstArgs, historyDays>;
  private readonly older: ApiTask<readonly [string | null, string, string, changeKind | null, number], { page: historyDays; list: number }>;
  private readonly options: DayListOptions;
  private readonly api: ApiController;
  /** Days appended after the first page, and where they end. */
  private olderDays: historyDay[] = [];
  /** `nextBefore` of the last older page; undefined until one is loaded. */
  private olderNextBefore: string | null | undefined = undefined;
  private olderFailure: unknown = null;
  /** Which first page the older pages continue; bumped when it is replaced. */
  private list = 0;
  private lastArgs: readonly unknown[] | null = null;

  constructor(host: ReactiveControllerHost, api: ApiController, options: DayListOptions) {
    this.options = options;
    this.api = api;
    host.addController(this);
    this.first = api.task({
      args: () => this.firstArgs(),
      task: (client, args, signal) => (args[0] ? firstPage(client, args, signal) : Promise.resolve(initialState)),
      onComplete: (page) => options.onList(page.days),
    });
    this.older = api.task({
      autoRun: false,
      args: () => {
        const q = options.query();
        return [this.nextBefore, q.from, q.q, q.kind, this.list] as const;
      },
      task: async (client, [before, from, q, kind, list], signal) => {
        if (!before) return initialState;
        const page = await client.history({ limit: DAYS_PAGE, before, ...filter(from, q, kind) }, signal);
        return { page, list };
      },
      onComplete: ({ page, list }) => {
        if (list !== this.list || this.first.status !== TaskStatus.COMPLETE) return;
        // Newest first and each date once: only days older than the last one shown are appended.
        const last = this.days.at(-1)?.date;
        const added = last ? page.days.filter((d) => d.date < last) : page.days;
        this.olderDays = [...this.olderDays, ...added];
        this.olderNextBefore = page.nextBefore;
        this.olderFailure = null;
        options.onOlder(added);
      },
      onError: (error) => {
        if (!isAbortError(error)) this.olderFailure = error;
      },
    });
  }

  /** The days drawn: the first page, then the older pages. */
  get days(): historyDay[] {
    const page = this.first.value;
    return page ? [...page.days, ...this.olderDays] : [];
  }

  /**
   * Where "load earlier days" carries on; null while the first page is loading, so a click can
   * never continue the previous list into the new one.
   */
  get nextBefore(): string | null {
    if (this.first.status !== TaskStatus.COMPLETE) return null;
    if (this.olderNextBefore !== undefined) return this.olderNextBefore;
    return this.first.value?.nextBefore ?? null;
  }

  get loadingOlder(): boolean {
    return this.older.status === TaskStatus.PENDING;
  }

  /** Why the last "load earlier days" failed, until it is asked again. */
  get olderError(): unknown {
    return this.olderFailure;
  }

  hostUpdate(): void {
    // A new first page is coming (its arguments changed): the older pages go with the old one.
    const args = [this.api.client, ...this.firstArgs()];
    if (this.lastArgs?.some((a, i) => a !== args[i])) this.dropOlder();
    this.lastArgs = args;
  }

  loadOlder(): void {
    if (this.loadingOlder || !this.nextBefore) return;
    this.olderFailure = null;
    void this.older.run();
  }

  /** Asks the first page again (after a failure), from scratch. */
  retry(): void {
    this.dropOlder();
    void this.first.run();
  }

  private firstArgs(): FirstArgs {
    const q = this.options.query();
    return [q.wanted, q.from, q.to, q.q, q.kind, q.date];
  }

  private dropOlder(): void {
    this.list += 1;
    this.older.abort();
    this.olderDays = [];
    this.olderNextBefore = undefined;
    this.olderFailure = null;
  }
}

function filter(from: string, q: string, kind: changeKind | null) {
  return { from: from || undefined, q: q || undefined, kind: kind ?? undefined };
}

/** The first page; a deep link to an older day fetches every day down to it, so the list stays contiguous. */
async function firstPage(client: ApiClient, [, from, to, q, kind, date]: FirstArgs, signal: AbortSignal): Promise<historyDays> {
  const before = to ? addDays(to, 1) : undefined;
  const page = await client.history({ limit: DAYS_PAGE, before, ...filter(from, q, kind) }, signal);
  const oldest = page.days.at(-1)?.date;
  const reachable = isDay(date) && (!from || date >= from) && (!to || date <= to);
  if (!reachable || !page.nextBefore || !oldest || date >= oldest) return page;
  // "Load earlier days" then carries on from there.
  const more = await client.history({ limit: DAYS_MAX, before: page.nextBefore, ...filter(date, q, kind) }, signal);
  const days = [...page.days, ...more.days];
  return { days, nextBefore: more.nextBefore ?? days[days.length - 1].date };
}
