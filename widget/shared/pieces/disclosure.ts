/**
 * A disclosure button (WAI-ARIA disclosure pattern) as a render function, so its
 * `aria-controls` resolves inside the caller's shadow root (see data-table.ts). A native
 * <button>: Enter and Space toggle it without any key handling. The controlled region is the
 * caller's; keep it in the DOM with `hidden` so the reference always resolves.
 */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

export interface DisclosureOptions {
  open: boolean;
  /** Id of the region it shows/hides, in the same shadow root. */
  controls: string;
  /** Visible content; it is also the accessible name unless `label` is given. */
  content: unknown;
  label?: string;
  onToggle: (open: boolean) => void;
  part?: string;
  className?: string;
}

export function renderDisclosure(o: DisclosureOptions): TemplateResult {
  return html`<button
    type="button"
    class="disclosure ${o.className ?? ''}"
    part=${o.part ?? 'disclosure'}
    aria-expanded=${o.open ? 'true' : 'false'}
    aria-controls=${o.controls}
    aria-label=${ifDefined(o.label)}
    @click=${() => o.onToggle(!o.open)}
  >
    <span class="chevron" aria-hidden="true">▶</span>${o.content}
  </button>`;
}
