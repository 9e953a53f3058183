/**
 * An opened day's changes, grouped by contract (render functions drawn into the host's shadow
 * root, see day-list.ts): its pager, each contract as a disclosure, and once expanded the
 * contract's changes in detail with the way to its whole timeline.
 *
 * Loaded on demand (its own file of the bundle, with change-details.ts, their words and styles):
 * most visits read the days and their counts without opening one, so the first paint does
 * without it. day-list.ts draws the loading state until it is there.
 */
import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { change } from '../../contract/api.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import { changeContractLabel } from '../shared/names.ts';
import { renderPager } from '../shared/pieces/controls.ts';
import { renderDisclosure } from '../shared/pieces/disclosure.ts';
import { renderError, renderLoading } from '../shared/pieces/states.ts';
import { changesWords, changeTitle, renderChange, renderKindBadge } from './change-details.ts';
import type { OpenDay } from './open-days.ts';

/** What the day's changes need from the list: the language, the filters and the host's callbacks. */
export interface DayChangesContext {
  loc: Localizer;
  onToggleContract: (day: OpenDay, code: string, open: boolean) => void;
  onShowTimeline: (code: string) => void;
  /** Asks an opened day's changes again after an error (and keeps the focus somewhere stable). */
  onRetryDay: (day: OpenDay) => void;
  /** A search or kind filter is active (changes the "no changes" wording). */
  filtered: boolean;
}

/** A day's changes grouped by contract, in the server's order of first appearance. */
export function groupByContract(changes: readonly change[]): { code: string; changes: change[] }[] {
  const groups = new Map<string, change[]>();
  for (const c of changes) {
    const list = groups.get(c.codeContrat);
    if (list) list.push(c);
    else groups.set(c.codeContrat, [c]);
  }
  return [...groups].map(([code, list]) => ({ code, changes: list }));
}

function renderContract(day: OpenDay, group: { code: string; changes: change[] }, id: string, ctx: DayChangesContext): TemplateResult {
  const { loc } = ctx;
  const w = changesWords(loc);
  const first = group.changes[0];
  const open = day.expanded.has(group.code);
  const kinds = [...new Set(group.changes.map((c) => c.kind))];
  return html`<li class="contract" part="contract" data-code=${group.code}>
    <h4 class="contract-title">
      ${renderDisclosure({
        open,
        controls: id,
        part: 'contract-toggle',
        className: 'contract-toggle',
        onToggle: (next) => ctx.onToggleContract(day, group.code, next),
        // One wrapping box beside the chevron: on a phone the name, formation, badges and code wrap.
        content: html`<span class="toggle-label"><span class="learner">${changeTitle(first)}</span>
          <span class="formation">${first.formation}</span>
          ${kinds.map((k) => renderKindBadge(k, loc))}
          <span class="code muted">${w.contractCode(changeContractLabel(first, loc))}</span></span>`,
      })}
    </h4>
    <div class="contract-detail" part="contract-detail" id=${id} ?hidden=${!open}>
      ${
        open
          ? html`${group.changes.map((c) => renderChange(c, loc))}
            <button type="button" class="link show-timeline" part="show-timeline" @click=${() => ctx.onShowTimeline(group.code)}>
              ${w.showTimeline}
            </button>`
          : nothing
      }
    </div>
  </li>`;
}

/** An opened day's panel: its loading, error or empty state, or its pager and contracts. */
export function renderDayChanges(day: OpenDay, panelId: string, ctx: DayChangesContext): TemplateResult {
  const { loc } = ctx;
  const h = loc.t.history;
  const task = day.task;
  const page = task.value;
  if (task.status === TaskStatus.ERROR) return renderError(loc, task.error, () => ctx.onRetryDay(day));
  if (!page) return renderLoading(loc);
  if (page.total === 0 || page.changes.length === 0) {
    return html`<p class="state empty" part="state state-empty">${ctx.filtered ? h.noChangesForFilters : h.noChanges}</p>`;
  }
  const groups = groupByContract(page.changes);
  const busy = task.status === TaskStatus.PENDING;
  const pager =
    page.total > page.limit
      ? renderPager({
          label: loc.t.pagerLabel(h.dayChangesLabel(loc.date(day.date))),
          offset: page.offset,
          count: page.changes.length,
          total: page.total,
          loc,
          part: 'day-pager',
          onPrevious: () => day.paging.previous(),
          onNext: () => day.paging.next(),
        })
      : nothing;
  return html`${pager}
    <ul class="contracts" part="contracts" aria-busy=${busy ? 'true' : 'false'}>
      ${repeat(
        groups,
        (g) => g.code,
        (g, i) => renderContract(day, g, `${panelId}-contract-${i}`, ctx),
      )}
    </ul>`;
}
