/**
 * The dialog approving a held run (render function, drawn in <erp-sync-data>'s shadow root so
 * its ARIA ids resolve): what the run would do in words, the fields the mass-update guard saw
 * changing on how many contracts, and the contracts it would archive or change (searchable,
 * paged, from GET /runs/:id/preview); then Confirm or Cancel.
 *
 * A native <dialog> opened with showModal(): the rest of the page is inert (the focus stays
 * inside), Escape cancels; the element returns the focus to "Approuver" (see
 * erp-sync-data.component.ts). Confirm is `aria-disabled` while busy, never `disabled`, so the
 * focus never drops to <body>.
 */
import type { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { heldEffectKind, heldPreview, runSummary } from '../../contract/api.ts';
import { approvalEn } from '../shared/i18n/approval-en.ts';
import { approvalFr } from '../shared/i18n/approval-fr.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import type { ApprovalTranslations } from '../shared/i18n/translations.ts';
import type { renderPager, renderSearchBox } from '../shared/pieces/controls.ts';
import type { renderError, renderLoading } from '../shared/pieces/states.ts';
import { rowName } from './columns.ts';
import type { HeldPreview } from './held-preview.ts';

export const APPROVE_DIALOG_TITLE_ID = 'approve-title';

/**
 * The dialog's words in the element's language. They come with this module (loaded when a held
 * run is first shown), both languages: a few hundred bytes that the first paint does without.
 */
export function approvalWords(loc: Localizer): ApprovalTranslations {
  return loc.lang === 'en' ? approvalEn : approvalFr;
}

/**
 * The renderers the dialog shares with the first paint, handed over by the element: imported
 * here, they made rolldown move Lit into a file of its own that the bundle then loads at start.
 */
export interface SharedPieces {
  renderPager: typeof renderPager;
  renderSearchBox: typeof renderSearchBox;
  renderError: typeof renderError;
  renderLoading: typeof renderLoading;
}

/** @lit/task's PENDING, not imported for the same reason. */
const PENDING: TaskStatus = 1;

export interface ApproveDialogOptions {
  pieces: SharedPieces;
  preview: HeldPreview;
  loc: Localizer;
  onConfirm: () => void;
  onCancel: () => void;
  /** The dialog closed (Escape, Cancel or after approving). */
  onClosed: () => void;
}

function renderFieldUpdates(run: runSummary, loc: Localizer): TemplateResult | typeof nothing {
  const updates = run.held?.fieldUpdates ?? [];
  if (updates.length === 0) return nothing;
  const a = approvalWords(loc);
  return html`<h3 id="approve-fields-heading">${a.fieldUpdatesHeading}</h3>
    <ul class="field-updates" aria-labelledby="approve-fields-heading">
      ${updates.map((u) => html`<li data-field=${u.field}>${a.fieldUpdate(loc.field(u.field), loc.count(u.count, loc.t.contracts))}</li>`)}
    </ul>`;
}

function renderKinds(o: ApproveDialogOptions, run: runSummary): TemplateResult | typeof nothing {
  const { preview, loc } = o;
  const a = approvalWords(loc);
  // Only worth a choice when the run would do both.
  if (!run.held || run.held.wouldArchive === 0 || run.held.fieldUpdates.length === 0) return nothing;
  const kinds: heldEffectKind[] = ['archive', 'update'];
  return html`<div class="chips kinds" role="group" aria-label=${a.kindsLabel}>
    ${kinds.map((kind) => {
      const total = preview.totals.get(kind);
      return html`<button
        type="button"
        data-kind=${kind}
        aria-pressed=${preview.kind === kind ? 'true' : 'false'}
        @click=${() => preview.show(kind)}
      >
        ${a.kinds[kind](total === undefined ? '' : loc.number(total))}
      </button>`;
    })}
  </div>`;
}

function renderList(page: heldPreview, busy: boolean, o: ApproveDialogOptions): TemplateResult {
  const { preview, loc } = o;
  const a = approvalWords(loc);
  const t = loc.t;
  if (page.items.length === 0) return html`<p class="state" part="state">${a.empty(preview.search.query)}</p>`;
  const caption = a.captions[page.kind];
  const dash = html`<span class="muted">${t.emptyValue}</span>`;
  return html`<div class="table-wrap" part="approve-table">
      <table aria-busy=${busy ? 'true' : 'false'}>
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.columns.learner}</th>
            <th scope="col">${t.columns.formation}</th>
            <th scope="col">${t.columns.company}</th>
            ${page.kind === 'update' ? html`<th scope="col">${a.changedFields}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            ({ contract, fields }) => html`<tr data-key=${contract.codeContrat}>
              <th scope="row">${rowName(contract, loc)}</th>
              <td>${contract.data.nomFormation || dash}</td>
              <td>${contract.data.nomEntreprise || dash}</td>
              ${page.kind === 'update' ? html`<td>${fields.map((f) => loc.field(f)).join(', ')}</td>` : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${o.pieces.renderPager({
      label: a.pagerLabel(caption),
      offset: page.offset,
      count: page.items.length,
      total: page.total,
      loc,
      part: 'approve-pager',
      onPrevious: () => preview.paging.previous(),
      onNext: () => preview.paging.next(),
    })}`;
}

function renderContent(o: ApproveDialogOptions, run: runSummary): TemplateResult {
  const { preview, loc } = o;
  const t = loc.t;
  const a = approvalWords(loc);
  const held = run.held;
  const task = preview.task;
  const page = task.value;
  const busy = task.status === PENDING && page !== undefined;
  const { renderSearchBox, renderLoading, renderError } = o.pieces;
  return html`<h2 id=${APPROVE_DIALOG_TITLE_ID} tabindex="-1">${a.title}</h2>
    ${held ? html`<p id="approve-intro">${a.intro(loc.count(held.wouldArchive, t.contracts), loc.number(held.integrated))}</p>` : nothing}
    ${renderFieldUpdates(run, loc)} ${renderKinds(o, run)}
    ${renderSearchBox({
      id: 'approve-search',
      label: a.searchLabel,
      placeholder: a.searchPlaceholder,
      value: preview.search.value,
      onInput: (value) => preview.search.set(value),
      onCommit: () => preview.search.commit(),
    })}
    ${task.render({
      initial: () => renderLoading(loc),
      pending: () => (page ? renderList(page, true, o) : renderLoading(loc)),
      complete: (value) => renderList(value, busy, o),
      error: (error) => renderError(loc, error, () => void task.run()),
    })}
    ${preview.error ? html`<p class="danger" role="alert" part="approve-error">${preview.error}</p>` : nothing}
    <div class="dialog-actions">
      <button type="button" class="cancel" @click=${o.onCancel}>${a.cancel}</button>
      <button
        type="button"
        class="primary confirm"
        aria-disabled=${preview.confirming ? 'true' : 'false'}
        @click=${() => {
          if (!preview.confirming) o.onConfirm();
        }}
      >
        ${preview.confirming ? a.confirming : a.confirm}
      </button>
    </div>`;
}

export interface HeldNoticeOptions {
  run: runSummary;
  /** What the held run would do (its `held`). */
  held: NonNullable<runSummary['held']>;
  loc: Localizer;
  /** The approval is on its way: the button says so and ignores clicks. */
  approving: boolean;
  onApprove: (run: runSummary) => void;
}

/**
 * A held run's notice in the status header: what it would archive, and "Approuver" opening the
 * dialog. Drawn by this module (fetched as soon as a held run is shown), so the first paint
 * carries neither. The button is `aria-disabled` while busy, never `disabled` (the focus stays).
 */
export function renderHeldNotice(o: HeldNoticeOptions): TemplateResult {
  const { run, held, loc, approving } = o;
  const a = approvalWords(loc);
  return html`<div class="alert warning" part="run-held" role="alert">
    <span>${a.runHeld(loc.count(held.wouldArchive, loc.t.contracts), loc.number(held.integrated))}</span>
    <button
      type="button"
      class="primary approve"
      aria-haspopup="dialog"
      aria-disabled=${approving ? 'true' : 'false'}
      @click=${() => {
        if (!approving) o.onApprove(run);
      }}
    >
      ${approving ? a.approving : a.approve}
    </button>
  </div>`;
}

export function renderApproveDialog(o: ApproveDialogOptions): TemplateResult {
  const run = o.preview.run;
  return html`<dialog
    class="approve-dialog"
    part="approve-dialog"
    aria-labelledby=${APPROVE_DIALOG_TITLE_ID}
    aria-describedby=${run?.held ? 'approve-intro' : nothing}
    @close=${o.onClosed}
  >
    ${run ? renderContent(o, run) : nothing}
  </dialog>`;
}
