import type { ProgressTranslations } from './translations.ts';

/** A running run's progress and abandon button, in English (see progress-fr.ts). */
export const progressEn: ProgressTranslations = {
  runProgressText: (done, total) => (total === null ? `${done} contracts` : `${done} of ${total} contracts`),
  runProgressValue: (phase, counts) => `${phase}: ${counts}`,
  abandonRun: 'Abandon the import',
  abandoning: 'Abandoning…',
  abandonHint: 'Nothing of this import will be applied: the current data stays in place.',
};
