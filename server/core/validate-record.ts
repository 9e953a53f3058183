/** The rules one record must pass on its own (the cross-record rules live in cross-check.ts). */
import type { contractField, contractRecord, reason, reasonCode } from '../../contract/index.ts';

// Pragmatic on purpose: one @, no spaces, a dot in the domain. Stricter RFC checks reject
// addresses that mail servers accept and the ERP's users really have.
const EMAIL = /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]*[^\s@.]$/;
const RNCP = /^(RNCP)?\d{2,5}$/i;
const SIRET = /^\d{14}$/;

export function isValidEmail(s: string): boolean {
  return EMAIL.test(s);
}

const STRUCTURE_FIELDS: readonly contractField[] = [
  'codeSite',
  'nomSite',
  'codePeriode',
  'nomPeriode',
  'codeFormation',
  'nomFormation',
  'codeAnnee',
  'nomAnnee',
  'codeGroupe',
  'nomGroupe',
];

interface Person {
  fields: readonly contractField[];
  missing: reasonCode;
  email: contractField;
  emailMissing: reasonCode;
  emailInvalid: reasonCode;
}

const PEOPLE: readonly Person[] = [
  {
    fields: ['codeApprenant', 'nomApprenant', 'prenomApprenant'],
    missing: 'LEARNER_MISSING',
    email: 'emailApprenant',
    emailMissing: 'LEARNER_EMAIL_MISSING',
    emailInvalid: 'LEARNER_EMAIL_INVALID',
  },
  {
    fields: ['codePersonnel', 'nomPersonnel', 'prenomPersonnel'],
    missing: 'SCHOOL_TUTOR_MISSING',
    email: 'emailPersonnel',
    emailMissing: 'SCHOOL_TUTOR_EMAIL_MISSING',
    emailInvalid: 'SCHOOL_TUTOR_EMAIL_INVALID',
  },
  {
    fields: ['codeMaitreApprentissage', 'nomMaitreApprentissage', 'prenomMaitreApprentissage'],
    missing: 'TUTOR_MISSING',
    email: 'emailMaitreApprentissage',
    emailMissing: 'TUTOR_EMAIL_MISSING',
    emailInvalid: 'TUTOR_EMAIL_INVALID',
  },
];

// The two checks below restate STRUCTURE_FIELDS and PEOPLE with direct reads: nearly every
// record is complete, and this fast path is what keeps 100,000 records cheap to validate.
function structureComplete(r: contractRecord): boolean {
  return (
    r.codeSite !== '' &&
    r.nomSite !== '' &&
    r.codePeriode !== '' &&
    r.nomPeriode !== '' &&
    r.codeFormation !== '' &&
    r.nomFormation !== '' &&
    r.codeAnnee !== '' &&
    r.nomAnnee !== '' &&
    r.codeGroupe !== '' &&
    r.nomGroupe !== ''
  );
}

function peopleNamed(r: contractRecord): boolean {
  return (
    r.codeApprenant !== '' &&
    r.nomApprenant !== '' &&
    r.prenomApprenant !== '' &&
    r.codePersonnel !== '' &&
    r.nomPersonnel !== '' &&
    r.prenomPersonnel !== '' &&
    r.codeMaitreApprentissage !== '' &&
    r.nomMaitreApprentissage !== '' &&
    r.prenomMaitreApprentissage !== ''
  );
}

function reasonOf(code: reasonCode, field: string, value: string): reason {
  return { code, field, value };
}

/**
 * Every reason that applies to one normalised record, so that the admin can fix them all in
 * one pass in the ERP. `badDates` comes from normalise(); `malformed` from the source reader.
 */
export function validateRecord(record: contractRecord, badDates: readonly contractField[], malformed?: string): reason[] {
  const out: reason[] = [];

  if (malformed) out.push({ code: 'ROW_MALFORMED', field: '', value: '', detail: malformed });
  if (record.codeContrat === '') out.push(reasonOf('CONTRACT_CODE_MISSING', 'codeContrat', ''));
  if (record.nomEntreprise === '') out.push(reasonOf('EMPLOYER_MISSING', 'nomEntreprise', ''));
  if (record.siretEntreprise !== '' && !SIRET.test(record.siretEntreprise)) {
    out.push(reasonOf('SIRET_INVALID', 'siretEntreprise', record.siretEntreprise));
  }
  if (!structureComplete(record)) {
    for (const f of STRUCTURE_FIELDS) if (record[f] === '') out.push(reasonOf('STRUCTURE_MISSING', f, ''));
  }

  const peopleComplete = peopleNamed(record);
  for (const p of PEOPLE) {
    if (!peopleComplete) for (const f of p.fields) if (record[f] === '') out.push(reasonOf(p.missing, f, ''));
    const email = record[p.email];
    if (email === '') out.push(reasonOf(p.emailMissing, p.email, ''));
    else if (!isValidEmail(email)) out.push(reasonOf(p.emailInvalid, p.email, email));
  }

  for (const f of badDates) out.push(reasonOf('DATE_INVALID', f, record[f]));
  if (
    record.dateDebut !== '' &&
    record.dateFin !== '' &&
    !badDates.includes('dateDebut') &&
    !badDates.includes('dateFin') &&
    record.dateFin < record.dateDebut
  ) {
    out.push(reasonOf('DATES_INCOHERENT', 'dateFin', `${record.dateDebut} → ${record.dateFin}`));
  }

  if (record.rncp !== '' && !RNCP.test(record.rncp)) out.push(reasonOf('RNCP_INVALID', 'rncp', record.rncp));
  return out;
}
