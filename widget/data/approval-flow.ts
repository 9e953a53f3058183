/**
 * What happens around the approval dialog, loaded with it (approval.ts): opening it on a held
 * run, confirming (the API call, its failure said inside the dialog, the announcement once
 * applied) and closing it without approving. <erp-sync-data> keeps only what it must: loading
 * this module, its events, its focus targets and refreshing its data.
 */
import type { runSummary } from '../../contract/api.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import { APPROVE_DIALOG_TITLE_ID, approvalWords } from './approve-dialog.ts';
import type { HeldPreview } from './held-preview.ts';

/** What the flow needs of the element. */
export interface ApprovalHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  readonly loc: Localizer;
  requestUpdate(): void;
  /** POST /runs/:id/approve (a failure is also reported as `erp-sync-error` by the element). */
  approveRun(runId: string): Promise<unknown>;
  announce(text: string): void;
  /** The run was approved: the element's event, `said` announced, its focus, its data fetched again. */
  approved(runId: string, said: string): void;
}

const dialogOf = (host: ApprovalHost) => host.renderRoot.querySelector<HTMLDialogElement>('dialog.approve-dialog');

/** Opens the dialog on a held run, its title focused: a screen reader hears what is being decided first. */
export async function openApproval(host: ApprovalHost, preview: HeldPreview, run: runSummary): Promise<void> {
  preview.open(run);
  await host.updateComplete;
  const dialog = dialogOf(host);
  // The element may have left the page while the dialog's module was on its way.
  if (!dialog || dialog.open || !dialog.isConnected) return;
  dialog.showModal();
  host.renderRoot.querySelector<HTMLElement>(`[id="${APPROVE_DIALOG_TITLE_ID}"]`)?.focus();
}

/** "Confirmer l’approbation": approves, or says inside the dialog why it failed (the admin may retry or cancel). */
export async function confirmApproval(host: ApprovalHost, preview: HeldPreview): Promise<void> {
  const run = preview.run;
  if (!run || preview.confirming) return;
  preview.confirming = true;
  preview.error = '';
  host.requestUpdate();
  try {
    await host.approveRun(run.id);
  } catch (error) {
    preview.confirming = false;
    preview.error = host.loc.t.actionFailed(host.loc.error(error));
    host.requestUpdate();
    return;
  }
  const archived = preview.totals.get('archive') ?? run.held?.wouldArchive ?? 0;
  // Closed as approved: the close handler sees no run under review and says nothing more.
  preview.close();
  dialogOf(host)?.close();
  const words = approvalWords(host.loc);
  host.approved(run.id, words.approved(host.loc.count(archived, words.archivedContracts)));
}

/** The dialog closed without approving (Cancel or Escape): back to "Approuver", nothing changed. */
export function approvalClosed(host: ApprovalHost, preview: HeldPreview): void {
  if (!preview.run) return;
  preview.close();
  host.announce(approvalWords(host.loc).cancelled);
  host.renderRoot.querySelector<HTMLElement>('button.approve')?.focus();
}
