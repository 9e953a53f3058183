import type { ApprovalTranslations } from './translations.ts';

/** French typography: U+202F before « : ; ! ? » (checked by test/node/i18n/french-typography.test.ts). */
export const approvalFr: ApprovalTranslations = {
  runHeld: (wouldArchive, integrated) =>
    `Synchronisation suspendue : elle archiverait ${wouldArchive} sur ${integrated} intégrés. Vérifiez l’export de l’ERP avant d’approuver.`,
  approve: 'Approuver',
  approving: 'Approbation…',
  title: 'Approuver cette synchronisation\u202f?',
  intro: (wouldArchive, integrated) =>
    `Si vous approuvez, ${wouldArchive} sur ${integrated} intégrés seront archivés\u202f: ils quitteront la plateforme. Vérifiez la liste ci-dessous avant de confirmer.`,
  fieldUpdatesHeading: 'Champs qui seraient modifiés',
  fieldUpdate: (field, count) => `${field}\u202f: ${count}`,
  kindsLabel: 'Contrats concernés',
  kinds: {
    archive: (count) => (count ? `À archiver (${count})` : 'À archiver'),
    update: (count) => (count ? `À modifier (${count})` : 'À modifier'),
  },
  searchLabel: 'Rechercher dans ces contrats',
  searchPlaceholder: 'Apprenant, formation, entreprise…',
  captions: {
    archive: 'Contrats qui seraient archivés',
    update: 'Contrats qui seraient modifiés',
  },
  changedFields: 'Champs modifiés',
  empty: (query) => (query ? `Aucun contrat concerné ne correspond à «\u202f${query}\u202f».` : 'Aucun contrat concerné.'),
  pagerLabel: (caption) => `Pagination\u202f: ${caption}`,
  confirm: 'Confirmer l’approbation',
  confirming: 'Approbation…',
  cancel: 'Annuler',
  approved: (archived) => `Synchronisation approuvée\u202f: ${archived}.`,
  archivedContracts: { one: 'contrat archivé', other: 'contrats archivés' },
  cancelled: 'Approbation annulée\u202f: rien n’a été modifié.',
};
