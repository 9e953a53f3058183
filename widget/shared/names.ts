/**
 * How a learner and a contract are named on screen. One module, so the same thing is never
 * named two ways: the Données tables list learners last name first (as CFA staff sort them),
 * the history says them as it recorded them; a contract is its code, or, for a record that could
 * not be filed under its own code, where it came from — never the internal key standing for it.
 */
import type { change, contractItem } from '../../contract/api.ts';
import type { contractRecord } from '../../contract/fields.ts';
import type { Localizer } from './i18n/localize.ts';

/** "DUPONT Hélène"; '' when the ERP sent no name. */
export function lastNameFirst(d: Pick<contractRecord, 'nomApprenant' | 'prenomApprenant'>): string {
  return `${d.nomApprenant} ${d.prenomApprenant}`.trim();
}

/** "Hélène Dupont", the order of a history change's `learner`; '' when the ERP sent no name. */
export function firstNameFirst(d: Pick<contractRecord, 'nomApprenant' | 'prenomApprenant'>): string {
  return `${d.prenomApprenant} ${d.nomApprenant}`.trim();
}

/**
 * A contract as the user knows it: « 2025-000098 », or for a codeless or duplicated record
 * « sans code (ligne 82) », « 2025-000098 (2e copie, ligne 98) » (position in the snapshot when
 * it came from no file line). `codeContrat` is then an internal key, never shown.
 */
export function contractLabel(
  item: Pick<contractItem, 'codeContrat' | 'origin'> & { data: Pick<contractRecord, 'codeContrat'> },
  loc: Localizer,
): string {
  const { origin } = item;
  if (!origin) return item.codeContrat;
  const t = loc.t;
  const where = origin.line !== null ? t.originLine(loc.number(origin.line)) : t.originPosition(loc.number(origin.index + 1));
  const code = item.data.codeContrat;
  return code ? t.originCopy(code, loc.ordinal(origin.copy), where) : t.originNoCode(where);
}

/**
 * A history change's contract as the user knows it: its code, or for a record not filed under its
 * own code where it came from (« sans code (ligne 82) »), never the internal key (`#index:N`).
 */
export function changeContractLabel(c: Pick<change, 'codeContrat' | 'origin' | 'fields'>, loc: Localizer): string {
  if (!c.origin) return c.codeContrat;
  const sent = c.fields.find((f) => f.field === 'codeContrat');
  const code = sent ? sent.after || sent.before : '';
  return contractLabel({ codeContrat: c.codeContrat, origin: c.origin, data: { codeContrat: code } }, loc);
}
