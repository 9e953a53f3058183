import type { CSSResult } from 'lit';

/**
 * A render piece fetched the first time it is needed. Some states most sessions never see (a run
 * in progress, a held run to approve) carry their own drawing; loading it on demand keeps it out
 * of the bundle a page loads before its first paint (`npm run size`). Until it arrives the caller
 * draws nothing in its place, and `onReady` asks for a new render.
 */
export class LazyPiece<M> {
  private module: M | null = null;
  private loading: Promise<M> | null = null;

  constructor(private readonly load: () => Promise<M>) {}

  /** The module once loaded; null meanwhile, `onReady` being called when it is there. */
  get(onReady: () => void): M | null {
    if (this.module) return this.module;
    this.loading ??= this.load().then((m) => {
      this.module = m;
      return m;
    });
    this.loading.then(onReady, () => {
      // A failed fetch (offline for a moment) is tried again at the next render.
      this.loading = null;
    });
    return null;
  }
}

/**
 * Adds a piece's own styles to the element's shadow root, once, after the element's (they may
 * build on its tokens and rules). A piece loaded on demand brings its styles with it, so the
 * first paint's stylesheet holds only what the first paint draws.
 */
export function adoptStyles(root: HTMLElement | DocumentFragment, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (!(root instanceof ShadowRoot) || !sheet || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
