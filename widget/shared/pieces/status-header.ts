/**
 * The status header (render function, see data-table.ts): last run start and finish, source and
 * status, its received / integrated / non-integrated counts apart from the platform's totals, why
 * a failed run failed in words (the technical error behind a disclosure: run-failure.ts, fetched
 * when a failed run is shown), and for a held run the host's notice (how many contracts it would
 * archive, "Approuver" opening the confirmation dialog: approving is a decision, see
 * widget/data/approve-dialog.ts, which draws both). The never-synced case is
 * drawn by renderNeverSynced (states.ts) below a header without run meta (its start button
 * still shows when the organisation can run).
 *
 * Focus: the heading has tabindex="-1" (STATUS_HEADING_ID), a stable target to move the focus
 * to when the button that had it goes away (after approving, after a retry). Buttons busy with
 * their action are `aria-disabled` (their clicks ignored), never `disabled`, which would drop
 * the focus to <body>.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { runStatus, runSummary, summary } from '../../../contract/api.ts';
import type { Localizer } from '../i18n/localize.ts';
import { LazyPiece } from '../lazy-piece.ts';

/** Drawn only while a run is running: fetched then, not with the first paint. */
const runProgress = new LazyPiece(() => import('./run-progress.ts'));
/** Drawn only when the last run failed: fetched then (the header says nothing more until it is there). */
const runFailure = new LazyPiece(() => import('./run-failure.ts'));

export interface StatusHeaderOptions {
  summary: summary;
  loc: Localizer;
  /** Heading level text; defaults to t.statusHeading. */
  heading?: string;
  /** Draws a held run's notice and its "Approuver" (the host's approval module does); omit to show none. */
  held?: (run: runSummary) => unknown;
  /** Shown when summary.canRun; omit to hide. */
  onStartRun?: () => void;
  starting?: boolean;
  /** The last run is still running: the start button stays, aria-disabled, saying so. */
  running?: boolean;
  /** Shown for a running run (with its progress); omit to hide the button. */
  onAbandon?: (run: runSummary) => void;
  abandoning?: boolean;
  /** A piece drawn on demand arrived: render again (the host's requestUpdate). */
  onPieceLoaded: () => void;
  /** A failed run's technical detail is shown (its disclosure is open). */
  technicalOpen?: boolean;
  /** The technical detail's disclosure; omit to show the words only. */
  onToggleTechnical?: (open: boolean) => void;
  /** Words of a failed approve/start, shown under the header. */
  actionError?: string;
  /**
   * Draws the count of non-integrated contracts as a button calling this (the host moves the
   * focus to their table); omit when there is no such table.
   */
  onShowRejected?: () => void;
}

/** The color class of a run's status, wherever a run is shown. */
export function runStatusClass(status: runStatus): string {
  if (status === 'failed') return 'danger';
  if (status === 'held') return 'warning';
  if (status === 'succeeded') return 'success';
  return '';
}

/**
 * The last run: when it started and finished (each labelled), its source and status, and its own
 * counts (what the ERP sent, what became of it), with a sentence when "Transmis" is not
 * "Intégrés + Non intégrés" (a contract can be in both). `platform` adds what is on the platform
 * now, in its own labelled group, so the two kinds of numbers are never read as one.
 */
export function renderRunMeta(run: runSummary, loc: Localizer, platform?: summary['totals']): TemplateResult {
  const t = loc.t;
  const at = run.finishedAt ?? run.startedAt;
  const { received, integrated, rejected } = run.counts;
  const differ = run.status !== 'running' && run.status !== 'failed' && received !== integrated + rejected;
  return html`<p class="last-sync" part="last-sync">${t.lastSync(loc.date(at), loc.time(at))}</p>
    <dl class="meta times" part="times">
      <div><dt>${t.startedLabel}</dt><dd data-meta="started">${t.dateTime(loc.date(run.startedAt), loc.time(run.startedAt))}</dd></div>
      <div>
        <dt>${t.finishedLabel}</dt>
        <dd data-meta="finished">${run.finishedAt ? t.dateTime(loc.date(run.finishedAt), loc.time(run.finishedAt)) : t.notFinished}</dd>
      </div>
    </dl>
    <div class="figures">
      <section class="figure-group" part="run-counts" aria-labelledby="run-counts-heading">
        <h3 id="run-counts-heading">${t.runCountsHeading}</h3>
        <dl class="meta" part="meta">
          <div><dt>${t.sourceLabel}</dt><dd data-meta="source">${t.sources[run.source]}</dd></div>
          <div>
            <dt>${t.statusLabel}</dt>
            <dd data-meta="status" class=${runStatusClass(run.status)}>${t.runStatuses[run.status]}</dd>
          </div>
          <div><dt>${t.countReceived}</dt><dd data-meta="received">${loc.number(received)}</dd></div>
          <div><dt>${t.countIntegrated}</dt><dd data-meta="integrated">${loc.number(integrated)}</dd></div>
          <div><dt>${t.countRejected}</dt><dd data-meta="rejected">${loc.number(rejected)}</dd></div>
        </dl>
        ${differ ? html`<p class="counts-differ" part="counts-differ">${t.countsDiffer(loc.number(received), loc.number(integrated + rejected))}</p>` : nothing}
      </section>
      ${
        platform
          ? html`<section class="figure-group" part="platform-totals" aria-labelledby="platform-heading">
            <h3 id="platform-heading">${t.platformHeading}</h3>
            <dl class="meta">
              <div><dt>${t.countIntegrated}</dt><dd data-total="integrated">${loc.number(platform.integrated)}</dd></div>
              <div><dt>${t.countRejected}</dt><dd data-total="rejected">${loc.number(platform.rejected)}</dd></div>
              <div><dt>${t.countArchived}</dt><dd data-total="archived">${loc.number(platform.archived)}</dd></div>
            </dl>
          </section>`
          : nothing
      }
    </div>`;
}

/** What needs fixing at once: "12 contrats non intégrés à corriger dans l’ERP", a button to their table. */
function renderToFix(count: number, loc: Localizer, onShow: () => void): TemplateResult {
  const t = loc.t;
  if (count === 0) return html`<p class="to-fix success" part="to-fix">${t.noneToFix}</p>`;
  return html`<p class="to-fix" part="to-fix">
    <button type="button" class="link show-rejected" part="show-rejected" @click=${onShow}>
      ${t.rejectedToFix(loc.count(count, t.nonIntegratedContracts))}
    </button>
  </p>`;
}

/** The id of the status heading (tabindex="-1"), to move the focus to. */
export const STATUS_HEADING_ID = 'erp-sync-status-heading';

export function renderStatusHeader(o: StatusHeaderOptions): TemplateResult {
  const { loc } = o;
  const t = loc.t;
  const run = o.summary.lastRun;
  const startBusy = (o.starting ?? false) || (o.running ?? false);
  return html`<section class="status" part="status" aria-labelledby=${STATUS_HEADING_ID}>
    <h2 id=${STATUS_HEADING_ID} tabindex="-1">${o.heading ?? t.statusHeading}</h2>
    ${run ? renderRunMeta(run, loc, o.summary.totals) : nothing} ${
      run?.status === 'failed'
        ? (runFailure
            .get(o.onPieceLoaded)
            ?.renderRunFailure({ run, loc, technicalOpen: o.technicalOpen ?? false, onToggleTechnical: o.onToggleTechnical }) ?? nothing)
        : nothing
    }
    ${run?.status === 'running' ? (runProgress.get(o.onPieceLoaded)?.renderRunProgress({ run, loc, onAbandon: o.onAbandon, abandoning: o.abandoning }) ?? nothing) : nothing}
    ${run?.status === 'held' ? (o.held?.(run) ?? nothing) : nothing}
    ${
      o.summary.canRun && o.onStartRun
        ? html`<div>
          <button
            type="button"
            class="start-run"
            aria-disabled=${startBusy ? 'true' : 'false'}
            @click=${() => {
              if (!startBusy) o.onStartRun?.();
            }}
          >
            ${o.starting ? t.startingRun : o.running ? t.runInProgress : t.startRun}
          </button>
        </div>`
        : nothing
    }
    ${o.onShowRejected ? renderToFix(o.summary.totals.rejected, loc, o.onShowRejected) : nothing}
    ${o.actionError ? html`<p class="danger" role="alert" part="action-error">${o.actionError}</p>` : nothing}
  </section>`;
}
