import type { ApprovalTranslations } from './translations.ts';

export const approvalEn: ApprovalTranslations = {
  runHeld: (wouldArchive, integrated) =>
    `Synchronisation on hold: it would archive ${wouldArchive} out of ${integrated} integrated. Check the ERP export before approving.`,
  approve: 'Approve',
  approving: 'Approving…',
  title: 'Approve this synchronisation?',
  intro: (wouldArchive, integrated) =>
    `If you approve, ${wouldArchive} of ${integrated} integrated will be archived: they will leave the platform. Check the list below before confirming.`,
  fieldUpdatesHeading: 'Fields that would change',
  fieldUpdate: (field, count) => `${field}: ${count}`,
  kindsLabel: 'Contracts concerned',
  kinds: {
    archive: (count) => (count ? `To archive (${count})` : 'To archive'),
    update: (count) => (count ? `To change (${count})` : 'To change'),
  },
  searchLabel: 'Search these contracts',
  searchPlaceholder: 'Learner, formation, company…',
  captions: {
    archive: 'Contracts that would be archived',
    update: 'Contracts that would change',
  },
  changedFields: 'Changed fields',
  empty: (query) => (query ? `No contract concerned matches “${query}”.` : 'No contract concerned.'),
  pagerLabel: (caption) => `Pagination: ${caption}`,
  confirm: 'Confirm the approval',
  confirming: 'Approving…',
  cancel: 'Cancel',
  approved: (archived) => `Synchronisation approved: ${archived}.`,
  archivedContracts: { one: 'contract archived', other: 'contracts archived' },
  cancelled: 'Approval cancelled: nothing was changed.',
};
