import { css } from 'lit';

/** Layout of <erp-sync-data>; colors and spacing come from the shared --erp-sync-* tokens. */
export const styles = css`
  /* A container: the tables turn into cards by the widget's own width, not the page's. */
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--erp-sync-spacing);
    container: erp-sync-data / inline-size;
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


  .search-summary {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    align-items: baseline;
  }

  /* ---- wide tables: the disclosure and learner columns stay while the rest scrolls sideways ---- */
  section.contracts tr > :first-child {
    box-sizing: border-box;
    width: 3rem;
    min-width: 3rem;
  }

  section.contracts thead th:is(:first-child, :nth-child(2)),
  section.contracts tr[part='row'] > :is(:first-child, th[scope='row']) {
    position: sticky;
    z-index: 1;
    background: var(--erp-sync-color-surface);
  }

  section.contracts thead th:is(:first-child, :nth-child(2)) {
    background: var(--erp-sync-color-surface-alt);
  }

  section.contracts thead th:first-child,
  section.contracts tr[part='row'] > :first-child {
    left: 0;
  }

  section.contracts thead th:nth-child(2),
  section.contracts tr[part='row'] > th[scope='row'] {
    left: 3rem;
    min-width: 9rem;
  }

  /* The cue: once scrolled, a shadow marks the edge the other columns slide under. */
  .table-wrap[data-scrolled] :is(thead th:nth-child(2), tr[part='row'] > th[scope='row']) {
    box-shadow: 6px 0 6px -4px rgb(0 0 0 / 35%);
  }

  /* And while columns are out of sight to the right, a shadow there and words under the table. */
  .table-wrap[data-more] {
    box-shadow: inset -10px 0 8px -8px rgb(0 0 0 / 35%);
  }

  .more-columns {
    display: none;
    margin: 0.25rem 0 0;
    font-size: var(--erp-sync-font-size-small);
    color: var(--erp-sync-color-muted);
  }

  .table-wrap[data-more] + .more-columns {
    display: block;
  }

  /* ---- column chooser ---- */
  .column-chooser {
    position: relative;
    margin-inline-start: auto;
  }

  fieldset.columns {
    position: absolute;
    inset-inline-end: 0;
    z-index: 2;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 14rem;
    margin: 0.25rem 0 0;
    padding: calc(var(--erp-sync-spacing) / 2) var(--erp-sync-spacing);
    border: 1px solid var(--erp-sync-color-border);
    border-radius: var(--erp-sync-radius);
    background: var(--erp-sync-color-surface);
  }

  fieldset.columns[hidden] {
    display: none;
  }

  fieldset.columns label {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }

  /* ---- narrow widget (a phone): each row is a card with the learner, formation, company, reasons ---- */
  @container erp-sync-data (max-width: 600px) {
    section.contracts .table-wrap {
      overflow-x: visible;
      border: none;
    }

    section.contracts table,
    section.contracts table > tbody,
    section.contracts caption {
      display: block;
    }

    section.contracts thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }

    section.contracts tr[part='row'] {
      display: grid;
      grid-template-columns: 3rem 1fr;
      margin-top: calc(var(--erp-sync-spacing) / 2);
      border: 1px solid var(--erp-sync-color-border);
      border-radius: var(--erp-sync-radius);
    }

    section.contracts tr[part='row'] > :is(td, th) {
      position: static;
      border: none;
      min-width: 0;
      overflow-wrap: anywhere;
    }

    section.contracts tr[part='row'] > :first-child {
      grid-row: 1 / span 10;
      width: auto;
      min-width: 0;
    }

    section.contracts tr[part='row'] > td:not(.card-field, :first-child) {
      display: none;
    }

    section.contracts tr[part='row'] > td.card-field::before {
      content: attr(data-label);
      color: var(--erp-sync-color-muted);
    }

    section.contracts tr.detail {
      display: block;
    }

    section.contracts tr.detail[hidden] {
      display: none;
    }

    section.contracts tr.detail > td {
      display: block;
    }

    .more-columns,
    .column-chooser {
      display: none !important;
    }

    dl.fields {
      grid-template-columns: 1fr;
    }
  }
`;
