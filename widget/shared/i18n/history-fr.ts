import type { HistoryTranslations } from './translations.ts';

export const historyFr: HistoryTranslations = {
  heading: 'Historique',

  trendError: 'La courbe n’a pas pu être chargée.',

  filtersLabel: 'Filtres de l’historique',
  searchLabel: 'Rechercher dans les changements',
  searchPlaceholder: 'Nom de l’apprenant, code contrat, formation…',
  searchHint: 'Seuls les jours ayant un changement correspondant sont listés, et leurs compteurs ne comptent que ceux-là.',
  kindFilterLabel: 'Type de changement',
  allKinds: 'Tous',
  dateRangeLabel: 'Période',
  fromLabel: 'Du',
  toLabel: 'Au',
  clearDates: 'Effacer les dates',
  dateRangeInvalid: 'La date de début est postérieure à la date de fin.',

  daysLabel: 'Jours d’import, du plus récent au plus ancien',
  runsLabel: 'Imports du jour',
  runLine: (source, status, time) => `${source} · ${status} · ${time}`,
  runEvent: (action, who, time) => `${{ started: 'lancé', approved: 'approuvé', abandoned: 'abandonné' }[action]} par ${who} à ${time}`,
  noRun: 'Aucun import ce jour-là',
  countsLabel: 'Changements du jour',
  noChangeCounts: 'Aucun changement',
  loadOlder: 'Charger les jours précédents',
  loadingOlder: 'Chargement des jours précédents…',
  emptyTitle: 'Aucun import pour l’instant',
  emptyBody: 'Chaque import de l’ERP apparaîtra ici, jour après jour, avec ce qu’il a changé.',
  emptyRange: 'Aucun import sur cette période.',
  emptyFilters: 'Aucun changement ne correspond aux filtres.',
  dateNotFound: (date) => `Aucun import le ${date}.`,

  dayCount: { one: 'jour', other: 'jours' },
  changeCount: { one: 'changement', other: 'changements' },
  listAnnouncement: (days, changes, query) => `${days}, ${changes}${query ? ` pour « ${query} »` : ''}`,
  dayAnnouncement: (changes, day) => `${changes} le ${day}`,

  dayChangesLabel: (date) => `Changements du ${date}`,
  noChanges: 'Aucun changement ce jour-là.',
  noChangesForFilters: 'Aucun changement de ce jour ne correspond aux filtres.',
  kinds: {
    added: 'Ajout',
    updated: 'Modification',
    archived: 'Archivage',
    rejected: 'Nouveau rejet',
    fixed: 'Correction',
  },
  kindCounts: {
    added: { one: 'ajout', other: 'ajouts' },
    updated: { one: 'modification', other: 'modifications' },
    archived: { one: 'archivage', other: 'archivages' },
    rejected: { one: 'nouveau rejet', other: 'nouveaux rejets' },
    fixed: { one: 'correction', other: 'corrections' },
  },
};
