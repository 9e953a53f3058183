import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * One polite live region per element, always in the DOM (a region added later is not reliably
 * heard): `announce()` changes its text when a result the user asked for has arrived, never
 * while loading. The host draws it with `render()`.
 */
export class LiveRegionController implements ReactiveController {
  /** What the region says now. */
  text = '';

  private readonly host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to set up; the region is drawn by render().
  }

  announce(text: string): void {
    this.text = text;
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    return html`<div class="visually-hidden" part="announcer" role="status" aria-live="polite" aria-atomic="true" data-announcer>${this.text}</div>`;
  }
}
