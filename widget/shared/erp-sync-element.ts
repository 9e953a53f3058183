import { LitElement, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import { PAGE_DEFAULT, PAGE_MAX } from '../../contract/constants.ts';
import { DEFAULT_API_BASE, type TokenSource } from './api-client.ts';
import { ApiController } from './controllers/api-controller.ts';
import { LiveRegionController } from './controllers/live-region-controller.ts';
import { PendingFocusController } from './controllers/pending-focus-controller.ts';
import { french, loadLocalizer, localizerFor, type Localizer } from './i18n/localize.ts';
import { pieceStyles, themeStyles } from './theme.styles.ts';

/**
 * What every ERP sync element shares (Shoelace's ShoelaceElement): the theme and the pieces'
 * styles, the four properties a host sets and what is behind them: the API (client per
 * `api-base`, token rotation, one 401 retry, `erp-sync-error`), the language (English loaded on
 * demand), one polite live region, and focus kept on a stable target after the user's actions.
 * Subclasses add their own styles after these and their own state.
 */
export class ErpSyncElement extends LitElement {
  static override styles: CSSResultGroup = [themeStyles, pieceStyles];
  // Declared here rather than with decorators: the same for Lit, and the bundle carries no decorator code.
  static override properties: PropertyDeclarations = {
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
    token: { attribute: false },
    pageSize: { type: Number, attribute: 'page-size' },
  };

  protected readonly api = new ApiController(this);
  protected readonly liveRegion = new LiveRegionController(this);
  protected readonly pendingFocus = new PendingFocusController(this);

  /** Base URL of the admin API (`/api/erp-sync` by default); another origin needs CORS on the server. */
  apiBase: string = DEFAULT_API_BASE;

  /** Language of the texts, dates and numbers: `fr` (default) or `en` (fetched when first shown); anything else is French. */
  override lang = 'fr';

  /**
   * The admin's bearer token, or a function returning one (called once, again after a 401).
   * Nothing is requested while it is unset or `''`; a new value is used from the next request
   * on, reloading nothing. Not an attribute: it is a secret.
   */
  token: TokenSource | undefined = undefined;

  /** Rows per page of each list: 50 by default, 1–500 (the API's bound); only this many are ever requested at once. */
  pageSize: number = PAGE_DEFAULT;

  /** `page-size` kept within what the API accepts, so a typo cannot turn every list into an error. */
  protected get pageLimit(): number {
    const n = Math.trunc(this.pageSize);
    return Number.isFinite(n) ? Math.min(Math.max(n, 1), PAGE_MAX) : PAGE_DEFAULT;
  }

  /** The texts, dates and numbers of `lang`. */
  protected get loc(): Localizer {
    return localizerFor(this.lang) ?? french;
  }

  /**
   * An update waits for its language: English is fetched the first time it is asked for, and
   * nothing is drawn (or fetched) in the wrong language meanwhile. `updateComplete` includes the
   * wait. A language whose file cannot be fetched is shown in French.
   */
  protected override async scheduleUpdate(): Promise<unknown> {
    if (!localizerFor(this.lang)) await loadLocalizer(this.lang).catch(() => undefined);
    return super.scheduleUpdate();
  }
}
