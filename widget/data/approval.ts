/**
 * What approving a held run needs, loaded on demand (a dynamic import, its own chunk of the
 * bundle): only an organisation with a held run ever shows the dialog, so the first paint does
 * without it. <erp-sync-data> loads it when a held run is shown, and draws that run's notice
 * with it (renderHeldNotice).
 */
export { APPROVE_DIALOG_TITLE_ID, approvalWords, renderApproveDialog, renderHeldNotice } from './approve-dialog.ts';
export { approveDialogStyles } from './approve-dialog.styles.ts';
export { HeldPreview } from './held-preview.ts';
export { approvalClosed, confirmApproval, openApproval, type ApprovalHost } from './approval-flow.ts';
