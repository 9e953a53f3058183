/**
 * What one change did to a contract, as render functions (they draw into the host's shadow
 * root): for an update each changed field with its label, old value struck through (<del>) and
 * new value highlighted (<ins>) side by side; for an addition or an archive the contract's
 * fields; for a rejection or a fix the reasons that appeared or disappeared, worded in the
 * current language on the client (reasonMessage) so switching `lang` needs no refetch.
 * Every value is bound as text: ERP data is never trusted as markup.
 *
 * Only an opened day (day-changes.ts) and a contract's timeline (contract-timeline.ts) draw
 * changes, both loaded on demand: this module, its words and its styles come with them, not
 * with the first paint.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { change, changeKind, fieldChange } from '../../contract/api.ts';
import { dateFields } from '../../contract/constants.ts';
import { changesEn } from '../shared/i18n/changes-en.ts';
import { changesFr } from '../shared/i18n/changes-fr.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import type { ChangesTranslations } from '../shared/i18n/translations.ts';
import { renderFieldList } from '../shared/pieces/data-table.ts';
import { isDay } from './format.ts';

export { changesStyles } from './change-details.styles.ts';

/** The words of changes in the element's language: both languages come with this module, a few hundred bytes. */
export function changesWords(loc: Localizer): ChangesTranslations {
  return loc.lang === 'en' ? changesEn : changesFr;
}

const DATE_FIELDS: ReadonlySet<string> = new Set(dateFields);

/**
 * A field's value as the Données tab shows it: a contract date (ISO, as integrated) becomes
 * dd/mm/yyyy through the Localizer; anything else, including a date the ERP sent unparseable,
 * is shown as recorded.
 */
export function fieldValue(field: string, v: string, loc: Localizer): string {
  return DATE_FIELDS.has(field) && isDay(v) ? loc.date(v) : v;
}

/** Who a change is about ("Hélène Dupont"), or its contract's code when the ERP left the learner blank. */
export function changeTitle(c: Pick<change, 'learner' | 'codeContrat'>): string {
  return c.learner.trim() || c.codeContrat;
}

function value(v: string, loc: Localizer, tag: 'del' | 'ins'): TemplateResult {
  // An empty side is "nothing there", not an empty string struck through.
  if (v === '') return html`<span class="muted">${loc.t.emptyValue}</span>`;
  return tag === 'del' ? html`<del part="before">${v}</del>` : html`<ins part="after">${v}</ins>`;
}

export function renderDiff(fields: readonly fieldChange[], name: string, loc: Localizer): TemplateResult {
  const h = changesWords(loc);
  return html`<table class="diff" part="diff">
    <caption class="visually-hidden">${h.diffCaption(name)}</caption>
    <thead>
      <tr>
        <th scope="col">${h.fieldColumn}</th>
        <th scope="col">${h.beforeColumn}</th>
        <th scope="col">${h.afterColumn}</th>
      </tr>
    </thead>
    <tbody>
      ${fields.map(
        (f) => html`<tr data-field=${f.field}>
          <th scope="row">${loc.field(f.field)}</th>
          <td class="before">${value(fieldValue(f.field, f.before, loc), loc, 'del')}</td>
          <td class="after">${value(fieldValue(f.field, f.after, loc), loc, 'ins')}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function renderSnapshot(c: change, side: 'before' | 'after', heading: string, loc: Localizer): TemplateResult {
  return renderFieldList(
    c.fields.map((f) => ({ label: loc.field(f.field), value: fieldValue(f.field, f[side], loc) })),
    { heading, emptyValue: loc.t.emptyValue },
  );
}

function renderReasons(c: change, loc: Localizer): TemplateResult {
  const h = changesWords(loc);
  return html`<p class="reasons-title">${c.kind === 'fixed' ? h.reasonsFixed : h.reasonsAppeared}</p>
    <ul class="reasons" part="reasons">
      ${c.reasons.map((r) => html`<li data-reason=${r.code}>${loc.reason(r)}</li>`)}
    </ul>`;
}

/** The body of one change, by kind. */
export function renderChangeBody(c: change, loc: Localizer): TemplateResult {
  const h = changesWords(loc);
  const name = changeTitle(c);
  const hasFields = c.fields.length > 0;
  const hasReasons = c.reasons.length > 0;
  let fields: TemplateResult | typeof nothing = nothing;
  if (hasFields) {
    if (c.kind === 'added') fields = renderSnapshot(c, 'after', h.addedHeading(name), loc);
    else if (c.kind === 'archived') fields = renderSnapshot(c, 'before', h.archivedHeading(name), loc);
    // updated, and a rejection or a fix that came with field changes.
    else fields = renderDiff(c.fields, name, loc);
  }
  return html`${hasReasons ? renderReasons(c, loc) : nothing}${fields}${
    !hasFields && !hasReasons ? html`<p class="muted">${h.noDetail}</p>` : nothing
  }`;
}

export function renderKindBadge(kind: changeKind, loc: Localizer): TemplateResult {
  return html`<span class="kind kind-${kind}" part="kind" data-kind=${kind}>${loc.t.history.kinds[kind]}</span>`;
}

/** One change with its kind and time: used in an expanded contract and in the timeline. */
export function renderChange(c: change, loc: Localizer, meta: unknown = nothing): TemplateResult {
  return html`<article class="change" part="change" data-kind=${c.kind}>
    <p class="change-meta">${renderKindBadge(c.kind, loc)} ${meta}<span class="muted"
        >${changesWords(loc).changeAt(loc.time(c.at))}</span
      ></p>
    ${renderChangeBody(c, loc)}
  </article>`;
}
