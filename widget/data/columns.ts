/**
 * Columns of the two tables of <erp-sync-data>, and the detail row's field list. Built per
 * render from a Localizer, so a `lang` switch relabels everything.
 */
import { html } from 'lit';
import type { contractItem, contractSort } from '../../contract/api.ts';
import { contractFields, dateFields } from '../../contract/constants.ts';
import type { Localizer } from '../shared/i18n/localize.ts';
import { contractLabel, lastNameFirst } from '../shared/names.ts';
import type { Column, FieldEntry } from '../shared/pieces/data-table.ts';

export type ContractColumn = Column<contractItem> & { sortKey?: contractSort };

/** Who a row is about: "DUPONT Hélène" (as CFA staff list learners), or the contract when the ERP sent no name. */
export function rowName(item: contractItem, loc: Localizer): string {
  return lastNameFirst(item.data) || contractLabel(item, loc);
}

function person(last: string, first: string, email: string, loc: Localizer) {
  const name = `${last} ${first}`.trim();
  return html`${name || html`<span class="muted">${loc.t.emptyValue}</span>`}${
    email ? html`<br /><span class="muted">${email}</span>` : ''
  }`;
}

function orDash(value: string, loc: Localizer) {
  return value || html`<span class="muted">${loc.t.emptyValue}</span>`;
}

/** Default columns of "Contrats intégrés": the data an administrator checks at a glance. */
export function integratedColumns(loc: Localizer): ContractColumn[] {
  const c = loc.t.columns;
  return [
    { id: 'learner', label: c.learner, sortKey: 'learner', rowHeader: true, cell: (i) => rowName(i, loc) },
    { id: 'email', label: c.email, cell: (i) => orDash(i.data.emailApprenant, loc) },
    { id: 'formation', label: c.formation, sortKey: 'formation', card: true, cell: (i) => orDash(i.data.nomFormation, loc) },
    { id: 'group', label: c.group, sortKey: 'group', cell: (i) => orDash(i.data.nomGroupe, loc) },
    { id: 'site', label: c.site, sortKey: 'site', cell: (i) => orDash(i.data.nomSite, loc) },
    { id: 'company', label: c.company, sortKey: 'company', card: true, cell: (i) => orDash(i.data.nomEntreprise, loc) },
    {
      id: 'companyTutor',
      label: c.companyTutor,
      cell: (i) => person(i.data.nomMaitreApprentissage, i.data.prenomMaitreApprentissage, i.data.emailMaitreApprentissage, loc),
    },
    {
      id: 'dates',
      label: c.dates,
      sortKey: 'dateDebut',
      cell: (i) => loc.t.dateRange(loc.date(i.data.dateDebut) || '?', loc.date(i.data.dateFin) || '?'),
    },
  ];
}

/** "Contrats non intégrés": who, which contract, which formation, every reason in plain words, since when. */
export function rejectedColumns(loc: Localizer): ContractColumn[] {
  const c = loc.t.columns;
  return [
    { id: 'learner', label: c.learner, sortKey: 'learner', rowHeader: true, cell: (i) => rowName(i, loc) },
    // The code to look for in the ERP; a codeless or duplicated record says where it came from.
    // Email and company tell two homonyms apart without opening their rows.
    { id: 'email', label: c.email, cell: (i) => orDash(i.data.emailApprenant, loc) },
    { id: 'contract', label: c.contract, sortKey: 'code', cell: (i) => contractLabel(i, loc) },
    { id: 'formation', label: c.formation, sortKey: 'formation', card: true, cell: (i) => orDash(i.data.nomFormation, loc) },
    { id: 'company', label: c.company, sortKey: 'company', card: true, cell: (i) => orDash(i.data.nomEntreprise, loc) },
    {
      id: 'reasons',
      label: c.reasons,
      card: true,
      // Messages are rebuilt here from the codes, not taken from the server, so they follow `lang`.
      cell: (i) => html`<ul class="reasons">
        ${i.reasons.map((r) => html`<li data-reason=${r.code}>${loc.reason(r)}</li>`)}
      </ul>`,
    },
    { id: 'since', label: c.since, sortKey: 'since', cell: (i) => loc.date(i.since) },
    {
      id: 'validVersion',
      label: c.validVersion,
      cell: (i) => (i.hasValidVersion ? loc.t.validVersionKept : html`<span class="muted">${loc.t.noValidVersion}</span>`),
    },
  ];
}

/**
 * Every field of the contract, with its label from the contract module (fieldLabels). The fields
 * a reason names come first, flagged "À corriger": what to fix is the first thing read.
 */
export function detailEntries(item: contractItem, loc: Localizer): FieldEntry[] {
  const faulty = new Set(item.reasons.map((r) => r.field));
  const entries = contractFields.map((field): FieldEntry => {
    const raw = item.data[field];
    const value = dateFields.includes(field) ? loc.date(raw) : raw;
    return { label: loc.field(field), value, field, flag: faulty.has(field) ? loc.t.toFix : undefined };
  });
  return [...entries.filter((e) => e.flag), ...entries.filter((e) => !e.flag)];
}
