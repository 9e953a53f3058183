/** The contract in English (loaded on demand by the widgets; the server answers in it too). */
import type { conflictParty, personRole } from '../reasons.ts';
import type { Wording } from './wording.ts';

/**
 * Every ISO day in a text as dd/mm/yyyy (wording.ts's `dayOf`, copied: English is a chunk of its
 * own, and importing a value from wording.ts would make it load the French bundle's module graph).
 */
const dayOf = (text: string) => text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');

const q = (s: string) => JSON.stringify(s);
const more = (detail: string | undefined) => (detail ? ` (${detail})` : '');

const roles: Record<personRole, string> = { learner: 'learner', schoolTutor: 'school tutor', tutor: 'company tutor' };

/** "Valérie Guérin (company tutor, contract 2025-000646)". */
function party(p: conflictParty): string {
  const where = p.codeContrat ? `contract ${p.codeContrat}` : 'contract without a code';
  return `${p.name || 'someone without a name'} (${roles[p.role]}, ${where})`;
}

/** "A, B and C", "A and 3 others". */
function parties(others: readonly conflictParty[] | undefined, hidden: number | undefined): string {
  const named = (others ?? []).map(party);
  if (hidden) named.push(hidden === 1 ? '1 other person' : `${hidden} other people`);
  if (named.length === 0) return 'someone else';
  return named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

function times(detail: string | undefined): string {
  const n = /^×(\d+)$/.exec(detail ?? '');
  return n ? `${n[1]} times` : 'more than once';
}

function dateSpan(value: string): string {
  const [start, end] = value.split(' → ');
  return end === undefined ? dayOf(value) : `starts ${dayOf(start)}, ends ${dayOf(end)}`;
}

export const en: Wording = {
  fieldLabels: {
    codeContrat: 'Contract code',
    dateDebut: 'Contract start',
    dateFin: 'Contract end',
    nomEntreprise: 'Employer',
    siretEntreprise: 'SIRET',
    codeGroupe: 'Group code',
    nomGroupe: 'Group',
    codeSite: 'Site code',
    nomSite: 'Site',
    codeMarque: 'Brand code',
    nomMarque: 'Brand',
    codePeriode: 'Period code',
    nomPeriode: 'Period',
    codeAnnee: 'Year code',
    nomAnnee: 'Year',
    codeFormation: 'Programme code',
    nomFormation: 'Programme',
    codeApprenant: 'Learner code',
    nomApprenant: 'Learner last name',
    prenomApprenant: 'Learner first name',
    emailApprenant: 'Learner email',
    codePersonnel: 'School tutor code',
    nomPersonnel: 'School tutor last name',
    prenomPersonnel: 'School tutor first name',
    emailPersonnel: 'School tutor email',
    codeMaitreApprentissage: 'Company tutor code',
    nomMaitreApprentissage: 'Company tutor last name',
    prenomMaitreApprentissage: 'Company tutor first name',
    emailMaitreApprentissage: 'Company tutor email',
    missionTitle: 'Mission title',
    missionDetails: 'Mission details',
    monthStartGroup: 'Intake month',
    rncp: 'RNCP code',
    dateResiliation: 'Termination date',
  },
  reasonLabels: {
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
  reasonTemplates: {
    EMPLOYER_MISSING: (r) => `Employer missing: fill in ${q(r.label)} (${r.field}) in the ERP.`,
    TUTOR_MISSING: (r) => `Company tutor missing: fill in ${q(r.label)} (${r.field}) in the ERP.`,
    TUTOR_EMAIL_MISSING: (r) => `Company tutor email missing: fill in the company tutor’s email (${r.field}) in the ERP.`,
    TUTOR_EMAIL_INVALID: (r) => `Company tutor email invalid (${q(r.value)}): fix the company tutor’s email (${r.field}) in the ERP.`,
    SCHOOL_TUTOR_MISSING: (r) => `School tutor missing: fill in ${q(r.label)} (${r.field}) in the ERP.`,
    SCHOOL_TUTOR_EMAIL_MISSING: (r) => `School tutor email missing: fill in the school tutor’s email (${r.field}) in the ERP.`,
    SCHOOL_TUTOR_EMAIL_INVALID: (r) => `School tutor email invalid (${q(r.value)}): fix the school tutor’s email (${r.field}) in the ERP.`,
    LEARNER_MISSING: (r) => `Learner incomplete: fill in ${q(r.label)} (${r.field}) in the ERP.`,
    LEARNER_EMAIL_MISSING: (r) => `Learner email missing: fill in the learner’s email (${r.field}) in the ERP.`,
    LEARNER_EMAIL_INVALID: (r) => `Learner email invalid (${q(r.value)}): fix the learner’s email (${r.field}) in the ERP.`,
    STRUCTURE_MISSING: (r) => `Structure incomplete: fill in ${q(r.label)} (${r.field}) in the ERP.`,
    GROUP_UNKNOWN: (r) =>
      `Group unknown on the platform (${q(r.value)}): create the session on the platform, or fix the group code (${r.field}) in the ERP.`,
    DATE_INVALID: (r) => `Unreadable date (${q(dayOf(r.value))}): fix ${q(r.label)} (${r.field}) as DD/MM/YYYY in the ERP.`,
    DATES_INCOHERENT: (r) =>
      `The contract ends before it starts (${dateSpan(r.value)}): fix the contract’s start or end date (${r.field}) in the ERP.`,
    RNCP_INVALID: (r) => `Invalid RNCP code (${q(r.value)}): fix the RNCP code (${r.field}) in the ERP, e.g. RNCP38362.`,
    SIRET_INVALID: (r) => `Invalid SIRET (${q(r.value)}, 14 digits expected): fix the employer’s SIRET (${r.field}) in the ERP.`,
    CONTRACT_CODE_MISSING: (r) => `Contract code missing: fill in the contract’s code (${r.field}) in the ERP.`,
    DUPLICATE_CONTRACT: (r) =>
      `Contract ${q(r.value)} was sent ${times(r.detail)}: keep one contract with this code (${r.field}) in the ERP.`,
    CODE_CONFLICT: (r) =>
      `Code ${q(r.value)} is also that of ${parties(r.others, r.more)}: one code per person, fix it (${r.field}) in the ERP.`,
    EMAIL_CONFLICT: (r) =>
      `The email ${r.value} is also that of ${parties(r.others, r.more)}: one address per person, fix it (${r.field}) in the ERP.`,
    ROW_MALFORMED: (r) => `Unreadable row${more(r.detail)}: check the ERP export.`,
  },
};
