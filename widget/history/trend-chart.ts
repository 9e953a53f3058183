/**
 * The small chart above the days: integrated and non-integrated contracts at the end of each of
 * the last days, as two sparklines (each on its own scale, see sparkline.ts) with their last
 * value in words. Each sparkline is role="img" with a sentence summarising it, which is the
 * text alternative a screen reader gets instead of the line.
 */
import { type Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { trend } from '../../contract/api.ts';
import { isAuthError } from '../shared/api-client.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import { renderSparkline } from '../shared/pieces/sparkline.ts';

/** Days covered by the chart. */
export const TREND_DAYS = 30;

type Point = trend['points'][number];

function renderSeries(points: readonly Point[], key: 'integrated' | 'rejected', label: string, loc: Localizer): TemplateResult {
  const values = points.map((p) => p[key]);
  const last = values[values.length - 1];
  const summary = loc.t.history.trendSummary(
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
  const h = loc.t.history;
  const points = data.points;
  return html`<figure class="trend" part="trend">
    <figcaption>${
      // The days it has data for, not the days asked: a young organisation has fewer than TREND_DAYS.
      points.length === 0
        ? h.trendHeadingEmpty
        : h.trendHeading(loc.count(points.length, h.dayCount), loc.date(points[0].date), loc.date(points[points.length - 1].date))
    }</figcaption>
    ${
      points.length === 0
        ? html`<p class="muted">${h.trendEmpty}</p>`
        : html`${renderSeries(points, 'integrated', loc.t.countIntegrated, loc)}
        ${renderSeries(points, 'rejected', loc.t.countRejected, loc)}`
    }
  </figure>`;
}

/** The chart in each state of its task; an auth failure is said once, by the list, so the chart just steps aside. */
export function renderTrendSection(task: Task<readonly unknown[], trend>, loc: Localizer, onRetry: () => void): unknown {
  if (task.status === TaskStatus.ERROR) {
    if (isAuthError(task.error)) return nothing;
    return html`<div class="trend" part="trend">
      <p class="danger">${loc.t.history.trendError}</p>
      <button type="button" class="retry" @click=${onRetry}>${loc.t.retry}</button>
    </div>`;
  }
  if (task.value) return renderTrend(task.value, loc);
  if (task.status === TaskStatus.PENDING) return html`<div class="trend" part="trend"><p class="muted">${loc.t.loading}</p></div>`;
  return nothing;
}
