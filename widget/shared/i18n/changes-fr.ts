import type { ChangesTranslations } from './translations.ts';

/**
 * An opened day's changes and a contract's timeline, in French: loaded with those pieces
 * (widget/history/change-details.ts), not with the first paint. French typography (U+202F before
 * « : ; ! ? ») checked by test/node/i18n/french-typography.test.ts.
 */
export const changesFr: ChangesTranslations = {
  changeAt: (time) => `à ${time}`,
  contractCode: (code) => `contrat ${code}`,

  fieldColumn: 'Champ',
  beforeColumn: 'Ancienne valeur',
  afterColumn: 'Nouvelle valeur',
  diffCaption: (name) => `Champs modifiés du contrat de ${name}`,
  addedHeading: (name) => `Données du contrat ajouté de ${name}`,
  archivedHeading: (name) => `Données du contrat archivé de ${name}`,
  reasonsAppeared: 'Motifs de rejet apparus\u202f:',
  reasonsFixed: 'Motifs corrigés\u202f:',
  noDetail: 'Aucun détail enregistré.',

  showTimeline: 'Tout l’historique de ce contrat',
  timelineHeading: (name, code) => `Historique du contrat de ${name} (${code})`,
  timelineHeadingNoName: (code) => `Historique du contrat ${code}`,
  timelineTitle: 'Historique du contrat',
  timelineBack: 'Retour à l’historique complet',
  timelineEmpty: 'Aucun changement enregistré pour ce contrat.',
};
