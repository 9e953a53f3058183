import type { FailureTranslations } from './translations.ts';

/**
 * A failed run in words, in French: loaded with its drawing (widget/shared/pieces/run-failure.ts).
 * French typography checked by test/node/i18n/french-typography.test.ts.
 */
export const failureFr: FailureTranslations = {
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
};
