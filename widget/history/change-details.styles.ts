/**
 * Styles of what <erp-sync-history> draws on demand: an opened day's contracts, a change's
 * details (the field / old value / new value table) and a contract's timeline. They come with
 * those pieces (change-details.ts) and are adopted by the element's shadow root when first
 * drawn (adoptPieceStyles), after the element's own styles.
 */
import { css } from 'lit';

export const changesStyles = css`
  :host {
    --erp-sync-color-inserted: color-mix(in srgb, var(--erp-sync-color-success) 16%, var(--erp-sync-color-surface));
    --erp-sync-color-deleted: color-mix(in srgb, var(--erp-sync-color-danger) 14%, var(--erp-sync-color-surface));
  }

  button.disclosure.contract-toggle {
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

  .contracts {
    border-inline-start: 2px solid var(--erp-sync-color-border);
  }

  .contracts[aria-busy='true'] {
    opacity: 0.6;
  }

  .contract {
    padding: 0.25rem 0 0.25rem calc(var(--erp-sync-spacing) / 2);
  }

  .contract .formation,
  .contract .code {
    font-weight: 400;
  }

  .contract-detail {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--erp-sync-spacing) / 2);
    margin: 0.25rem 0 0.5rem 1.5rem;
    padding: calc(var(--erp-sync-spacing) / 2) var(--erp-sync-spacing);
    background: var(--erp-sync-color-surface-alt);
    border-radius: var(--erp-sync-radius);
  }

  .contract-detail[hidden] {
    display: none;
  }

  .change {
    display: flex;
    flex-direction: column;
    gap: 0.35rem;
    width: 100%;
  }

  .change-meta {
    margin: 0;
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
  }

  .reasons-title {
    margin: 0;
    font-weight: 600;
  }

  table.diff {
    width: auto;
    min-width: 60%;
    background: var(--erp-sync-color-surface);
    border: 1px solid var(--erp-sync-color-border);
  }

  /* Long codes and emails break anywhere: a diff never makes the page wider than a phone. */
  table.diff td {
    overflow-wrap: anywhere;
  }

  table.diff th {
    overflow-wrap: break-word;
  }

  table.diff thead th {
    white-space: normal;
  }

  /* On a phone: less padding, the detail less indented, so the three columns fit. */
  @media (max-width: 600px) {
    table.diff :is(th, td) {
      padding: 0.25rem 0.4rem;
    }

    /* Each changed field on its own line, its old and new values side by side below it. */
    table.diff,
    table.diff > :is(thead, tbody) {
      display: block;
    }

    table.diff tr {
      display: grid;
      grid-template-columns: 1fr 1fr;
    }

    table.diff tr > th:first-child {
      grid-column: 1 / -1;
    }

    table.diff thead tr > th:first-child {
      display: none;
    }

    .contract-detail {
      margin-inline-start: 0;
    }
  }

  table.diff tbody th {
    font-weight: 400;
    color: var(--erp-sync-color-muted);
  }

  del,
  ins {
    text-decoration-thickness: 1px;
    padding: 0 0.2rem;
    border-radius: 0.2rem;
    overflow-wrap: anywhere;
  }

  del {
    background: var(--erp-sync-color-deleted);
    text-decoration-line: line-through;
  }

  ins {
    background: var(--erp-sync-color-inserted);
    text-decoration: none;
    font-weight: 600;
  }

  /* ---- timeline ---- */
  .timeline-view {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--erp-sync-spacing);
  }

  .timeline {
    display: flex;
    flex-direction: column;
    gap: var(--erp-sync-spacing);
    width: 100%;
  }

  .timeline-entry {
    display: flex;
    flex-direction: column;
    gap: 0.35rem;
    padding-inline-start: var(--erp-sync-spacing);
    border-inline-start: 2px solid var(--erp-sync-color-border);
  }

  /* The contract's name, formation, badges and code: one box that wraps on a narrow screen. */
  .toggle-label {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.5rem;
    min-width: 0;
  }
`;
