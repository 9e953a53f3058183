/**
 * A running run in the status header (render function, see data-table.ts): its phase in words, a
 * progress bar (role="progressbar", indeterminate while the total is unknown) and, for an admin,
 * the button that abandons a run stuck as running. What is announced lives with the element
 * (phase changes only, never every tick).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { runSummary } from '../../../contract/api.ts';
import type { Localizer } from '../i18n/localize.ts';
import { progressEn } from '../i18n/progress-en.ts';
import { progressFr } from '../i18n/progress-fr.ts';
import type { ProgressTranslations } from '../i18n/translations.ts';
import { styles } from './run-progress.styles.ts';

/** Its words in the element's language: both languages come with this piece, not with the first paint. */
function progressWordsIn(loc: Localizer): ProgressTranslations {
  return loc.lang === 'en' ? progressEn : progressFr;
}

export interface RunProgressOptions {
  run: runSummary;
  loc: Localizer;
  /** Omit to hide the button (a read-only view). */
  onAbandon?: (run: runSummary) => void;
  abandoning?: boolean;
}

const ABANDON_HINT_ID = 'erp-sync-abandon-hint';

/** "Vérification des contrats : 12 000 sur 100 000 contrats", what the bar says to a screen reader. */
export function progressWords(run: runSummary, loc: Localizer): string | null {
  const p = run.progress;
  if (!p) return null;
  const w = progressWordsIn(loc);
  return w.runProgressValue(loc.t.runPhases[p.phase], w.runProgressText(loc.number(p.done), p.total === null ? null : loc.number(p.total)));
}

export function renderRunProgress(o: RunProgressOptions): TemplateResult {
  const { run, loc } = o;
  const t = loc.t;
  const w = progressWordsIn(loc);
  const p = run.progress;
  const words = progressWords(run, loc);
  const abandoning = o.abandoning ?? false;
  const known = p !== null && p.total !== null && p.total > 0;
  return html`<style>
      ${styles.cssText}
    </style>
    <div class="run-progress" part="run-progress">
    ${
      p
        ? html`<p class="phase" data-phase=${p.phase}>${t.runPhases[p.phase]}</p>
          <div
            class="bar"
            part="progress-bar"
            role="progressbar"
            aria-label=${t.runPhases[p.phase]}
            aria-valuemin="0"
            aria-valuemax=${known ? String(p.total) : nothing}
            aria-valuenow=${known ? String(Math.min(p.done, p.total ?? 0)) : nothing}
            aria-valuetext=${words ?? nothing}
          >
            <span class="fill" style=${known ? `width: ${Math.round((Math.min(p.done, p.total ?? 0) / (p.total ?? 1)) * 100)}%` : ''}></span>
          </div>
          <p class="progress-text">${w.runProgressText(loc.number(p.done), p.total === null ? null : loc.number(p.total))}</p>`
        : nothing
    }
    ${
      o.onAbandon
        ? html`<button
          type="button"
          class="abandon"
          part="abandon"
          aria-describedby=${ABANDON_HINT_ID}
          aria-disabled=${abandoning ? 'true' : 'false'}
          @click=${() => {
            if (!abandoning) o.onAbandon?.(run);
          }}
        >
          ${abandoning ? w.abandoning : w.abandonRun}
        </button>
        <p id=${ABANDON_HINT_ID} class="hint">${w.abandonHint}</p>`
        : nothing
    }
  </div>`;
}
