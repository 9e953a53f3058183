/**
 * Why a received contract is not integrated. One code per rule; a contract carries every
 * reason that applies, each naming the ERP field to fix and the offending value.
 * Messages live here so the server (CSV export, API) and the widgets say the same words.
 */
import { z } from 'zod/mini';
import { fieldLabels, type contractField, type lang } from './fields.ts';

export const reasonCodes = [
  'EMPLOYER_MISSING',
  'TUTOR_MISSING',
  'TUTOR_EMAIL_MISSING',
  'TUTOR_EMAIL_INVALID',
  'SCHOOL_TUTOR_MISSING',
  'SCHOOL_TUTOR_EMAIL_MISSING',
  'SCHOOL_TUTOR_EMAIL_INVALID',
  'LEARNER_MISSING',
  'LEARNER_EMAIL_MISSING',
  'LEARNER_EMAIL_INVALID',
  'STRUCTURE_MISSING',
  'GROUP_UNKNOWN',
  'DATE_INVALID',
  'DATES_INCOHERENT',
  'RNCP_INVALID',
  'SIRET_INVALID',
  'CONTRACT_CODE_MISSING',
  'DUPLICATE_CONTRACT',
  'CODE_CONFLICT',
  'EMAIL_CONFLICT',
  'ROW_MALFORMED',
] as const;

export const reasonCode = z.enum(reasonCodes);
export type reasonCode = z.infer<typeof reasonCode>;

/** A reason as the core produces it and the store keeps it. */
export const reason = z.object({
  code: reasonCode,
  /** The ERP field to fix (a contract field name, or a CSV column for ROW_MALFORMED). */
  field: z.string(),
  /** The offending value as received ('' when missing). */
  value: z.string(),
  /** Optional detail: the other contract/person involved in a conflict, a parse error... */
  detail: z.optional(z.string()),
});
export type reason = z.infer<typeof reason>;

/** A reason as the API serves it: with its message in the requested language. */
export const reasonView = z.extend(reason, { message: z.string() });
export type reasonView = z.infer<typeof reasonView>;

type Template = (r: { field: string; value: string; detail?: string; label: string }) => string;

const q = (s: string) => `« ${s} »`;

const fr: Record<reasonCode, Template> = {
  EMPLOYER_MISSING: (r) => `Entreprise manquante : renseignez ${r.label} (${r.field}) dans l'ERP.`,
  TUTOR_MISSING: (r) => `Maître d'apprentissage manquant : renseignez ${r.label} (${r.field}) dans l'ERP.`,
  TUTOR_EMAIL_MISSING: (r) => `Email du maître d'apprentissage manquant : renseignez ${r.field} dans l'ERP.`,
  TUTOR_EMAIL_INVALID: (r) => `Email du maître d'apprentissage invalide (${q(r.value)}) : corrigez ${r.field} dans l'ERP.`,
  SCHOOL_TUTOR_MISSING: (r) => `Tuteur école manquant : renseignez ${r.label} (${r.field}) dans l'ERP.`,
  SCHOOL_TUTOR_EMAIL_MISSING: (r) => `Email du tuteur école manquant : renseignez ${r.field} dans l'ERP.`,
  SCHOOL_TUTOR_EMAIL_INVALID: (r) => `Email du tuteur école invalide (${q(r.value)}) : corrigez ${r.field} dans l'ERP.`,
  LEARNER_MISSING: (r) => `Apprenant incomplet : renseignez ${r.label} (${r.field}) dans l'ERP.`,
  LEARNER_EMAIL_MISSING: (r) => `Email de l'apprenant manquant : renseignez ${r.field} dans l'ERP.`,
  LEARNER_EMAIL_INVALID: (r) => `Email de l'apprenant invalide (${q(r.value)}) : corrigez ${r.field} dans l'ERP.`,
  STRUCTURE_MISSING: (r) => `Structure incomplète : renseignez ${r.label} (${r.field}) dans l'ERP.`,
  GROUP_UNKNOWN: (r) => `Groupe inconnu sur la plateforme (${q(r.value)}) : créez la session ou corrigez ${r.field} dans l'ERP.`,
  DATE_INVALID: (r) => `Date illisible (${q(r.value)}) : corrigez ${r.label} (${r.field}) au format JJ/MM/AAAA dans l'ERP.`,
  DATES_INCOHERENT: (r) => `La fin du contrat précède son début (${r.value}) : corrigez ${r.field} dans l'ERP.`,
  RNCP_INVALID: (r) => `Code RNCP invalide (${q(r.value)}) : corrigez ${r.field} dans l'ERP (ex. RNCP38362).`,
  SIRET_INVALID: (r) => `SIRET invalide (${q(r.value)}, 14 chiffres attendus) : corrigez ${r.field} dans l'ERP.`,
  CONTRACT_CODE_MISSING: (r) => `Code contrat manquant : renseignez ${r.field} dans l'ERP.`,
  DUPLICATE_CONTRACT: (r) =>
    `Code contrat ${q(r.value)} présent plusieurs fois dans l'envoi${r.detail ? ` (${r.detail})` : ''} : un seul contrat par code dans l'ERP.`,
  CODE_CONFLICT: (r) =>
    `Code ${q(r.value)} porté par plusieurs personnes ou rôles${r.detail ? ` (${r.detail})` : ''} : corrigez ${r.field} dans l'ERP.`,
  EMAIL_CONFLICT: (r) =>
    `Email ${q(r.value)} utilisé par plusieurs personnes${r.detail ? ` (${r.detail})` : ''} : un email par personne, corrigez ${r.field} dans l'ERP.`,
  ROW_MALFORMED: (r) => `Ligne illisible${r.detail ? ` (${r.detail})` : ''} : vérifiez l'export de l'ERP.`,
};

const en: Record<reasonCode, Template> = {
  EMPLOYER_MISSING: (r) => `Employer missing: fill in ${r.label} (${r.field}) in the ERP.`,
  TUTOR_MISSING: (r) => `Company tutor missing: fill in ${r.label} (${r.field}) in the ERP.`,
  TUTOR_EMAIL_MISSING: (r) => `Company tutor email missing: fill in ${r.field} in the ERP.`,
  TUTOR_EMAIL_INVALID: (r) => `Company tutor email invalid (${JSON.stringify(r.value)}): fix ${r.field} in the ERP.`,
  SCHOOL_TUTOR_MISSING: (r) => `School tutor missing: fill in ${r.label} (${r.field}) in the ERP.`,
  SCHOOL_TUTOR_EMAIL_MISSING: (r) => `School tutor email missing: fill in ${r.field} in the ERP.`,
  SCHOOL_TUTOR_EMAIL_INVALID: (r) => `School tutor email invalid (${JSON.stringify(r.value)}): fix ${r.field} in the ERP.`,
  LEARNER_MISSING: (r) => `Learner incomplete: fill in ${r.label} (${r.field}) in the ERP.`,
  LEARNER_EMAIL_MISSING: (r) => `Learner email missing: fill in ${r.field} in the ERP.`,
  LEARNER_EMAIL_INVALID: (r) => `Learner email invalid (${JSON.stringify(r.value)}): fix ${r.field} in the ERP.`,
  STRUCTURE_MISSING: (r) => `Structure incomplete: fill in ${r.label} (${r.field}) in the ERP.`,
  GROUP_UNKNOWN: (r) => `Group unknown on the platform (${JSON.stringify(r.value)}): create the session or fix ${r.field} in the ERP.`,
  DATE_INVALID: (r) => `Unreadable date (${JSON.stringify(r.value)}): fix ${r.label} (${r.field}) as DD/MM/YYYY in the ERP.`,
  DATES_INCOHERENT: (r) => `Contract ends before it starts (${r.value}): fix ${r.field} in the ERP.`,
  RNCP_INVALID: (r) => `Invalid RNCP code (${JSON.stringify(r.value)}): fix ${r.field} in the ERP (e.g. RNCP38362).`,
  SIRET_INVALID: (r) => `Invalid SIRET (${JSON.stringify(r.value)}, 14 digits expected): fix ${r.field} in the ERP.`,
  CONTRACT_CODE_MISSING: (r) => `Contract code missing: fill in ${r.field} in the ERP.`,
  DUPLICATE_CONTRACT: (r) =>
    `Contract code ${JSON.stringify(r.value)} sent more than once${r.detail ? ` (${r.detail})` : ''}: one contract per code in the ERP.`,
  CODE_CONFLICT: (r) =>
    `Code ${JSON.stringify(r.value)} used by several people or roles${r.detail ? ` (${r.detail})` : ''}: fix ${r.field} in the ERP.`,
  EMAIL_CONFLICT: (r) =>
    `Email ${JSON.stringify(r.value)} used by several people${r.detail ? ` (${r.detail})` : ''}: one email per person, fix ${r.field} in the ERP.`,
  ROW_MALFORMED: (r) => `Unreadable row${r.detail ? ` (${r.detail})` : ''}: check the ERP export.`,
};

const templates: Record<lang, Record<reasonCode, Template>> = { fr, en };

/** Short label of a reason code, for filter chips ("Entreprise manquante · 25"). */
export const reasonLabels: Record<lang, Record<reasonCode, string>> = {
  fr: {
    EMPLOYER_MISSING: 'Entreprise manquante',
    TUTOR_MISSING: "Maître d'apprentissage manquant",
    TUTOR_EMAIL_MISSING: 'Email maître d’apprentissage manquant',
    TUTOR_EMAIL_INVALID: 'Email maître d’apprentissage invalide',
    SCHOOL_TUTOR_MISSING: 'Tuteur école manquant',
    SCHOOL_TUTOR_EMAIL_MISSING: 'Email tuteur école manquant',
    SCHOOL_TUTOR_EMAIL_INVALID: 'Email tuteur école invalide',
    LEARNER_MISSING: 'Apprenant incomplet',
    LEARNER_EMAIL_MISSING: 'Email apprenant manquant',
    LEARNER_EMAIL_INVALID: 'Email apprenant invalide',
    STRUCTURE_MISSING: 'Structure incomplète',
    GROUP_UNKNOWN: 'Groupe inconnu',
    DATE_INVALID: 'Date illisible',
    DATES_INCOHERENT: 'Dates incohérentes',
    RNCP_INVALID: 'RNCP invalide',
    SIRET_INVALID: 'SIRET invalide',
    CONTRACT_CODE_MISSING: 'Code contrat manquant',
    DUPLICATE_CONTRACT: 'Contrat en double',
    CODE_CONFLICT: 'Code en conflit',
    EMAIL_CONFLICT: 'Email en conflit',
    ROW_MALFORMED: 'Ligne illisible',
  },
  en: {
    EMPLOYER_MISSING: 'Employer missing',
    TUTOR_MISSING: 'Company tutor missing',
    TUTOR_EMAIL_MISSING: 'Company tutor email missing',
    TUTOR_EMAIL_INVALID: 'Company tutor email invalid',
    SCHOOL_TUTOR_MISSING: 'School tutor missing',
    SCHOOL_TUTOR_EMAIL_MISSING: 'School tutor email missing',
    SCHOOL_TUTOR_EMAIL_INVALID: 'School tutor email invalid',
    LEARNER_MISSING: 'Learner incomplete',
    LEARNER_EMAIL_MISSING: 'Learner email missing',
    LEARNER_EMAIL_INVALID: 'Learner email invalid',
    STRUCTURE_MISSING: 'Structure incomplete',
    GROUP_UNKNOWN: 'Unknown group',
    DATE_INVALID: 'Unreadable date',
    DATES_INCOHERENT: 'Inconsistent dates',
    RNCP_INVALID: 'Invalid RNCP',
    SIRET_INVALID: 'Invalid SIRET',
    CONTRACT_CODE_MISSING: 'Contract code missing',
    DUPLICATE_CONTRACT: 'Duplicate contract',
    CODE_CONFLICT: 'Conflicting code',
    EMAIL_CONFLICT: 'Conflicting email',
    ROW_MALFORMED: 'Unreadable row',
  },
};

function labelOf(field: string, lang: lang): string {
  return (fieldLabels[lang] as Record<string, string>)[field] ?? field;
}

/** The sentence shown to an administrator, naming the ERP field to fix. */
export function reasonMessage(r: reason, lang: lang = 'fr'): string {
  return templates[lang][r.code]({ ...r, label: labelOf(r.field as contractField, lang) });
}

export function withMessage(r: reason, lang: lang = 'fr'): reasonView {
  return { ...r, message: reasonMessage(r, lang) };
}
