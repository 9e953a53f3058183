/** Turns a record as received into the one shape the rest of the pipeline reasons about. */
import { dateFields, type ContractField, type ContractRecord } from '../contract/index.ts';
import type { ReceivedRecord } from './types.ts';
import { parseDate } from './dates.ts';

type Kind = 'text' | 'email' | 'siret' | 'date';

const KIND: Readonly<Partial<Record<ContractField, Kind>>> = {
  emailApprenant: 'email',
  emailPersonnel: 'email',
  emailMaitreApprentissage: 'email',
  siretEntreprise: 'siret',
  ...Object.fromEntries(dateFields.map((f) => [f, 'date'])),
};

export interface Normalised {
  record: ContractRecord;
  /** Date fields that were given but could not be read (their raw text is kept in `record`). */
  badDates: ContractField[];
}

// Typed as string, but push and pull bodies are arbitrary JSON: be liberal in what is read.
function asText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // Kept visible rather than dropped, so validation names the odd value instead of "missing".
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return String(v);
  }
}

/** One field's value, normalised by kind; unreadable dates are kept verbatim and reported. */
function valueOf(
  fields: Partial<Record<ContractField, unknown>>,
  f: ContractField,
  order: 'dmy' | 'mdy',
  badDates: ContractField[],
): string {
  const text = asText(fields[f]);
  if (text === '') return text;
  switch (KIND[f]) {
    case 'email':
      return text.toLowerCase();
    case 'siret':
      return text.replace(/\s+/g, '');
    case 'date': {
      const d = parseDate(text, order);
      if (d !== null) return d;
      badDates.push(f);
      return text;
    }
    default:
      return text;
  }
}

export function normalise(rec: ReceivedRecord, order: 'dmy' | 'mdy'): Normalised {
  const fields = (rec.fields ?? {}) as Partial<Record<ContractField, unknown>>;
  const badDates: ContractField[] = [];
  // Spelled out as one literal on purpose: V8 gives it a fixed shape, where adding 34 keys in a
  // loop degrades to a dictionary object, 5 to 20 times slower to build at 100,000 records.
  // The ContractRecord type makes a forgotten field a compile error.
  const record: ContractRecord = {
    codeContrat: valueOf(fields, 'codeContrat', order, badDates),
    dateDebut: valueOf(fields, 'dateDebut', order, badDates),
    dateFin: valueOf(fields, 'dateFin', order, badDates),
    nomEntreprise: valueOf(fields, 'nomEntreprise', order, badDates),
    siretEntreprise: valueOf(fields, 'siretEntreprise', order, badDates),
    codeGroupe: valueOf(fields, 'codeGroupe', order, badDates),
    nomGroupe: valueOf(fields, 'nomGroupe', order, badDates),
    codeSite: valueOf(fields, 'codeSite', order, badDates),
    nomSite: valueOf(fields, 'nomSite', order, badDates),
    codeMarque: valueOf(fields, 'codeMarque', order, badDates),
    nomMarque: valueOf(fields, 'nomMarque', order, badDates),
    codePeriode: valueOf(fields, 'codePeriode', order, badDates),
    nomPeriode: valueOf(fields, 'nomPeriode', order, badDates),
    codeAnnee: valueOf(fields, 'codeAnnee', order, badDates),
    nomAnnee: valueOf(fields, 'nomAnnee', order, badDates),
    codeFormation: valueOf(fields, 'codeFormation', order, badDates),
    nomFormation: valueOf(fields, 'nomFormation', order, badDates),
    codeApprenant: valueOf(fields, 'codeApprenant', order, badDates),
    nomApprenant: valueOf(fields, 'nomApprenant', order, badDates),
    prenomApprenant: valueOf(fields, 'prenomApprenant', order, badDates),
    emailApprenant: valueOf(fields, 'emailApprenant', order, badDates),
    codePersonnel: valueOf(fields, 'codePersonnel', order, badDates),
    nomPersonnel: valueOf(fields, 'nomPersonnel', order, badDates),
    prenomPersonnel: valueOf(fields, 'prenomPersonnel', order, badDates),
    emailPersonnel: valueOf(fields, 'emailPersonnel', order, badDates),
    codeMaitreApprentissage: valueOf(fields, 'codeMaitreApprentissage', order, badDates),
    nomMaitreApprentissage: valueOf(fields, 'nomMaitreApprentissage', order, badDates),
    prenomMaitreApprentissage: valueOf(fields, 'prenomMaitreApprentissage', order, badDates),
    emailMaitreApprentissage: valueOf(fields, 'emailMaitreApprentissage', order, badDates),
    missionTitle: valueOf(fields, 'missionTitle', order, badDates),
    missionDetails: valueOf(fields, 'missionDetails', order, badDates),
    monthStartGroup: valueOf(fields, 'monthStartGroup', order, badDates),
    rncp: valueOf(fields, 'rncp', order, badDates),
    dateResiliation: valueOf(fields, 'dateResiliation', order, badDates),
  };
  return { record, badDates };
}
