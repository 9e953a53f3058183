/**
 * The contract in French, the default language. French typography: a narrow no-break space
 * (U+202F) before « : ; ! ? » and inside guillemets, a curly apostrophe (’); checked for every
 * string by test/node/i18n/french-typography.test.ts.
 */
import type { conflictParty, personRole } from '../reasons.ts';
import { frFieldLabels, frReasonLabels } from './fr-labels.ts';
import { dayOf, type Wording } from './wording.ts';

/** « text », with the narrow no-break spaces French puts inside guillemets. */
const q = (s: string) => `«\u202f${s}\u202f»`;
/** " (detail)" when there is one. */
const more = (detail: string | undefined) => (detail ? ` (${detail})` : '');

const roles: Record<personRole, string> = {
  learner: 'apprenant',
  schoolTutor: 'tuteur école',
  tutor: 'maître d’apprentissage',
};

/** « Valérie Guérin (maître d’apprentissage, contrat 2025-000646) ». */
function party(p: conflictParty): string {
  const where = p.codeContrat ? `contrat ${p.codeContrat}` : 'contrat sans code';
  return `${p.name || 'une personne sans nom'} (${roles[p.role]}, ${where})`;
}

/** « A, B et C », « A et 3 autres personnes »: the other people of a conflict, in words. */
function parties(others: readonly conflictParty[] | undefined, hidden: number | undefined): string {
  const named = (others ?? []).map(party);
  if (hidden) named.push(hidden === 1 ? '1 autre personne' : `${hidden} autres personnes`);
  if (named.length === 0) return 'une autre personne';
  return named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} et ${named[named.length - 1]}`;
}

/** « 3 fois » from the core's « ×3 »; « plusieurs fois » otherwise. */
function times(detail: string | undefined): string {
  const n = /^×(\d+)$/.exec(detail ?? '');
  return n ? `${n[1]} fois` : 'plusieurs fois';
}

/** « début le 01/09/2025, fin le 31/08/2025 » from the core's « 2025-09-01 → 2025-08-31 ». */
function dateSpan(value: string): string {
  const [start, end] = value.split(' → ');
  return end === undefined ? dayOf(value) : `début le ${dayOf(start)}, fin le ${dayOf(end)}`;
}

/** The reason sentences, naming the ERP field to fix. */
export const frReasonTemplates: Wording['reasonTemplates'] = {
  EMPLOYER_MISSING: (r) => `Entreprise manquante\u202f: renseignez ${q(r.label)} (${r.field}) dans l’ERP.`,
  TUTOR_MISSING: (r) => `Maître d’apprentissage manquant\u202f: renseignez ${q(r.label)} (${r.field}) dans l’ERP.`,
  TUTOR_EMAIL_MISSING: (r) =>
    `Email du maître d’apprentissage manquant\u202f: renseignez l’email du maître d’apprentissage (${r.field}) dans l’ERP.`,
  TUTOR_EMAIL_INVALID: (r) =>
    `Email du maître d’apprentissage invalide (${q(r.value)})\u202f: corrigez l’email du maître d’apprentissage (${r.field}) dans l’ERP.`,
  SCHOOL_TUTOR_MISSING: (r) => `Tuteur école manquant\u202f: renseignez ${q(r.label)} (${r.field}) dans l’ERP.`,
  SCHOOL_TUTOR_EMAIL_MISSING: (r) => `Email du tuteur école manquant\u202f: renseignez l’email du tuteur école (${r.field}) dans l’ERP.`,
  SCHOOL_TUTOR_EMAIL_INVALID: (r) =>
    `Email du tuteur école invalide (${q(r.value)})\u202f: corrigez l’email du tuteur école (${r.field}) dans l’ERP.`,
  LEARNER_MISSING: (r) => `Apprenant incomplet\u202f: renseignez ${q(r.label)} (${r.field}) dans l’ERP.`,
  LEARNER_EMAIL_MISSING: (r) => `Email de l’apprenant manquant\u202f: renseignez l’email de l’apprenant (${r.field}) dans l’ERP.`,
  LEARNER_EMAIL_INVALID: (r) =>
    `Email de l’apprenant invalide (${q(r.value)})\u202f: corrigez l’email de l’apprenant (${r.field}) dans l’ERP.`,
  STRUCTURE_MISSING: (r) => `Structure incomplète\u202f: renseignez ${q(r.label)} (${r.field}) dans l’ERP.`,
  GROUP_UNKNOWN: (r) =>
    `Groupe inconnu sur la plateforme (${q(r.value)})\u202f: créez la session sur la plateforme, ou corrigez le code groupe (${r.field}) dans l’ERP.`,
  DATE_INVALID: (r) => `Date illisible (${q(dayOf(r.value))})\u202f: corrigez ${q(r.label)} (${r.field}) au format JJ/MM/AAAA dans l’ERP.`,
  DATES_INCOHERENT: (r) =>
    `La fin du contrat précède son début (${dateSpan(r.value)})\u202f: corrigez la date de début ou de fin du contrat (${r.field}) dans l’ERP.`,
  RNCP_INVALID: (r) => `Code RNCP invalide (${q(r.value)})\u202f: corrigez le code RNCP (${r.field}) dans l’ERP, par exemple RNCP38362.`,
  SIRET_INVALID: (r) =>
    `SIRET invalide (${q(r.value)}, 14 chiffres attendus)\u202f: corrigez le SIRET de l’entreprise (${r.field}) dans l’ERP.`,
  CONTRACT_CODE_MISSING: (r) => `Code contrat manquant\u202f: renseignez le code du contrat (${r.field}) dans l’ERP.`,
  DUPLICATE_CONTRACT: (r) =>
    `Le contrat ${q(r.value)} a été envoyé ${times(r.detail)}\u202f: gardez un seul contrat avec ce code (${r.field}) dans l’ERP.`,
  CODE_CONFLICT: (r) =>
    `Le code ${q(r.value)} est aussi celui de ${parties(r.others, r.more)}\u202f: un code par personne, corrigez-le (${r.field}) dans l’ERP.`,
  EMAIL_CONFLICT: (r) =>
    `L’email ${r.value} est aussi celui de ${parties(r.others, r.more)}\u202f: une adresse par personne, corrigez-la (${r.field}) dans l’ERP.`,
  ROW_MALFORMED: (r) => `Ligne illisible${more(r.detail)}\u202f: vérifiez l’export de l’ERP.`,
};

export const fr: Wording = { fieldLabels: frFieldLabels, reasonLabels: frReasonLabels, reasonTemplates: frReasonTemplates };
