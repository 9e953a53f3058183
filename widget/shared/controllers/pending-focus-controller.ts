import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Moves the focus after the user's own actions, once its target is drawn: when the control that
 * had it goes away (a retry button, a notice, a view), a stable target takes it rather than
 * <body>. Never used for property sets by the host page (that would steal the page's focus).
 */
export class PendingFocusController implements ReactiveController {
  private find: (() => HTMLElement | null | undefined) | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Focuses what `find` returns after the next update that draws it (replacing an earlier request). */
  focus(find: () => HTMLElement | null | undefined): void {
    this.find = find;
  }

  hostUpdated(): void {
    const target = this.find?.();
    if (!target) return;
    this.find = null;
    target.focus();
  }
}
