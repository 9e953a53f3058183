import { css } from 'lit';

/** A running run's styles travel with it (a <style> in the shadow root while it is drawn), not in the first paint's theme. */
export const styles = css`
  .status .run-progress {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--erp-sync-spacing) / 2) var(--erp-sync-spacing);
  }

  .status .run-progress p {
    margin: 0;
  }

  .status .run-progress .hint {
    flex-basis: 100%;
    color: var(--erp-sync-color-muted);
  }

  .status .run-progress .bar {
    flex: 1 1 12rem;
    height: 0.5rem;
    overflow: hidden;
    border: 1px solid var(--erp-sync-color-input-border);
    border-radius: var(--erp-sync-radius);
    background: var(--erp-sync-color-surface-alt);
  }

  .status .run-progress .fill {
    display: block;
    height: 100%;
    background: var(--erp-sync-color-accent);
  }
`;
