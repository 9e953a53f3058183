import type { TrendTranslations } from './translations.ts';

/**
 * The trend chart's words, in French: loaded with the chart (widget/history/trend.ts). French
 * typography checked by test/node/i18n/french-typography.test.ts.
 */
export const trendFr: TrendTranslations = {
  trendHeading: (days, from, to) => (from === to ? `Évolution sur ${days} (le ${from})` : `Évolution sur ${days} (du ${from} au ${to})`),
  trendHeadingEmpty: 'Évolution',
  trendSummary: (what, from, to, min, max, last) => `${what} du ${from} au ${to} : entre ${min} et ${max}, ${last} le dernier jour.`,
  trendEmpty: 'Pas encore de données pour la courbe.',
};
