/**
 * A failed run in the status header (render function, see data-table.ts): what happened and what
 * to do in words, the technical error behind a disclosure. Most sessions never see a failed run:
 * this piece, its words and its styles are fetched when one is shown (status-header.ts), not
 * with the first paint.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { runSummary } from '../../../contract/api.ts';
import { failureEn } from '../i18n/failure-en.ts';
import { failureFr } from '../i18n/failure-fr.ts';
import type { Localizer } from '../i18n/localize.ts';
import type { FailureTranslations } from '../i18n/translations.ts';
import { renderDisclosure } from './disclosure.ts';
import { styles } from './run-failure.styles.ts';

export interface RunFailureOptions {
  run: runSummary;
  loc: Localizer;
  /** The technical detail is shown (its disclosure is open). */
  technicalOpen: boolean;
  /** The technical detail's disclosure; omit to show the words only. */
  onToggleTechnical?: (open: boolean) => void;
}

/** Its words in the element's language: both languages come with this piece. */
function failureWords(loc: Localizer): FailureTranslations {
  return loc.lang === 'en' ? failureEn : failureFr;
}

export function renderRunFailure(o: RunFailureOptions): TemplateResult {
  const { run, loc } = o;
  const w = failureWords(loc);
  const open = o.technicalOpen;
  const words = run.failure ? w.runFailures[run.failure] : w.runFailed(run.error ?? loc.t.errorServer);
  return html`<style>
      ${styles.cssText}
    </style>
    <div class="alert danger failure" part="run-error">
      <p role="alert">${words}</p>
      ${
        run.failure && run.error && o.onToggleTechnical
          ? html`${renderDisclosure({
              open,
              controls: 'run-error-detail',
              content: w.technicalDetail,
              part: 'run-error-toggle',
              onToggle: (next) => o.onToggleTechnical?.(next),
            })}
            <pre id="run-error-detail" class="technical" part="run-error-detail" ?hidden=${!open}>${run.error}</pre>`
          : nothing
      }
    </div>`;
}
