import type { FailureTranslations } from './translations.ts';

/** A failed run in words, in English (see failure-fr.ts). */
export const failureEn: FailureTranslations = {
  runFailed: (error) => `The synchronisation failed: ${error}`,
  runFailures: {
    source: 'The ERP did not answer. The previous synchronisation’s data stays in place. Try again later or contact the ERP’s vendor.',
    body: 'The data sent by the ERP could not be read. The previous synchronisation’s data stays in place. Check the ERP export or contact its vendor.',
    interrupted:
      'The synchronisation was interrupted (the server stopped). The previous synchronisation’s data stays in place. Start it again.',
    abandoned: 'An administrator abandoned this synchronisation. The previous synchronisation’s data stays in place.',
    internal:
      'An unexpected error stopped the synchronisation. The previous synchronisation’s data stays in place. Try again; if it happens again, contact support.',
  },
  technicalDetail: 'Technical detail',
};
