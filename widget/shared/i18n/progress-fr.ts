import type { ProgressTranslations } from './translations.ts';

/**
 * A running run's progress and abandon button, in French: loaded with them
 * (widget/shared/pieces/run-progress.ts). French typography checked by
 * test/node/i18n/french-typography.test.ts.
 */
export const progressFr: ProgressTranslations = {
  runProgressText: (done, total) => (total === null ? `${done} contrats` : `${done} sur ${total} contrats`),
  runProgressValue: (phase, counts) => `${phase}\u202f: ${counts}`,
  abandonRun: 'Abandonner l’import',
  abandoning: 'Abandon…',
  abandonHint: 'Rien de cet import ne sera appliqué\u202f: les données actuelles restent en place.',
};
