/**
 * Styles of <erp-sync-history>, after the shared themeStyles and pieceStyles. What only some
 * states draw is styled by the pieces that draw it, adopted when they arrive: the trend chart's
 * series (trend.styles.ts), an opened day's changes and a contract's timeline
 * (change-details.styles.ts). The tokens those add (diff and chart colours) are declared there on
 * :host with defaults derived from the shared ones (color-mix over the surface), so a dark theme
 * that only sets the shared tokens still gets readable diffs.
 */
import { css } from 'lit';

export const historyStyles = css`
  .history {
    display: flex;
    flex-direction: column;
    gap: var(--erp-sync-spacing);
  }

  h2.heading {
    margin: 0;
    font-size: 1.125rem;
  }

  h3,
  h4 {
    margin: 0;
    font-size: inherit;
  }

  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  /* ---- trend ---- */
  .trend {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--erp-sync-spacing) / 2) calc(var(--erp-sync-spacing) * 2);
    padding: calc(var(--erp-sync-spacing) / 2) var(--erp-sync-spacing);
    border: 1px solid var(--erp-sync-color-border);
    border-radius: var(--erp-sync-radius);
  }

  .trend p {
    margin: 0;
  }

  /* ---- filters ---- */
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0 calc(var(--erp-sync-spacing) * 2);
  }

  .filters .search {
    flex: 1 1 18rem;
  }

  fieldset.date-range {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: calc(var(--erp-sync-spacing) / 2);
    border: none;
    padding: 0;
    margin: 0 0 var(--erp-sync-spacing);
  }

  fieldset.date-range legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: 0.25rem;
  }

  fieldset.date-range label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }

  fieldset.date-range p {
    flex-basis: 100%;
    margin: 0;
  }

  /* ---- days ---- */
  .days {
    display: flex;
    flex-direction: column;
    border: 1px solid var(--erp-sync-color-border);
    border-radius: var(--erp-sync-radius);
  }


  .day + .day {
    border-top: 1px solid var(--erp-sync-color-border);
  }

  .day-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--erp-sync-spacing) / 2) var(--erp-sync-spacing);
    padding: calc(var(--erp-sync-spacing) / 2) var(--erp-sync-spacing);
  }

  .day-title {
    flex: 0 0 17rem;
  }

  button.disclosure.day-toggle {
    display: inline-flex;
    max-width: 100%;
    min-width: 0;
    /* the chevron stays beside the label; the label itself may wrap */
    flex-wrap: nowrap;
    align-items: baseline;
    gap: 0.25rem 0.5rem;
    text-align: start;
    font-weight: 600;
  }

  .runs,
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin: 0;
    font-size: var(--erp-sync-font-size-small);
  }

  .runs li {
    color: var(--erp-sync-color-muted);
  }

  .runs li.danger {
    color: var(--erp-sync-color-danger);
  }

  .runs li.warning {
    color: var(--erp-sync-color-warning);
  }

  .badges {
    margin-inline-start: auto;
  }

  .badge,
  .kind {
    display: inline-block;
    padding: 0 0.5rem;
    border-radius: 999px;
    border: 1px solid var(--erp-sync-color-border);
    background: var(--erp-sync-color-surface-alt);
    font-size: var(--erp-sync-font-size-small);
    font-weight: 400;
    white-space: nowrap;
  }

  .kind-added,
  .kind-fixed {
    border-color: var(--erp-sync-color-success);
    color: var(--erp-sync-color-success);
  }

  .kind-rejected {
    border-color: var(--erp-sync-color-danger);
    color: var(--erp-sync-color-danger);
  }

  .kind-archived {
    border-color: var(--erp-sync-color-warning);
    color: var(--erp-sync-color-warning);
  }

  .kind-updated {
    border-color: var(--erp-sync-color-accent);
    color: var(--erp-sync-color-accent);
  }

  .day-panel {
    padding: 0 var(--erp-sync-spacing) var(--erp-sync-spacing) calc(var(--erp-sync-spacing) * 2);
  }

  .days[aria-busy='true'] {
    opacity: 0.6;
  }



  .older {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: calc(var(--erp-sync-spacing) / 2);
  }

  .notice {
    margin: 0;
    color: var(--erp-sync-color-warning);
  }

  p.state {
    margin: 0;
  }


  .toggle-label > *,
  .contract-detail {
    overflow-wrap: anywhere;
    min-width: 0;
  }
`;
