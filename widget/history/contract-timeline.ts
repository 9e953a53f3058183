/**
 * One contract's own timeline: every change to it across days (GET /contracts/:code), newest
 * first, each with its day, kind and details, plus the way back to the whole history. The
 * changes are shown expanded: a contract has a handful of them, not thousands.
 */
import { TaskStatus } from '@lit/task';
import { html, type TemplateResult } from 'lit';
import type { contractDetail } from '../../contract/api.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import { contractLabel, firstNameFirst } from '../shared/names.ts';
import { renderError, renderLoading } from '../shared/pieces/states.ts';
import { changesWords, renderChange } from './change-details.ts';
import { longDay } from './format.ts';

export interface TimelineOptions {
  /** The @lit/task's status, value and error (GET /contracts/:code). */
  status: TaskStatus;
  detail: contractDetail | undefined;
  error: unknown;
  onRetry: () => void;
  loc: Localizer;
  headingId: string;
  onBack: () => void;
}

/** "Historique du contrat de Hélène Dupont (2025-000098)"; the code is never an internal key. */
function heading(detail: contractDetail | undefined, loc: Localizer): string {
  const h = changesWords(loc);
  if (!detail) return h.timelineTitle;
  const label = contractLabel(detail.contract, loc);
  const name = firstNameFirst(detail.contract.data) || detail.timeline[0]?.learner.trim();
  return name ? h.timelineHeading(name, label) : h.timelineHeadingNoName(label);
}

export function renderTimeline(o: TimelineOptions): TemplateResult {
  const { loc } = o;
  const h = changesWords(loc);
  const detail = o.status === TaskStatus.COMPLETE ? o.detail : undefined;
  // Newest first, like the days; ISO instants sort as text.
  const changes = detail ? [...detail.timeline].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)) : [];
  let body: unknown;
  if (o.status === TaskStatus.ERROR) body = renderError(loc, o.error, o.onRetry);
  else if (!detail) body = renderLoading(loc);
  else if (changes.length === 0) body = html`<p class="state empty" part="state state-empty">${h.timelineEmpty}</p>`;
  else
    body = html`<ol class="timeline" part="timeline">
      ${changes.map(
        (c) => html`<li class="timeline-entry" data-date=${c.date}>
          <h3 class="timeline-day">${longDay(c.date, loc)}</h3>
          ${renderChange(c, loc)}
        </li>`,
      )}
    </ol>`;
  return html`<div class="timeline-view" part="timeline-view">
    <button type="button" class="back" part="timeline-back" @click=${o.onBack}>
      <span aria-hidden="true">←</span> ${h.timelineBack}
    </button>
    <h2 id=${o.headingId} class="heading" part="heading" tabindex="-1">${heading(detail, loc)}</h2>
    ${body}
  </div>`;
}
