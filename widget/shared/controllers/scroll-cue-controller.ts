import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** An element whose rendered DOM holds the scroll wrappers (a LitElement). */
export interface ScrollCueHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * Marks each horizontally scrolling table wrapper (`.table-wrap`) of the host with `data-more`
 * while columns are out of sight to its right, and `data-scrolled` once scrolled from the start,
 * so CSS can show a visible cue (a shadow on the sticky column, a hint under the table). Kept up
 * to date on scroll and resize; attributes Lit does not own, so renders leave them alone.
 */
export class ScrollCueController implements ReactiveController {
  private readonly host: ScrollCueHost;
  private tracked = new WeakSet<HTMLElement>();
  private readonly resize = typeof ResizeObserver === 'function' ? new ResizeObserver((entries) => this.mark(entries)) : null;

  constructor(host: ScrollCueHost) {
    this.host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    for (const wrap of this.host.renderRoot.querySelectorAll<HTMLElement>('.table-wrap')) {
      if (!this.tracked.has(wrap)) {
        this.tracked.add(wrap);
        wrap.addEventListener('scroll', () => ScrollCueController.update(wrap), { passive: true });
        this.resize?.observe(wrap);
        const table = wrap.querySelector('table');
        if (table) this.resize?.observe(table);
      }
      ScrollCueController.update(wrap);
    }
  }

  hostDisconnected(): void {
    this.resize?.disconnect();
    // Observed again once reconnected.
    this.tracked = new WeakSet();
  }

  private mark(entries: readonly ResizeObserverEntry[]): void {
    for (const entry of entries) {
      const wrap = (entry.target as HTMLElement).closest<HTMLElement>('.table-wrap');
      if (wrap) ScrollCueController.update(wrap);
    }
  }

  private static update(wrap: HTMLElement): void {
    // One pixel of slack: zoom levels leave fractions.
    wrap.toggleAttribute('data-more', wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1);
    wrap.toggleAttribute('data-scrolled', wrap.scrollLeft > 0);
  }
}
