/**
 * The states every data view must draw (render functions, see data-table.ts): loading, empty,
 * error with retry, unauthorised (401/403 in words), never synced. Loading is a polite live
 * region; errors are alerts so a screen reader hears a failed search.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isAuthError, type ApiError } from '../api-client.ts';
import type { Localizer } from '../i18n/localize.ts';

export function renderLoading(loc: Localizer): TemplateResult {
  return html`<div class="state loading" part="state state-loading" role="status">${loc.t.loading}</div>`;
}

/** An active reason filter, for the empty state: its label and how to remove it. */
export interface EmptyReasonFilter {
  /** The reason's label, e.g. "Entreprise manquante". */
  label: string;
  onClear: () => void;
}

/**
 * "Aucun contrat", or "Aucun contrat ne correspond à « q »." when a search is active. With an
 * active reason filter it names it and offers a button removing it (an empty table must never
 * hide why it is empty).
 */
export function renderEmpty(loc: Localizer, query = '', reason?: EmptyReasonFilter): TemplateResult {
  const title = reason ? loc.t.emptyForReason(reason.label, query) : query ? loc.t.emptyForSearch(query) : loc.t.empty;
  return html`<div class="state empty" part="state state-empty">
    <p class="state-title">${title}</p>
    ${
      reason
        ? html`<button type="button" class="clear-reason" @click=${reason.onClear}>${loc.t.clearReasonFilter(reason.label)}</button>`
        : nothing
    }
  </div>`;
}

/** 401: session expired; 403: not an administrator of this CFA. */
export function renderUnauthorized(loc: Localizer, error: ApiError): TemplateResult {
  const forbidden = error.status === 403;
  return html`<div class="state unauthorized" part="state state-unauthorized" role="alert">
    <p class="state-title">${forbidden ? loc.t.forbiddenTitle : loc.t.unauthorizedTitle}</p>
    <p>${forbidden ? loc.t.forbiddenBody : loc.t.unauthorizedBody}</p>
  </div>`;
}

/** Any failure: its words and a "Réessayer" button; auth failures get renderUnauthorized. */
export function renderError(loc: Localizer, error: unknown, onRetry: () => void): TemplateResult {
  if (isAuthError(error)) return renderUnauthorized(loc, error);
  return html`<div class="state error" part="state state-error" role="alert">
    <p class="state-title">${loc.t.errorTitle}</p>
    <p>${loc.error(error)}</p>
    <button type="button" class="retry" @click=${onRetry}>${loc.t.retry}</button>
  </div>`;
}

export function renderNeverSynced(loc: Localizer): TemplateResult {
  return html`<div class="state never-synced" part="state state-never-synced">
    <p class="state-title">${loc.t.neverSyncedTitle}</p>
    <p>${loc.t.neverSyncedBody}</p>
  </div>`;
}
