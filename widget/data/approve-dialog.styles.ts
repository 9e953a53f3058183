import { css } from 'lit';

/** The approval dialog and a held run's notice (loaded with them, see approval.ts): the dialog as wide as the screen allows, its list scrolling inside. */
export const approveDialogStyles = css`
  /* A held run's notice in the status header (drawn by this module too). */
  .status .alert {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--erp-sync-spacing);
    margin: 0;
  }

  /* The approval dialog: as wide as the screen allows, its list scrolling inside it. */
  dialog.approve-dialog {
    box-sizing: border-box;
    width: min(56rem, calc(100vw - 2 * var(--erp-sync-spacing)));
    max-height: calc(100vh - 4 * var(--erp-sync-spacing));
    padding: calc(var(--erp-sync-spacing) * 1.5);
    border: 1px solid var(--erp-sync-color-border);
    border-radius: var(--erp-sync-radius);
    background: var(--erp-sync-color-surface);
    color: var(--erp-sync-color-text);
    color-scheme: var(--erp-sync-color-scheme);
    font-family: var(--erp-sync-font-family);
    font-size: var(--erp-sync-font-size);
  }

  dialog.approve-dialog::backdrop {
    background: rgb(0 0 0 / 45%);
  }

  dialog.approve-dialog h2 {
    font-size: 1.125rem;
    margin: 0 0 var(--erp-sync-spacing);
  }

  dialog.approve-dialog h3 {
    font-size: 1rem;
    margin: var(--erp-sync-spacing) 0 calc(var(--erp-sync-spacing) / 2);
  }

  .field-updates {
    margin: 0 0 var(--erp-sync-spacing);
    padding-inline-start: 1.25rem;
  }

  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--erp-sync-spacing);
    margin-top: var(--erp-sync-spacing);
  }
`;
