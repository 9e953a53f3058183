/**
 * The small chart above the days: integrated and non-integrated contracts at the end of each of
 * the last days, as two sparklines (each on its own scale, see sparkline.ts) with their last
 * value in words. Each sparkline is role="img" with a sentence summarising it, which is the
 * text alternative a screen reader gets instead of the line.
 *
 * Loaded on demand, with its words and styles, beside the trend's own request (trend-chart.ts
 * draws the chart's loading and error states meanwhile): the first paint does without it.
 */
import { html, type TemplateResult } from 'lit';
import type { trend } from '../../contract/api.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import type { TrendTranslations } from '../shared/i18n/translations.ts';
import { trendEn } from '../shared/i18n/trend-en.ts';
import { trendFr } from '../shared/i18n/trend-fr.ts';
import { renderSparkline } from '../shared/pieces/sparkline.ts';

export { trendStyles } from './trend.styles.ts';

type Point = trend['points'][number];

/** The chart's words in the element's language: both languages come with it. */
function trendWords(loc: Localizer): TrendTranslations {
  return loc.lang === 'en' ? trendEn : trendFr;
}

function renderSeries(points: readonly Point[], key: 'integrated' | 'rejected', label: string, loc: Localizer): TemplateResult {
  const values = points.map((p) => p[key]);
  const last = values[values.length - 1];
  const summary = trendWords(loc).trendSummary(
    label,
    loc.date(points[0].date),
    loc.date(points[points.length - 1].date),
    loc.number(Math.min(...values)),
    loc.number(Math.max(...values)),
    loc.number(last),
  );
  return html`<div class="series series-${key}" part="trend-series" data-series=${key}>
    <span class="series-label">${label}</span>
    ${renderSparkline({ values, label: summary, className: key, part: `sparkline sparkline-${key}` })}
    <span class="series-last" aria-hidden="true">${loc.number(last)}</span>
  </div>`;
}

export function renderTrend(data: trend, loc: Localizer): TemplateResult {
  const w = trendWords(loc);
  const points = data.points;
  return html`<figure class="trend" part="trend">
    <figcaption>${
      // The days it has data for, not the days asked: a young organisation has fewer than TREND_DAYS.
      points.length === 0
        ? w.trendHeadingEmpty
        : w.trendHeading(
            loc.count(points.length, loc.t.history.dayCount),
            loc.date(points[0].date),
            loc.date(points[points.length - 1].date),
          )
    }</figcaption>
    ${
      points.length === 0
        ? html`<p class="muted">${w.trendEmpty}</p>`
        : html`${renderSeries(points, 'integrated', loc.t.countIntegrated, loc)}
        ${renderSeries(points, 'rejected', loc.t.countRejected, loc)}`
    }
  </figure>`;
}
