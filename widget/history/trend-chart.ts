/**
 * The trend chart's place above the days, in each state of its task. The chart itself (trend.ts,
 * its words and styles) is fetched beside the trend's own request; until both are there the
 * place says it is loading.
 */
import { type Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import type { trend } from '../../contract/api.ts';
import { isAuthError } from '../shared/api-client.ts';
import type { Localizer } from '../shared/i18n/localize.ts';

/** Days covered by the chart. */
export const TREND_DAYS = 30;

/** trend.ts, loaded on demand by the host. */
export type TrendPiece = typeof import('./trend.ts');

/** The chart in each state of its task; an auth failure is said once, by the list, so the chart just steps aside. */
export function renderTrendSection(
  task: Task<readonly unknown[], trend>,
  chart: TrendPiece | null,
  loc: Localizer,
  onRetry: () => void,
): unknown {
  if (task.status === TaskStatus.ERROR) {
    if (isAuthError(task.error)) return nothing;
    return html`<div class="trend" part="trend">
      <p class="danger">${loc.t.history.trendError}</p>
      <button type="button" class="retry" @click=${onRetry}>${loc.t.retry}</button>
    </div>`;
  }
  if (task.value && chart) return chart.renderTrend(task.value, loc);
  if (task.status === TaskStatus.PENDING || task.value)
    return html`<div class="trend" part="trend"><p class="muted">${loc.t.loading}</p></div>`;
  return nothing;
}
