import { css } from 'lit';

/** Layout of <erp-sync-data>; colors and spacing come from the shared --erp-sync-* tokens. */
export const styles = css`
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--erp-sync-spacing);
  }

  .section-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--erp-sync-spacing);
    margin: var(--erp-sync-spacing) 0 calc(var(--erp-sync-spacing) / 2);
  }

  section.contracts h2 {
    font-size: 1.0625rem;
    margin: 0;
  }

  .detail-actions {
    margin: var(--erp-sync-spacing) 0 0;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--erp-sync-spacing);
  }

  /* Always in the layout, shown only while loading: no shift when it appears. */
  .busy {
    font-size: var(--erp-sync-font-size-small);
    color: var(--erp-sync-color-muted);
    visibility: hidden;
  }

  .busy.active {
    visibility: visible;
  }
`;
