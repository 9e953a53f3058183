import { fr as wording } from '../../../contract/i18n/fr.ts';
import { historyFr } from './history-fr.ts';
import type { Translations } from './translations.ts';

/**
 * French, the default language (the administrators are French-speaking CFA staff): bundled.
 * French typography throughout, checked by test/node/i18n/french-typography.test.ts.
 */
export const fr: Translations = {
  lang: 'fr',
  locale: 'fr-FR',
  wording,

  loading: 'Chargement…',
  retry: 'Réessayer',
  errorTitle: 'Le chargement a échoué.',
  errorNetwork: 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.',
  errorBadResponse: 'Le serveur a renvoyé une réponse inattendue. Réessayez ; si le problème persiste, contactez le support.',
  errorServer: 'Le serveur a rencontré une erreur. Réessayez dans quelques instants.',
  errorNotFound: 'Élément introuvable.',
  errorConflict: 'Cette action n’est plus possible : la synchronisation a changé entre-temps.',
  errorBadRequest: 'La demande est invalide.',
  unauthorizedTitle: 'Session expirée',
  unauthorizedBody: 'Votre session a expiré. Reconnectez-vous à la plateforme, puis rechargez cette page.',
  forbiddenTitle: 'Accès refusé',
  forbiddenBody:
    'Vous n’avez pas les droits pour consulter la synchronisation ERP de cet établissement. Seuls les administrateurs du CFA y ont accès.',
  neverSyncedTitle: 'Aucune synchronisation pour l’instant',
  neverSyncedBody: 'Les contrats de votre ERP n’ont encore jamais été importés. Ils apparaîtront ici après la première synchronisation.',
  empty: 'Aucun contrat',
  emptyForSearch: (query) => `Aucun contrat ne correspond à « ${query} ».`,
  emptyForReason: (reason, query) =>
    query ? `Aucun contrat ne correspond à « ${query} » avec le motif « ${reason} ».` : `Aucun contrat avec le motif « ${reason} ».`,
  clearReasonFilter: (reason) => `Retirer le filtre « ${reason} »`,
  errorRunNotHeld: 'Cette synchronisation n’est plus en attente d’approbation.',
  errorNotRunnable: 'Cette source ne se lance pas à la demande : l’ERP envoie lui-même ses données.',
  errorRunInProgress: 'Une synchronisation est déjà en cours. Réessayez quand elle sera terminée.',
  errorRunFailed: 'La synchronisation a échoué sur le serveur.',

  statusHeading: 'Synchronisation ERP',
  lastSync: (date, time) => `Dernière synchronisation le ${date} à ${time}`,
  sourceLabel: 'Source',
  statusLabel: 'Statut',
  sources: {
    push: 'Envoi par l’ERP (API)',
    csv: 'Fichier CSV',
    pull: 'Import depuis l’API de l’ERP',
  },
  runStatuses: {
    running: 'En cours',
    succeeded: 'Réussie',
    failed: 'Échouée',
    held: 'En attente d’approbation',
    superseded: 'Remplacée',
  },
  countReceived: 'Transmis',
  countIntegrated: 'Intégrés',
  countRejected: 'Non intégrés',
  countArchived: 'Archivés',
  organization: 'Établissement',
  runFailed: (error) => `La synchronisation a échoué : ${error}`,
  runFailures: {
    source:
      'L’ERP n’a pas répondu. Les données de la synchronisation précédente restent en place. Réessayez plus tard ou contactez l’éditeur de l’ERP.',
    body: 'Les données envoyées par l’ERP sont illisibles. Les données de la synchronisation précédente restent en place. Vérifiez l’export de l’ERP ou contactez son éditeur.',
    interrupted:
      'La synchronisation a été interrompue avant la fin (arrêt du serveur). Les données de la synchronisation précédente restent en place. Relancez-la.',
    abandoned: 'Un administrateur a abandonné cette synchronisation. Les données de la synchronisation précédente restent en place.',
    internal:
      'Une erreur inattendue a arrêté la synchronisation. Les données de la synchronisation précédente restent en place. Réessayez ; si cela se reproduit, contactez le support.',
  },
  technicalDetail: 'Détail technique',
  runCountsHeading: 'Ce que l’ERP a transmis à la dernière synchronisation',
  platformHeading: 'Sur la plateforme maintenant',
  startedLabel: 'Début',
  finishedLabel: 'Fin',
  notFinished: 'en cours',
  dateTime: (date, time) => `${date} à ${time}`,
  countsDiffer: (received, sum) =>
    `Transmis (${received}) n’est pas égal à intégrés + non intégrés (${sum}) : un contrat non intégré dont la dernière version valide reste sur la plateforme est compté dans les deux.`,
  runHeld: (wouldArchive, integrated) =>
    `Synchronisation suspendue : elle archiverait ${wouldArchive} sur ${integrated} intégrés. Vérifiez l’export de l’ERP avant d’approuver.`,
  approve: 'Approuver',
  approving: 'Approbation…',
  startRun: 'Lancer une synchronisation',
  startingRun: 'Synchronisation lancée…',
  runInProgress: 'Synchronisation en cours…',
  runOutcome: {
    running: 'Synchronisation en cours…',
    succeeded: 'La synchronisation est terminée.',
    failed: 'La synchronisation a échoué.',
    held: 'La synchronisation est en attente d’approbation.',
    superseded: 'La synchronisation a été remplacée par une plus récente.',
  },
  actionFailed: (message) => `L’action a échoué : ${message}`,
  rejectedToFix: (count) => `${count} à corriger dans l’ERP`,
  noneToFix: 'Tous les contrats reçus sont intégrés.',

  searchLabel: 'Rechercher un contrat',
  searchPlaceholder: 'Nom, email, entreprise, code…',
  searchHint: 'La recherche porte sur les deux tableaux.',

  integratedHeading: (count) => `Contrats intégrés (${count})`,
  rejectedHeading: (count) => `Contrats non intégrés (${count})`,
  integratedCaption: 'Contrats intégrés sur la plateforme',
  rejectedCaption: 'Contrats transmis par l’ERP mais non intégrés, avec les corrections à faire dans l’ERP',
  detailColumn: 'Détail',
  showDetail: (name) => `Détail du contrat de ${name}`,
  sortBy: (column) => `Trier par ${column}`,
  sortAscending: 'croissant',
  sortDescending: 'décroissant',
  toFix: 'À corriger',
  detailHeading: (name) => `Toutes les données du contrat de ${name}`,
  showContractHistory: 'Voir l’historique du contrat',
  emptyValue: '—',
  columns: {
    learner: 'Apprenant',
    contract: 'Contrat',
    email: 'Email',
    formation: 'Formation',
    group: 'Groupe',
    site: 'Site',
    company: 'Entreprise',
    companyTutor: 'Maître d’apprentissage',
    dates: 'Dates du contrat',
    reasons: 'Motifs',
    since: 'Depuis le',
    validVersion: 'Version sur la plateforme',
  },
  dateRange: (start, end) => `du ${start} au ${end}`,
  validVersionKept: 'Version précédente conservée',
  noValidVersion: 'Aucune',

  cardLabel: (label) => `${label} : `,
  moreColumns: 'D’autres colonnes suivent à droite → faites défiler le tableau.',
  columnsButton: 'Colonnes',
  columnsLabel: (caption) => `Colonnes affichées : ${caption}`,
  skipTable: (caption) => `Passer le tableau : ${caption}`,
  searchSummaryLabel: (query) => `Résultats pour « ${query} »`,
  searchSummaryLink: (count) => `${count} → voir`,
  pagerLabel: (table) => `Pagination : ${table}`,
  range: (from, to, total) => `${from}–${to} sur ${total}`,
  previousPage: 'Page précédente',
  nextPage: 'Page suivante',

  reasonFilterLabel: 'Filtrer par motif',
  chip: (label, count) => `${label} · ${count}`,

  exportCsv: 'Exporter en CSV',
  exporting: 'Export en cours…',
  exportFilename: 'contrats-non-integres.csv',

  originLine: (line) => `ligne ${line}`,
  originPosition: (position) => `position ${position}`,
  originCopy: (code, nth, where) => `${code} (${nth} copie, ${where})`,
  originNoCode: (where) => `sans code (${where})`,
  ordinalSuffixes: { one: 're', other: 'e' },

  contracts: { one: 'contrat', other: 'contrats' },
  integratedContracts: { one: 'contrat intégré', other: 'contrats intégrés' },
  rejectedContracts: { one: 'non intégré', other: 'non intégrés' },
  nonIntegratedContracts: { one: 'contrat non intégré', other: 'contrats non intégrés' },

  resultsAnnounce: (integrated, rejected, query) =>
    query ? `${integrated} et ${rejected} pour « ${query} »` : `${integrated} et ${rejected}`,
  reasonAnnounce: (rejected, reason) => (reason ? `${rejected} avec le motif « ${reason} »` : rejected),
  pageAnnounce: (table, range) => `${table} : ${range}`,

  history: historyFr,
};
