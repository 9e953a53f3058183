import { css } from 'lit';

/** A failed run's styles travel with it (a <style> in the shadow root while it is drawn), not in the first paint's theme. */
export const styles = css`
  .status .alert {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--erp-sync-spacing);
    margin: 0;
  }

  .status .failure {
    flex-direction: column;
    align-items: flex-start;
    gap: 0.25rem;
  }

  .status .failure p {
    margin: 0;
  }

  .status pre.technical {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-size: var(--erp-sync-font-size-small);
    color: var(--erp-sync-color-text);
  }
`;
