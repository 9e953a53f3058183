import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Offset paging for server-side lists: use `offset`/`limit` as task arguments, feed `total`
 * back from each response with `setTotal`. Every change requests a host update.
 *
 * ```ts
 * private paging = new PagingController(this, 50);
 * // task args: [this.paging.offset, this.paging.limit]; on complete: this.paging.setTotal(list.total)
 * ```
 */
export class PagingController implements ReactiveController {
  offset = 0;
  limit: number;
  total = 0;

  private readonly host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost, limit = 50) {
    this.host = host;
    this.limit = limit;
    host.addController(this);
  }

  hostConnected(): void {
    // No setup needed; at least one hook must exist for TypeScript's weak-type check.
  }

  get hasPrevious(): boolean {
    return this.offset > 0;
  }

  get hasNext(): boolean {
    return this.offset + this.limit < this.total;
  }

  next(): void {
    if (this.hasNext) this.setOffset(this.offset + this.limit);
  }

  previous(): void {
    if (this.hasPrevious) this.setOffset(Math.max(0, this.offset - this.limit));
  }

  /** Back to the first page (new search, filter or sort). */
  reset(): void {
    this.setOffset(0);
  }

  setLimit(limit: number): void {
    if (limit === this.limit) return;
    this.limit = limit;
    this.offset = 0;
    this.host.requestUpdate();
  }

  /** Records the server's total; a page past the end (rows removed since) goes back to the last one. */
  setTotal(total: number): void {
    if (total === this.total) return;
    this.total = total;
    if (this.offset >= total && total > 0) this.offset = Math.floor((total - 1) / this.limit) * this.limit;
    this.host.requestUpdate();
  }

  private setOffset(offset: number): void {
    if (offset === this.offset) return;
    this.offset = offset;
    this.host.requestUpdate();
  }
}
