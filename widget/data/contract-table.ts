/**
 * One table of <erp-sync-data> ("Contrats intégrés" or "Contrats non intégrés"): its page of
 * contracts fetched from the admin API (search, reason, sort and page server-side), its pager,
 * its sort and its opened rows. The element holds two, and draws them with contract-section.ts.
 */
import type { ReactiveControllerHost } from 'lit';
import type { contractList, contractSort } from '../../contract/api.ts';
import type { reasonCode } from '../../contract/reasons.ts';
import type { contractsParams } from '../shared/api-client.ts';
import type { ApiController, ApiTask } from '../shared/controllers/api-controller.ts';
import { PagingController } from '../shared/controllers/paging-controller.ts';
import { nextSort, type SortState } from '../shared/pieces/data-table.ts';
import { ColumnChoice } from './column-choice.ts';

export type TableName = 'integrated' | 'rejected';

export interface ContractTableOptions {
  /** The committed search, shared by both tables. */
  query: () => string;
  /** The reason filter (the non-integrated table only). */
  reason: () => reasonCode | null;
  /** Bumped by the element to fetch everything again. */
  generation: () => number;
  pageSize: number;
  onLoaded: (list: contractList) => void;
}

type Args = readonly [string, reasonCode | null, number, number, SortState | null, number];

export class ContractTable {
  readonly name: TableName;
  readonly paging: PagingController;
  /** The columns the admin chose to see (remembered per browser). */
  readonly columns: ColumnChoice;
  readonly task: ApiTask<Args, contractList>;
  /** The server's default order (learner, A to Z), said by `aria-sort` from the start. */
  sort: SortState | null = { key: 'learner', order: 'asc' };
  /** The search the shown list answers (a newer one may be on its way). */
  loadedQuery = '';
  /** Keys of the opened rows. */
  expanded: ReadonlySet<string> = new Set();

  private readonly host: ReactiveControllerHost;
  private readonly options: ContractTableOptions;

  constructor(host: ReactiveControllerHost, api: ApiController, name: TableName, options: ContractTableOptions) {
    this.host = host;
    this.name = name;
    this.options = options;
    this.paging = new PagingController(host, options.pageSize);
    this.columns = new ColumnChoice(host, name);
    this.task = api.task({
      args: (): Args => [options.query(), options.reason(), this.paging.offset, this.paging.limit, this.sort, options.generation()],
      task: (client, [q, reason, offset, limit, sort], signal) =>
        client.contracts({ ...this.filters(q, reason, sort), offset, limit }, signal),
      onComplete: (list) => {
        // Only the latest run completes: the current search is the one this list answers.
        this.loadedQuery = options.query();
        this.paging.setTotal(list.total);
        options.onLoaded(list);
      },
    });
  }

  /** What the table shows, without paging: the CSV export asks for the same. */
  get params(): contractsParams {
    return this.filters(this.options.query(), this.options.reason(), this.sort);
  }

  sortBy(key: string): void {
    this.sort = nextSort(this.sort, key);
    this.paging.reset();
    this.host.requestUpdate();
  }

  toggle(key: string, open: boolean): void {
    const next = new Set(this.expanded);
    if (open) next.add(key);
    else next.delete(key);
    this.expanded = next;
    this.host.requestUpdate();
  }

  private filters(q: string, reason: reasonCode | null, sort: SortState | null): contractsParams {
    return { status: this.name, q, reason: reason ?? undefined, sort: sort?.key as contractSort | undefined, order: sort?.order };
  }
}
