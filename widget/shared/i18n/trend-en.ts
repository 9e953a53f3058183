import type { TrendTranslations } from './translations.ts';

/** The trend chart's words, in English (see trend-fr.ts). */
export const trendEn: TrendTranslations = {
  trendHeading: (days, from, to) => (from === to ? `Trend over ${days} (${from})` : `Trend over ${days} (${from} to ${to})`),
  trendHeadingEmpty: 'Trend',
  trendSummary: (what, from, to, min, max, last) => `${what} from ${from} to ${to}: between ${min} and ${max}, ${last} on the last day.`,
  trendEmpty: 'No data for the chart yet.',
};
