import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface SearchControllerOptions {
  /** Quiet time before a typed value is committed, in ms (300 by default). */
  delay?: number;
  /** Called once a new query is committed (e.g. to go back to page 1). */
  onCommit?: (query: string) => void;
}

/**
 * Debounced search: `value` follows the input at every keystroke, `query` (what tasks should
 * use as an argument) changes only after `delay` ms without typing, or at once on `commit()`.
 * The committed query is trimmed, so "  " and "" are the same search.
 *
 * ```ts
 * private search = new SearchController(this, { onCommit: () => this.paging.reset() });
 * // input: @input=${(e) => this.search.set(e.target.value)}; task args: [this.search.query]
 * ```
 */
export class SearchController implements ReactiveController {
  /** What the user typed, for the input's value. */
  value = '';
  /** The committed, trimmed query. */
  query = '';

  private readonly host: ReactiveControllerHost;
  private readonly delay: number;
  private readonly onCommit?: (query: string) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, options: SearchControllerOptions = {}) {
    this.host = host;
    this.delay = options.delay ?? 300;
    this.onCommit = options.onCommit;
    host.addController(this);
  }

  hostDisconnected(): void {
    // A pending commit after removal would request updates on a detached element.
    this.cancel();
  }

  /** Records a keystroke and (re)starts the debounce timer. */
  set(value: string): void {
    this.value = value;
    this.cancel();
    this.timer = setTimeout(() => this.commit(), this.delay);
  }

  /** Commits the typed value now (Enter key, search button, clearing the field). */
  commit(): void {
    this.cancel();
    const query = this.value.trim();
    if (query === this.query) return;
    this.query = query;
    this.onCommit?.(query);
    this.host.requestUpdate();
  }

  /** Sets both value and query at once, without debounce (e.g. restoring a saved search). */
  reset(value = ''): void {
    this.value = value;
    this.commit();
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
